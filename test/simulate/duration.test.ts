import { describe, expect, it } from "vitest";
import { formatDuration, parseDurationSeconds } from "../../src/simulate/duration.js";

describe("parseDurationSeconds", () => {
  it.each([
    ["90s", 90],
    ["5m", 300],
    ["1h30m", 5400],
    ["750ms", 0.75],
    ["1.5s", 1.5],
    ["0s", 0],
  ])("GIVEN %s WHEN parsed THEN %d seconds", (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
  });

  it.each(["", "5", "5 m", "-5m", "1d", "m", "5m ", "1h-30m", "NaNs"])("GIVEN %j WHEN parsed THEN it is not a duration", (text) => {
    expect(parseDurationSeconds(text)).toBeUndefined();
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [0.75, "750ms"],
    [3, "3s"],
    [90, "1m30s"],
    [3600, "1h"],
    [8.4 * 3600, "8h24m"],
    [15.0004, "15s"],
  ])("GIVEN %d seconds WHEN written THEN %s, which parses back", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
    expect(parseDurationSeconds(text)).toBeCloseTo(seconds, 2);
  });
});
