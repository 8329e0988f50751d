import { describe, expect, it } from "vitest";
import { policyFromLabels, type NamespacePolicy } from "../../../src/check/pod-security/namespace-policy.js";
import type { LevelVersion } from "../../../src/check/pod-security/policy-level.js";

const privileged: LevelVersion = { level: "privileged", version: "latest" };
const lv = (level: LevelVersion["level"], version: LevelVersion["version"] = "latest"): LevelVersion => ({ level, version });

function labels(...pairs: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (let i = 0; i < pairs.length; i += 2) result[`pod-security.kubernetes.io/${pairs[i]}`] = pairs[i + 1]!;
  return result;
}

// Upstream's TestPolicyToEvaluate, case by case.
describe("policyFromLabels", () => {
  it.each<[string, Record<string, string>, NamespacePolicy, number]>([
    ["no labels", {}, { enforce: privileged, warn: privileged, audit: privileged }, 0],
    ["enforce defaults warn", labels("enforce", "baseline"), { enforce: lv("baseline"), warn: lv("baseline"), audit: privileged }, 0],
    ["warn", labels("warn", "restricted"), { enforce: privileged, warn: lv("restricted"), audit: privileged }, 0],
    ["audit", labels("audit", "baseline"), { enforce: privileged, warn: privileged, audit: lv("baseline") }, 0],
    ["enforce and warn", labels("enforce", "baseline", "warn", "restricted"), { enforce: lv("baseline"), warn: lv("restricted"), audit: privileged }, 0],
    ["enforce version defaults warn version", labels("enforce", "baseline", "enforce-version", "v1.22"), { enforce: lv("baseline", 22), warn: lv("baseline", 22), audit: privileged }, 0],
    [
      "warn version kept",
      labels("enforce", "baseline", "enforce-version", "v1.22", "warn-version", "latest"),
      { enforce: lv("baseline", 22), warn: lv("baseline"), audit: privileged },
      0,
    ],
    ["warn version without warn level", labels("enforce", "baseline", "warn-version", "v1.23"), { enforce: lv("baseline"), warn: lv("baseline", 23), audit: privileged }, 0],
    [
      "everything set",
      labels("enforce", "baseline", "enforce-version", "v1.20", "warn", "restricted", "warn-version", "v1.21", "audit", "restricted", "audit-version", "v1.22"),
      { enforce: lv("baseline", 20), warn: lv("restricted", 21), audit: lv("restricted", 22) },
      0,
    ],
    ["warn explicitly privileged", labels("enforce", "baseline", "warn", "privileged"), { enforce: lv("baseline"), warn: privileged, audit: privileged }, 0],
    ["invalid warn fails open", labels("enforce", "baseline", "warn", "foo"), { enforce: lv("baseline"), warn: privileged, audit: privileged }, 1],
    ["invalid enforce fails closed", labels("enforce", "foo"), { enforce: lv("restricted"), warn: privileged, audit: privileged }, 1],
    ["invalid version means latest", labels("enforce", "baseline", "enforce-version", "1.25"), { enforce: lv("baseline"), warn: lv("baseline"), audit: privileged }, 1],
  ])("GIVEN %s WHEN resolved THEN upstream's policy", (_name, namespaceLabels, expected, problems) => {
    const resolved = policyFromLabels(namespaceLabels);
    expect(resolved.policy).toEqual(expected);
    expect(resolved.problems).toHaveLength(problems);
  });

  it("GIVEN an invalid label WHEN resolved THEN the problem names the label, value and what is valid", () => {
    expect(policyFromLabels(labels("enforce", "strict", "audit-version", "v2")).problems).toEqual([
      'pod-security.kubernetes.io/enforce="strict": must be one of privileged, baseline, restricted',
      'pod-security.kubernetes.io/audit-version="v2": must be "latest" or "v1.x"',
    ]);
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["a list", ["pod-security.kubernetes.io/enforce"]],
    ["a string", "restricted"],
    ["a number label", { "pod-security.kubernetes.io/enforce": 3 }],
  ])("GIVEN labels that are %s WHEN resolved THEN the defaults, without crashing", (_name, value) => {
    expect(policyFromLabels(value).policy).toEqual({ enforce: privileged, warn: privileged, audit: privileged });
  });

  it("GIVEN cluster defaults WHEN a namespace has no labels THEN the defaults apply", () => {
    const defaults = { enforce: lv("baseline"), warn: lv("restricted"), audit: lv("restricted") };
    expect(policyFromLabels({}, defaults).policy).toEqual(defaults);
  });
});
