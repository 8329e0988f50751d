import { describe, expect, it } from "vitest";
import { describeRange, findVersion, isInRange } from "../../src/tools/tool-version.js";

describe("findVersion", () => {
  it.each([
    ["kustomize v5", "v5.7.1\n", "v5.7.1"],
    ["kustomize v4", "{Version:kustomize/v4.5.7 GitCommit:56d82a8378 BuildDate:2022-08-02T16:35:54Z GoOs:darwin GoArch:arm64}\n", "v4.5.7"],
    ["helm with build metadata", "v4.1.4+g05fa379\n", "v4.1.4"],
    ["a vendor suffix", "Client Version: v1.32.4-dispatcher", "v1.32.4"],
    ["no v prefix", "3.14.0", "v3.14.0"],
    ["no version", "command not found", undefined],
    ["two numbers only", "v1.35", undefined],
  ])("GIVEN %s WHEN read THEN %s", (_what, text, expected) => {
    expect(findVersion(text)).toBe(expected);
  });
});

describe("isInRange", () => {
  const range = { atLeast: "v1.34.0", below: "v1.38.0" };
  it.each([
    ["v1.33.9", false],
    ["v1.34.0", true],
    ["v1.35.2", true],
    ["v1.37.99", true],
    ["v1.38.0", false],
    ["v1.100.0", false],
    ["v2.0.0", false],
  ])("GIVEN %s and [v1.34.0, v1.38.0) WHEN compared THEN in range is %s", (version, expected) => {
    expect(isInRange(version, range)).toBe(expected);
  });

  it("GIVEN a range WHEN described THEN both bounds", () => {
    expect(describeRange(range)).toBe(">= v1.34.0 and < v1.38.0");
  });
});
