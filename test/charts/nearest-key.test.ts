import { describe, expect, it } from "vitest";
import { editDistance, nearestKey } from "../../src/charts/nearest-key.js";

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
