import { describe, expect, it } from "vitest";
import { compareLevels, formatLevelVersion, minorOfKubernetesVersion, parseVersion } from "../../../src/check/pod-security/policy-level.js";

describe("policy levels and versions", () => {
  it.each<[string, number | "latest" | undefined]>([
    ["latest", "latest"],
    ["v1.0", 0],
    ["v1.25", 25],
    ["v1.025", undefined],
    ["v2.1", undefined],
    ["1.25", undefined],
    ["v1.x", undefined],
    ["", undefined],
  ])("GIVEN %j WHEN parsed as a version THEN %s", (value, expected) => {
    expect(parseVersion(value)).toBe(expected);
  });

  it("GIVEN levels WHEN compared THEN by strictness", () => {
    expect(compareLevels("restricted", "baseline")).toBeGreaterThan(0);
    expect(compareLevels("privileged", "baseline")).toBeLessThan(0);
    expect(compareLevels("baseline", "baseline")).toBe(0);
  });

  it("GIVEN a level and version WHEN formatted THEN as the API server names policies", () => {
    expect(formatLevelVersion({ level: "restricted", version: "latest" })).toBe("restricted:latest");
    expect(formatLevelVersion({ level: "baseline", version: 25 })).toBe("baseline:v1.25");
  });

  it.each<[string, number | undefined]>([
    ["1.35", 35],
    ["v1.35.4", 35],
    ["2.0", undefined],
    ["latest", undefined],
  ])("GIVEN Kubernetes version %j WHEN its minor is read THEN %s", (version, minor) => {
    expect(minorOfKubernetesVersion(version)).toBe(minor);
  });
});
