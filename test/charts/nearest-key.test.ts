import { describe, expect, it } from "vitest";
import { closeMatches, editDistance, nearestKey } from "../../src/charts/nearest-key.js";

describe("nearestKey", () => {
  it.each([
    ["replicaCont", ["replicaCount", "resources"], "replicaCount"],
    ["minAvailble", ["enabled", "maxUnavailable", "minAvailable"], "minAvailable"],
    ["PodAnnotations", ["podAnnotations", "podLabels"], "podAnnotations"],
    ["admin", ["chunks", "ruler"], undefined],
    ["anything", [], undefined],
    // Ties go to the alphabetically first key, the same on every run.
    ["ab", ["ac", "aa"], "aa"],
  ])("GIVEN %s among %j THEN the nearest is %s", (key, candidates, expected) => {
    expect(nearestKey(key, candidates)).toBe(expected);
  });

  it.each([
    ["", "", 0],
    ["kitten", "sitting", 3],
    ["abc", "", 3],
    ["flaw", "lawn", 2],
  ])("GIVEN %s and %s THEN the edit distance is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe("closeMatches", () => {
  it.each([
    ["m7x", ["m7i", "m7g", "m7a", "m7gd", "c5"], 3, ["m7a", "m7g", "m7i"]],
    ["m7x", ["m7i", "m7gd"], 3, ["m7i", "m7gd"]],
    ["admin", ["chunks", "ruler"], 3, []],
    ["ab", ["ab", "ab", "ac"], 1, ["ab"]],
  ] as const)("GIVEN %s among %j (at most %i) THEN the close matches are %j, nearest first", (key, candidates, limit, expected) => {
    expect(closeMatches(key, candidates, limit)).toEqual(expected);
  });
});
