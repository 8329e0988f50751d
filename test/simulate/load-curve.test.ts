import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/platform-spec/load.js";
import { loadLevels, patternCurve, requestsPerSecondAt, type LoadCurve } from "../../src/simulate/load-curve.js";

const reference = parseSpec({}, "reference");

describe("loadLevels", () => {
  it.each([
    // minReplicas, maxReplicas, requestsPerSecond, trough, peak
    [3, 50, 1000, 1500, 30000],
    [1, 10, 200, 100, 1200],
    [2, 4, null, 1000, 2400],
  ])("GIVEN min %i, max %i and %s rps per pod WHEN sized THEN trough %i and peak %i", (minReplicas, maxReplicas, requestsPerSecond, trough, peak) => {
    const spec = parseSpec({ applications: { web: { namespace: "production", autoscaling: { minReplicas, maxReplicas, requestsPerSecond }, minAvailable: minReplicas === 1 ? "0%" : "50%" } } }, "test");
    expect(loadLevels(spec.applications.web!.autoscaling)).toEqual({ trough, peak });
  });
});

describe("patternCurve", () => {
  it("GIVEN the reference WHEN the steady pattern is made THEN the api-server holds half its peak for the whole duration", () => {
    const curve = patternCurve(reference, "steady", 600);
    expect(curve).toMatchObject({ pattern: "steady", durationSeconds: 600 });
    for (const t of [0, 300, 600, 9999]) expect(requestsPerSecondAt(curve, t)).toEqual({ "api-server": 15000 });
  });

  it("GIVEN the reference WHEN the daily pattern is made THEN it starts and ends at the trough and peaks in the middle", () => {
    const curve = patternCurve(reference, "daily", 3600);
    const at = (t: number) => requestsPerSecondAt(curve, t)["api-server"];
    expect(at(0)).toBe(1500);
    expect(at(1800)).toBe(30000);
    expect(at(3600)).toBe(1500);
    // Rising through the first half, falling through the second, symmetric about the middle.
    expect(at(900)).toBeGreaterThan(at(450)!);
    expect(at(2700)).toBeCloseTo(at(900)!, 0);
    expect(at(900)).toBeCloseTo(15750, -2);
  });

  it("GIVEN the reference WHEN the spike pattern is made THEN the trough holds until 20%, the peak from just after 20% to 60%, then the trough", () => {
    const curve = patternCurve(reference, "spike", 1000);
    const at = (t: number) => requestsPerSecondAt(curve, t)["api-server"];
    expect([at(0), at(199), at(200)]).toEqual([1500, 1500, 1500]);
    expect(at(205)).toBe(15750);
    expect([at(210), at(400), at(600)]).toEqual([30000, 30000, 30000]);
    expect([at(610), at(1000)]).toEqual([1500, 1500]);
  });

  it("GIVEN a spec with two applications WHEN a pattern is made THEN each is sized by its own autoscaling", () => {
    const spec = parseSpec(
      { applications: { "api-server": { namespace: "production" }, worker: { namespace: "production", autoscaling: { minReplicas: 1, maxReplicas: 5, requestsPerSecond: 100 }, minAvailable: "0%" } } },
      "test",
    );
    expect(requestsPerSecondAt(patternCurve(spec, "steady"), 0)).toEqual({ "api-server": 15000, worker: 150 });
  });
});

describe("requestsPerSecondAt", () => {
  const curve: LoadCurve = { pattern: "file", durationSeconds: 100, applications: { a: [{ t: 10, requestsPerSecond: 100 }, { t: 20, requestsPerSecond: 300 }], none: [] } };

  it.each([
    [0, 100],
    [10, 100],
    [15, 200],
    [17.5, 250],
    [20, 300],
    [99, 300],
  ])("GIVEN points (10s, 100) and (20s, 300) WHEN read at %ss THEN %i: held before the first, linear between, held after the last", (t, expected) => {
    expect(requestsPerSecondAt(curve, t).a).toBe(expected);
  });

  it("GIVEN an application without points WHEN read THEN it has no load", () => {
    expect(requestsPerSecondAt(curve, 50).none).toBe(0);
  });
});
