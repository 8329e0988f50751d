import { describe, expect, it } from "vitest";
import { ALLOWED, type Check } from "../../../src/check/pod-security/check.js";
import { DEFAULT_CHECKS } from "../../../src/check/pod-security/checks/index.js";
import { readPodMetadata, readPodSpec } from "../../../src/check/pod-security/pod-spec.js";
import { createEvaluator, validateChecks } from "../../../src/check/pod-security/registry.js";

const pass = () => ALLOWED;
const EMPTY_METADATA = readPodMetadata({});
const EMPTY_SPEC = readPodSpec({});

function checkIdsAt(level: "baseline" | "restricted", version: number | "latest", emulation?: number): string[] {
  return createEvaluator(DEFAULT_CHECKS, emulation).evaluatePod(level, version, EMPTY_METADATA, EMPTY_SPEC).map((result) => result.checkId);
}

describe("validateChecks", () => {
  it.each<[string, Check[], string]>([
    ["duplicate id", [{ id: "a", level: "baseline", versions: [{ minimumVersion: 0, checkPod: pass }] }, { id: "a", level: "restricted", versions: [{ minimumVersion: 0, checkPod: pass }] }], "multiple checks registered for ID a"],
    ["invalid level", [{ id: "a", level: "privileged" as "baseline", versions: [{ minimumVersion: 0, checkPod: pass }] }], "check a: invalid level privileged"],
    ["no versions", [{ id: "a", level: "baseline", versions: [] }], "check a: empty"],
    ["duplicate version", [{ id: "a", level: "baseline", versions: [{ minimumVersion: 3, checkPod: pass }, { minimumVersion: 3, checkPod: pass }] }], "check a: duplicate version v1.3"],
    ["decreasing versions", [{ id: "a", level: "baseline", versions: [{ minimumVersion: 5, checkPod: pass }, { minimumVersion: 3, checkPod: pass }] }], "check a: versions must be strictly increasing"],
    ["a version that is not a minor", [{ id: "a", level: "baseline", versions: [{ minimumVersion: 1.5, checkPod: pass }] }], "check a: undefined version found"],
    ["baseline override", [{ id: "a", level: "baseline", versions: [{ minimumVersion: 0, checkPod: pass, overrideCheckIds: ["b"] }] }], "check a: only restricted checks may set overrides"],
    [
      "override of a restricted check",
      [{ id: "a", level: "restricted", versions: [{ minimumVersion: 0, checkPod: pass, overrideCheckIds: ["b"] }] }, { id: "b", level: "restricted", versions: [{ minimumVersion: 0, checkPod: pass }] }],
      "check a: overrides restricted check b",
    ],
  ])("GIVEN %s WHEN validated THEN upstream's error", (_name, checks, message) => {
    expect(() => validateChecks(checks)).toThrow(new Error(message));
  });

  it("GIVEN the default checks WHEN validated THEN they are a valid set of 19", () => {
    expect(() => validateChecks(DEFAULT_CHECKS)).not.toThrow();
    expect(DEFAULT_CHECKS).toHaveLength(19);
  });
});

describe("createEvaluator", () => {
  it("GIVEN baseline:latest WHEN evaluated THEN every baseline check runs, sorted by id", () => {
    expect(checkIdsAt("baseline", "latest")).toEqual([
      "appArmorProfile", "capabilities_baseline", "hostNamespaces", "hostPathVolumes", "hostPorts", "hostProbesAndHostLifecycle",
      "privileged", "procMount", "seLinuxOptions", "seccompProfile_baseline", "sysctls", "windowsHostProcess",
    ]);
  });

  it("GIVEN restricted:latest WHEN evaluated THEN baseline checks not overridden, then restricted checks", () => {
    expect(checkIdsAt("restricted", "latest")).toEqual([
      "appArmorProfile", "hostNamespaces", "hostPorts", "hostProbesAndHostLifecycle", "privileged", "seLinuxOptions", "sysctls", "windowsHostProcess",
      "allowPrivilegeEscalation", "capabilities_restricted", "procMount_restricted", "restrictedVolumes", "runAsNonRoot", "runAsUser", "seccompProfile_restricted",
    ]);
  });

  it.each<[number, string[]]>([
    [0, ["appArmorProfile", "capabilities_baseline", "hostNamespaces", "hostPorts", "privileged", "procMount", "seLinuxOptions", "seccompProfile_baseline", "sysctls", "windowsHostProcess", "restrictedVolumes", "runAsNonRoot"]],
    [19, ["appArmorProfile", "capabilities_baseline", "hostNamespaces", "hostPorts", "privileged", "procMount", "seLinuxOptions", "sysctls", "windowsHostProcess", "allowPrivilegeEscalation", "restrictedVolumes", "runAsNonRoot", "seccompProfile_restricted"]],
    [22, ["appArmorProfile", "hostNamespaces", "hostPorts", "privileged", "procMount", "seLinuxOptions", "sysctls", "windowsHostProcess", "allowPrivilegeEscalation", "capabilities_restricted", "restrictedVolumes", "runAsNonRoot", "seccompProfile_restricted"]],
  ])("GIVEN restricted:v1.%i WHEN evaluated THEN the overrides of that version apply", (version, ids) => {
    expect(checkIdsAt("restricted", version)).toEqual(ids);
  });

  it("GIVEN a version newer than any check WHEN evaluated THEN it evaluates as the newest (v1.37)", () => {
    expect(createEvaluator(DEFAULT_CHECKS).maxVersion).toBe(37);
    expect(checkIdsAt("baseline", 99)).toEqual(checkIdsAt("baseline", 37));
  });

  it("GIVEN privileged WHEN evaluated THEN no check runs", () => {
    expect(checkIdsAt("restricted", "latest").length).toBeGreaterThan(0);
    expect(createEvaluator(DEFAULT_CHECKS).evaluatePod("privileged", "latest", EMPTY_METADATA, EMPTY_SPEC)).toEqual([]);
  });

  // Upstream's TestHostProbesAndHostLifecycleEmulation.
  it.each<[string, number | undefined, boolean]>([
    ["no emulation", undefined, true],
    ["emulate 1.34", 34, true],
    ["emulate 1.33", 33, false],
  ])("GIVEN %s WHEN a pod probes another host at baseline:latest THEN the host check is active: %s", (_name, emulation, active) => {
    const evaluator = createEvaluator(DEFAULT_CHECKS, emulation);
    const spec = readPodSpec({ containers: [{ startupProbe: { httpGet: { host: "localhost" } } }] });
    const allowedAt = (version: number | "latest") => evaluator.evaluatePod("baseline", version, EMPTY_METADATA, spec).every((result) => result.allowed);
    expect(allowedAt("latest")).toBe(!active);
    expect(allowedAt(34)).toBe(!active);
    expect(allowedAt(33)).toBe(true);
  });
});
