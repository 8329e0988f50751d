/**
 * Agreement with upstream pod-security-admission's own fixtures (v0.37.2): every pass pod
 * is allowed and every fail pod is forbidden, with the message substring upstream expects,
 * at every level and policy version v1.0..v1.37.
 */
import { describe, expect, it } from "vitest";
import { aggregateCheckResults, aggregateForbiddenDetail } from "../../../src/check/pod-security/aggregate.js";
import { DEFAULT_CHECKS } from "../../../src/check/pod-security/checks/index.js";
import { evaluatePod } from "../../../src/check/pod-security/evaluate-pod.js";
import { enumerateUpstreamCases, NEWEST_MINOR_VERSION_TO_TEST, type UpstreamCase } from "./upstream-fixtures.js";

const CASES = [...enumerateUpstreamCases(DEFAULT_CHECKS)];

function verdict(testCase: UpstreamCase): { allowed: boolean; message: string } {
  const results = evaluatePod(testCase.level, testCase.version, testCase.pod.metadata, testCase.pod.spec);
  const aggregate = aggregateCheckResults(results);
  const message = `violates PodSecurity "${testCase.level}:v1.${testCase.version}": ${aggregateForbiddenDetail(aggregate)}`;
  return { allowed: aggregate.allowed, message };
}

describe("upstream pod-security-admission fixtures", () => {
  it("GIVEN the ported generators WHEN enumerated THEN they yield as many cases as upstream's testdata holds", () => {
    // upstream test/testdata at v0.37.2: baseline 433 pass + 1,122 fail, restricted 618 pass + 2,364 fail
    const count = (level: string, allowed: boolean) =>
      CASES.filter((testCase) => testCase.level === level && testCase.expectAllowed === allowed).length;
    expect({
      baselinePass: count("baseline", true),
      baselineFail: count("baseline", false),
      restrictedPass: count("restricted", true),
      restrictedFail: count("restricted", false),
      total: CASES.length,
    }).toEqual({ baselinePass: 433, baselineFail: 1122, restrictedPass: 618, restrictedFail: 2364, total: 4537 });
    expect(new Set(CASES.map((testCase) => testCase.name)).size).toBe(CASES.length);
  });

  for (const level of ["baseline", "restricted"] as const) {
    for (let version = 0; version <= NEWEST_MINOR_VERSION_TO_TEST; version++) {
      const cases = CASES.filter((testCase) => testCase.level === level && testCase.version === version);
      it(`GIVEN ${level}:v1.${version} (${cases.length} cases) WHEN each fixture pod is evaluated THEN the verdicts match upstream's`, () => {
        const disagreements = cases.flatMap((testCase) => {
          const { allowed, message } = verdict(testCase);
          if (allowed !== testCase.expectAllowed) return [`${testCase.name}: expected ${testCase.expectAllowed ? "allowed" : "forbidden"}, got ${message}`];
          if (!allowed && !message.includes(testCase.expectErrorSubstring ?? "")) {
            return [`${testCase.name}: expected a message containing ${JSON.stringify(testCase.expectErrorSubstring)}, got ${message}`];
          }
          return [];
        });
        expect(disagreements).toEqual([]);
      });
    }
  }
});
