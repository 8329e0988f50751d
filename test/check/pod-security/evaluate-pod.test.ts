import { describe, expect, it } from "vitest";
import { evaluatePod, newestPolicyVersion } from "../../../src/check/pod-security/evaluate-pod.js";
import { isSlipwayError } from "../../../src/errors.js";

const RESTRICTED_CONTAINER = {
  name: "api",
  image: "registry.example/api:1.0.0",
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
};
const RESTRICTED_SPEC = { securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } }, containers: [RESTRICTED_CONTAINER] };

const forbidden = (results: ReturnType<typeof evaluatePod>) => results.filter((result) => !result.allowed);

describe("evaluatePod", () => {
  it("GIVEN a pod that meets restricted WHEN evaluated at restricted:latest THEN every check allows it", () => {
    const results = evaluatePod("restricted", "latest", {}, RESTRICTED_SPEC);
    expect(results).toHaveLength(15);
    expect(forbidden(results)).toEqual([]);
  });

  it("GIVEN a host port WHEN evaluated THEN upstream's reason and detail, with the check id", () => {
    const spec = { ...RESTRICTED_SPEC, containers: [{ ...RESTRICTED_CONTAINER, ports: [{ containerPort: 8080, hostPort: 8080 }] }] };
    expect(forbidden(evaluatePod("restricted", "latest", {}, spec))).toEqual([
      { checkId: "hostPorts", allowed: false, forbiddenReason: "hostPort", forbiddenDetail: 'container "api" uses hostPort 8080' },
    ]);
  });

  it("GIVEN a bare pod WHEN evaluated at restricted:v1.25 THEN each restricted requirement of that version is reported", () => {
    expect(forbidden(evaluatePod("restricted", "v1.25", {}, { containers: [{ name: "app" }] })).map((result) => `${result.checkId}: ${result.forbiddenDetail}`)).toEqual([
      'allowPrivilegeEscalation: container "app" must set securityContext.allowPrivilegeEscalation=false',
      'capabilities_restricted: container "app" must set securityContext.capabilities.drop=["ALL"]',
      'runAsNonRoot: pod or container "app" must set securityContext.runAsNonRoot=true',
      'seccompProfile_restricted: pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"',
    ]);
  });

  it("GIVEN privileged WHEN evaluated THEN no results", () => {
    expect(evaluatePod("privileged", "latest", {}, { hostNetwork: true })).toEqual([]);
  });

  it("GIVEN a Pod on the host network with a container port WHEN evaluated THEN the defaulted hostPort is reported too, unlike a template", () => {
    const spec = { hostNetwork: true, containers: [{ name: "dns", ports: [{ containerPort: 53 }] }] };
    expect(forbidden(evaluatePod("baseline", "latest", {}, spec)).map((result) => result.checkId)).toEqual(["hostNamespaces", "hostPorts"]);
    expect(forbidden(evaluatePod("baseline", "latest", {}, spec, { isPod: false })).map((result) => result.checkId)).toEqual(["hostNamespaces"]);
  });

  it("GIVEN an API server of Kubernetes 1.33 WHEN latest is evaluated THEN it means v1.33: no probe host check yet", () => {
    const spec = { containers: [{ name: "a", livenessProbe: { httpGet: { host: "example.com" } } }] };
    expect(forbidden(evaluatePod("baseline", "latest", {}, spec)).map((result) => result.checkId)).toEqual(["hostProbesAndHostLifecycle"]);
    expect(forbidden(evaluatePod("baseline", "latest", {}, spec, { kubernetesMinor: 33 }))).toEqual([]);
  });

  it.each<[string, () => unknown, string]>([
    ["an invalid version", () => evaluatePod("restricted", "1.25", {}, {}), 'invalid Pod Security version "1.25"'],
    ["a negative version", () => evaluatePod("restricted", -1, {}, {}), "invalid Pod Security version -1"],
    ["an invalid level", () => evaluatePod("strict" as "restricted", "latest", {}, {}), 'invalid Pod Security level "strict"'],
  ])("GIVEN %s WHEN evaluated THEN a usage error that says what is valid", (_name, call, message) => {
    try {
      call();
      expect.unreachable();
    } catch (error) {
      expect(isSlipwayError(error)).toBe(true);
      expect((error as Error).message).toBe(message);
    }
  });

  it("GIVEN the checks WHEN asked THEN the newest policy version is v1.37", () => {
    expect(newestPolicyVersion()).toBe("v1.37");
  });
});
