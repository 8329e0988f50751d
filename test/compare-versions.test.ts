import { describe, expect, it } from "vitest";
import { compareVersions } from "../src/compare-versions.js";
import { compareApiVersions } from "../src/check/schema/validate-schemas.js";
import { isInRange } from "../src/tools/tool-version.js";
import { statusOf } from "../src/check/deprecations/deprecation-rules.js";

describe("compareVersions: the one order of release versions", () => {
  it.each([
    // left, right, order
    ["v1.10.0", "v1.9.0", 1],
    ["v1.9.0", "v1.10.0", -1],
    ["v1.9.0", "1.9.0", 0],
    ["1.9", "1.26", -1],
    ["v0.17.0", "0.5", 1],
    ["1.35", "1.35.0", 0],
    ["1.35", "1.35.1", -1],
    ["2", "1.99.99", 1],
    ["1.36.0-rc.1", "1.36", 0],
    ["v4.1.4+g05fa379", "v4.1.4", 0],
    ["1.36.0-rc.1", "1.35.9", 1],
    ["1.2.3.4", "1.2.3", 1],
  ] as const)("GIVEN %s and %s WHEN compared THEN the order is %i", (left, right, order) => {
    expect(compareVersions(left, right)).toBe(order);
    expect(compareVersions(right, left)).toBe(-order || 0);
  });

  it.each(["", "v", "latest", "1..2", "1.x", "kustomize/v5.7.1", "v1beta1"])("GIVEN %j WHEN compared THEN it is refused as not a release version", (text) => {
    expect(() => compareVersions(text, "1.0.0")).toThrow(/not a release version/);
  });

  it("GIVEN the tools' ranges and the deprecation tables WHEN they compare versions THEN they share this order", () => {
    // Two-part versions were refused by the tools' copy; a release candidate sorted after its release in the deprecations' copy.
    expect(isInRange("v1.36.0-rc.1", { atLeast: "v1.36", below: "v1.37" })).toBe(true);
    expect(statusOf({ component: "kubernetes", removedIn: "1.36" }, "1.36.0-rc.1")).toBe("removed");
    expect(statusOf({ component: "kubernetes", deprecatedIn: "1.36" }, "1.35.99")).toBe("current");
  });

  it("GIVEN Kubernetes API versions WHEN ordered THEN that is another order, compareApiVersions (v1beta1 < v1), not a release order", () => {
    expect(compareApiVersions("apps/v1beta1", "apps/v1")).toBeLessThan(0);
    expect(() => compareVersions("v1beta1", "v1")).toThrow(/not a release version/);
  });
});
