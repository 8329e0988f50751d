import { describe, expect, it } from "vitest";
import { aggregateCheckResults, aggregateForbiddenDetail, UNKNOWN_FORBIDDEN_REASON } from "../../../src/check/pod-security/aggregate.js";

describe("aggregateCheckResults", () => {
  it("GIVEN allowed and forbidden results WHEN aggregated THEN the API server's message lists each reason with its detail", () => {
    const aggregate = aggregateCheckResults([
      { allowed: false, forbiddenReason: "hostPort", forbiddenDetail: 'container "api" uses hostPort 8080' },
      { allowed: true },
      { allowed: false, forbiddenReason: "host namespaces", forbiddenDetail: "" },
      { allowed: false },
    ]);
    expect(aggregate).toEqual({
      allowed: false,
      forbiddenReasons: ["hostPort", "host namespaces", UNKNOWN_FORBIDDEN_REASON],
      forbiddenDetails: ['container "api" uses hostPort 8080', "", ""],
    });
    expect(aggregateForbiddenDetail(aggregate)).toBe('hostPort (container "api" uses hostPort 8080), host namespaces, unknown forbidden reason');
  });

  it("GIVEN only allowed results WHEN aggregated THEN allowed with nothing to say", () => {
    const aggregate = aggregateCheckResults([{ allowed: true }]);
    expect(aggregate.allowed).toBe(true);
    expect(aggregateForbiddenDetail(aggregate)).toBe("");
  });
});
