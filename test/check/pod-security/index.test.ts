import { describe, expect, it } from "vitest";
import * as podSecurity from "../../../src/check/pod-security/index.js";

describe("pod-security index", () => {
  it("GIVEN the module WHEN imported THEN it exports the rules and the pure evaluation other parts use", () => {
    expect(podSecurity.POD_SECURITY_RULES).toHaveLength(19);
    expect(typeof podSecurity.evaluatePod).toBe("function");
    expect(typeof podSecurity.createPodSecurityRules).toBe("function");
    const results = podSecurity.evaluatePod("baseline", "latest", {}, { hostPID: true });
    expect(podSecurity.aggregateForbiddenDetail(podSecurity.aggregateCheckResults(results))).toBe("host namespaces (hostPID=true)");
  });
});
