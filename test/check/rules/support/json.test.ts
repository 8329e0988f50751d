import { describe, expect, test } from "vitest";
import { isSet } from "../../../../src/check/rules/support/json.js";

describe("isSet", () => {
  test.each([
    [undefined, false],
    [null, false],
    [0, true],
    ["", true],
    [false, true],
    [{}, true],
    [[], true],
  ])("GIVEN the field value %j WHEN asked whether it is set THEN %s: only absent and null are unset, as Go's nil", (value, expected) => {
    expect(isSet(value)).toBe(expected);
  });
});
