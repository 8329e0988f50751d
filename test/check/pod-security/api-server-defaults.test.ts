import { describe, expect, it } from "vitest";
import { applyApiServerDefaults } from "../../../src/check/pod-security/api-server-defaults.js";
import { readPodSpec } from "../../../src/check/pod-security/pod-spec.js";

describe("applyApiServerDefaults", () => {
  it("GIVEN a volume without a known source WHEN defaulted THEN it is an emptyDir, like the API server's", () => {
    const spec = applyApiServerDefaults(readPodSpec({ volumes: [{ name: "a" }, { name: "b", hostPath: {} }, { name: "c", hostpath: {} }] }), { isPod: true });
    expect(spec.volumes.map((volume) => [volume.name, [...volume.sources]])).toEqual([
      ["a", ["emptyDir"]],
      ["b", ["hostPath"]],
      ["c", ["emptyDir"]],
    ]);
  });

  it("GIVEN a Pod on the host network WHEN defaulted THEN each port's hostPort defaults to its containerPort", () => {
    const raw = { hostNetwork: true, containers: [{ name: "a", ports: [{ containerPort: 8080 }, { containerPort: 9090, hostPort: 9191 }] }], initContainers: [{ name: "i", ports: [{ containerPort: 53 }] }] };
    const spec = applyApiServerDefaults(readPodSpec(raw), { isPod: true });
    expect(spec.containers[0]!.ports).toEqual([{ containerPort: 8080, hostPort: 8080 }, { containerPort: 9090, hostPort: 9191 }]);
    expect(spec.initContainers[0]!.ports).toEqual([{ containerPort: 53, hostPort: 53 }]);
  });

  it("GIVEN a pod template on the host network WHEN defaulted THEN hostPorts stay unset (Kubernetes 1.28+)", () => {
    const spec = applyApiServerDefaults(readPodSpec({ hostNetwork: true, containers: [{ name: "a", ports: [{ containerPort: 8080 }] }] }), { isPod: false });
    expect(spec.containers[0]!.ports).toEqual([{ containerPort: 8080, hostPort: 0 }]);
  });
});
