import { describe, expect, test } from "vitest";
import { isPlainObject } from "../../src/manifest/plain-object.js";

describe("isPlainObject", () => {
  test.each([
    [{}, true],
    [{ spec: { replicas: 2 } }, true],
    [Object.create(null) as object, true],
    [[], false],
    [[{ name: "web" }], false],
    [null, false],
    [undefined, false],
    ["spec", false],
    [0, false],
    [true, false],
  ])("GIVEN the decoded value %j WHEN asked whether it is a mapping THEN %s: lists and null are not", (value, expected) => {
    expect(isPlainObject(value)).toBe(expected);
  });
});
