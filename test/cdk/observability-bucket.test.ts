import { describe, expect, it } from "vitest";
import { durationDays } from "../../src/cdk/observability-bucket.js";

describe("GIVEN durationDays", () => {
  it.each([
    ["744h", 31],
    ["336h", 14],
    ["25h", 2],
    ["30m", 1],
    ["1h30m", 1],
  ])("WHEN the retention is %s THEN it spans %i days", (duration, days) => {
    expect(durationDays(duration)).toBe(days);
  });
});
