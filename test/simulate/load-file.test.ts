import { describe, expect, it } from "vitest";
import { SlipwayError } from "../../src/errors.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { requestsPerSecondAt } from "../../src/simulate/load-curve.js";
import { parseLoadFile } from "../../src/simulate/load-file.js";

const spec = parseSpec({}, "reference");
const FILE = "load.yaml";

function problemsOf(text: string): { message: string; where?: string; problems: readonly string[] } {
  try {
    parseLoadFile(text, FILE, spec);
  } catch (error) {
    expect(error).toBeInstanceOf(SlipwayError);
    const slipway = error as SlipwayError;
    expect(slipway.code).toBe("LOAD_INVALID");
    return { message: slipway.message, ...(slipway.where !== undefined ? { where: slipway.where } : {}), problems: slipway.problems };
  }
  throw new Error("the load file was accepted");
}

describe("parseLoadFile", () => {
  it("GIVEN a YAML load file WHEN parsed THEN its points are in simulated seconds and its duration is the last point's", () => {
    const curve = parseLoadFile("applications:\n  api-server:\n    - { at: 0s, requestsPerSecond: 1000 }\n    - { at: 10m, requestsPerSecond: 20000 }\n", FILE, spec);
    expect(curve).toEqual({
      pattern: "file",
      source: FILE,
      durationSeconds: 600,
      applications: { "api-server": [{ t: 0, requestsPerSecond: 1000 }, { t: 600, requestsPerSecond: 20000 }] },
    });
    expect(requestsPerSecondAt(curve, 300)["api-server"]).toBe(10500);
  });

  it("GIVEN JSON with a duration WHEN parsed THEN the duration is the file's", () => {
    const curve = parseLoadFile(JSON.stringify({ duration: "1h", applications: { "api-server": [{ at: "5m", requestsPerSecond: 5 }] } }), FILE, spec);
    expect(curve.durationSeconds).toBe(3600);
  });

  it.each([
    ["not YAML", "applications: [", "the load file is not valid YAML"],
    ["an unknown field", "applications: {}\nspeed: 3\n", "(root): Unrecognized key: \"speed\""],
    ["no applications", "duration: 1h\n", "applications: is required"],
    ["an unknown application", "applications:\n  web: [{ at: 1m, requestsPerSecond: 1 }]\n", "applications.web: not an application of the spec; its applications are api-server"],
    ["a bad duration", "applications:\n  api-server: [{ at: 1d, requestsPerSecond: 1 }]\n", "applications.api-server[0].at: must be a duration such as 90s, 20m or 1h30m"],
    ["a negative rate", "applications:\n  api-server: [{ at: 1m, requestsPerSecond: -1 }]\n", "applications.api-server[0].requestsPerSecond: Too small: expected number to be >=0"],
    ["a rate that is text", "applications:\n  api-server: [{ at: 1m, requestsPerSecond: lots }]\n", "applications.api-server[0].requestsPerSecond: Invalid input: expected number, received string"],
    ["an infinite rate", "applications:\n  api-server: [{ at: 1m, requestsPerSecond: .inf }]\n", "applications.api-server[0].requestsPerSecond: Invalid input: expected number, received Infinity"],
    [
      "points out of order",
      "applications:\n  api-server:\n    - { at: 10m, requestsPerSecond: 1 }\n    - { at: 5m, requestsPerSecond: 2 }\n",
      "applications.api-server[1].at: 5m must be later than the point before it (10m)",
    ],
    ["no points", "applications:\n  api-server: []\n", "applications.api-server: Too small: expected array to have >=1 items"],
    ["only a point at 0s", "applications:\n  api-server: [{ at: 0s, requestsPerSecond: 1 }]\n", "duration: the curve must last longer than 0s; set duration or give a point later than 0s"],
    ["an alias bomb (an internal error before)", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\na1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\na2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]\na3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]\napplications: {}\n", "the load file could not be read: Excessive alias count indicates a resource exhaustion attack"],
    ["an unknown tag (dropped with a warning before)", "applications:\n  api-server: !points [{ at: 1m, requestsPerSecond: 1 }]\n", "line 2: the tag !points is not allowed"],
    ["an alias to its own ancestor", "applications: &a\n  api-server: [{ at: 1m, requestsPerSecond: 1 }]\n  loop: *a\n", "applications.loop: contains itself (a circular reference)"],
    ["a duplicate key", "applications:\n  api-server: [{ at: 1m, requestsPerSecond: 1 }]\n  api-server: [{ at: 2m, requestsPerSecond: 1 }]\n", "Map keys must be unique"],
    ["a duration beyond a week", "duration: 200h\napplications:\n  api-server: [{ at: 1m, requestsPerSecond: 1 }]\n", "duration: 200h is beyond the longest curve, 168h"],
  ])("GIVEN %s WHEN parsed THEN it fails naming the file and the field", (_, text, problem) => {
    const failure = problemsOf(text);
    expect(failure.where).toBe(FILE);
    expect([failure.message, ...failure.problems].join("\n")).toContain(problem);
  });

  it("GIVEN several problems WHEN parsed THEN every one is listed", () => {
    const failure = problemsOf("applications:\n  web: [{ at: 1m, requestsPerSecond: 1 }]\n  api-server:\n    - { at: 2m, requestsPerSecond: 1 }\n    - { at: 2m, requestsPerSecond: 1 }\n");
    expect(failure.message).toBe("the load file is invalid (2 problems)");
    expect(failure.problems).toHaveLength(2);
  });
});
