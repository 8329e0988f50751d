/**
 * The problems `parseSpec` finds in a raw platform spec, for tests that pin them: none when
 * the spec is accepted; a rejection must be the SPEC_INVALID error naming the file, or the
 * test fails here rather than comparing the text of some other error.
 */
import { expect } from "vitest";
import { SlipwayError } from "../../src/errors.js";
import { parseSpec } from "../../src/platform-spec/load.js";

export function specProblems(raw: unknown, where = "slipway.yaml"): readonly string[] {
  try {
    parseSpec(raw, where);
  } catch (error) {
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).code).toBe("SPEC_INVALID");
    expect((error as SlipwayError).where).toBe(where);
    return (error as SlipwayError).problems;
  }
  return [];
}
