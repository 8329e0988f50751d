import { describe, expect, it } from "vitest";
import { readPodMetadata, readPodSpec } from "../../../src/check/pod-security/pod-spec.js";
import { evaluatePod } from "../../../src/check/pod-security/evaluate-pod.js";

/** Small deterministic PRNG (mulberry32) so the fuzz cases are the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  "containers", "initContainers", "ephemeralContainers", "securityContext", "name", "ports", "hostPort", "containerPort", "capabilities",
  "add", "drop", "volumes", "hostPath", "emptyDir", "seccompProfile", "type", "sysctls", "hostNetwork", "hostUsers", "os", "runAsUser",
  "runAsNonRoot", "privileged", "procMount", "seLinuxOptions", "windowsOptions", "hostProcess", "livenessProbe", "httpGet", "host",
  "lifecycle", "postStart", "appArmorProfile", "annotations", "__proto__", "constructor",
];

function randomJson(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 4 ? 6 : 9));
  switch (pick) {
    case 0: return null;
    case 1: return next() < 0.5;
    case 2: return Math.floor(next() * 70000) - 5;
    case 3: return next() * 10;
    case 4: return ["", "ALL", "Unmasked", "RuntimeDefault", "windows", "x".repeat(Math.floor(next() * 40))][Math.floor(next() * 6)];
    case 5: return undefined;
    case 6:
    case 7: {
      const object: Record<string, unknown> = {};
      const size = Math.floor(next() * 5);
      for (let i = 0; i < size; i++) object[KEYS[Math.floor(next() * KEYS.length)]!] = randomJson(next, depth + 1);
      return object;
    }
    default:
      return Array.from({ length: Math.floor(next() * 4) }, () => randomJson(next, depth + 1));
  }
}

describe("readPodSpec", () => {
  it("GIVEN a well-formed spec WHEN read THEN Go's zero values fill what is missing", () => {
    const spec = readPodSpec({
      containers: [{ name: "api", ports: [{ containerPort: 8080 }], securityContext: { capabilities: { drop: ["ALL"] } } }],
      volumes: [{ name: "data", emptyDir: {}, hostPath: null }],
      securityContext: { seLinuxOptions: { type: "container_t" } },
    });
    expect(spec.hostNetwork).toBe(false);
    expect(spec.initContainers).toEqual([]);
    expect(spec.containers[0]!.ports).toEqual([{ containerPort: 8080, hostPort: 0 }]);
    expect(spec.containers[0]!.securityContext!.capabilities).toEqual({ add: [], drop: ["ALL"] });
    expect([...spec.volumes[0]!.sources]).toEqual(["emptyDir"]);
    expect(spec.securityContext!.seLinuxOptions).toEqual({ user: "", role: "", type: "container_t", level: "" });
    expect(spec.securityContext!.sysctls).toEqual([]);
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["a string", "spec"],
    ["a list", [1, 2]],
    ["containers as an object", { containers: { name: "a" } }],
    ["a container as a string", { containers: ["nginx"] }],
    ["ports as a number", { containers: [{ name: "a", ports: 80 }] }],
    ["a hostPort as a string", { containers: [{ name: "a", ports: [{ hostPort: "80" }] }] }],
    ["capabilities.add as a string", { containers: [{ name: "a", securityContext: { capabilities: { add: "NET_RAW" } } }] }],
  ])("GIVEN a spec with %s WHEN read THEN unreadable parts are missing, nothing throws", (_name, value) => {
    expect(() => readPodSpec(value)).not.toThrow();
    expect(readPodSpec(value).containers.every((container) => typeof container.name === "string")).toBe(true);
  });

  it("GIVEN a hostPort of the wrong type WHEN read THEN it reads as unset (the schema rule reports the type)", () => {
    expect(readPodSpec({ containers: [{ name: "a", ports: [{ hostPort: "80" }] }] }).containers[0]!.ports).toEqual([{ containerPort: 0, hostPort: 0 }]);
  });

  it("GIVEN annotations with __proto__ and non-string values WHEN read THEN plain data, strings only", () => {
    const metadata = readPodMetadata(JSON.parse('{"annotations":{"__proto__":"x","a":"b","n":1}}'));
    expect(Object.keys(metadata.annotations).sort()).toEqual(["__proto__", "a"]);
    expect(Object.getPrototypeOf(metadata.annotations)).toBe(Object.prototype);
  });

  it("GIVEN 3,000 random JSON pod specs and metadata WHEN evaluated at every level THEN nothing throws", () => {
    const next = random(20261127);
    let evaluated = 0;
    for (let i = 0; i < 3000; i++) {
      const spec = randomJson(next, 0);
      const metadata = randomJson(next, 2);
      for (const level of ["baseline", "restricted"] as const) {
        for (const version of ["latest", 0, 19, 25, 35] as const) {
          expect(() => evaluatePod(level, version, metadata, spec)).not.toThrow();
          evaluated++;
        }
      }
    }
    expect(evaluated).toBe(30000);
  });
});
