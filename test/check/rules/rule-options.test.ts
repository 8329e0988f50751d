import { describe, expect, test } from "vitest";
import { SlipwayError } from "../../../src/errors.js";
import { BUILT_IN_CHECKS, LINT_RULES } from "../../../src/check/rules/index.js";
import { lintRules, parseRuleOptions } from "../../../src/check/rules/rule-options.js";
import { contextFromYaml } from "./support/run-lint-rules.js";

const LATEST_MAIN = contextFromYaml(`
apiVersion: v1
kind: Pod
metadata: {name: app, namespace: demo}
spec:
  containers:
    - {name: app, image: "example/app:main"}
`);

function usageError(run: () => unknown): SlipwayError {
  try {
    run();
  } catch (error) {
    if (error instanceof SlipwayError) return error;
    throw error;
  }
  throw new Error("expected a SlipwayError");
}

describe("lint rule options", () => {
  test("GIVEN no options WHEN rules are built THEN every built-in check is a rule with its own parameters", () => {
    expect(LINT_RULES.map((rule) => rule.id)).toEqual(BUILT_IN_CHECKS.map((check) => check.id));
    expect(LINT_RULES.find((rule) => rule.id === "best-practice/mutable-image-tag")?.params).toEqual({ mutableTags: ["latest"] });
  });

  test("GIVEN a parameter override WHEN the rule runs THEN it uses the user's value", () => {
    const rule = (options: Parameters<typeof lintRules>[0]) => lintRules(options).find((candidate) => candidate.id === "best-practice/mutable-image-tag");
    expect(rule({})?.check(LATEST_MAIN)).toEqual([]);
    const findings = rule({ params: { "best-practice/mutable-image-tag": { mutableTags: ["latest", "main"] } } })?.check(LATEST_MAIN);
    expect(findings?.map((finding) => finding.message)).toEqual(['container "app" uses image example/app:main with the mutable tag main']);
  });

  test("GIVEN a severity override WHEN the rule reports THEN findings carry that severity", () => {
    const rule = lintRules({ severity: { "best-practice/cpu-limits": "error" } }).find((candidate) => candidate.id === "best-practice/cpu-limits");
    expect(rule?.severity).toBe("error");
    expect(rule?.check(LATEST_MAIN).map((finding) => finding.severity)).toEqual(["error"]);
  });

  test("GIVEN an invalid parameter WHEN rules are built THEN a usage error names the rule and the field", () => {
    const error = usageError(() => lintRules({ params: { "best-practice/mutable-image-tag": { mutableTags: "latest" } } }));
    expect(error.code).toBe("USAGE");
    expect(error.message).toBe("invalid parameters for rule best-practice/mutable-image-tag");
    expect(error.problems[0]).toMatch(/^mutableTags: /);
  });

  test("GIVEN an unknown parameter WHEN rules are built THEN it is refused, not ignored", () => {
    const error = usageError(() => lintRules({ params: { "reference/hpa-target": { strict: true } } }));
    expect(error.message).toBe("invalid parameters for rule reference/hpa-target");
  });

  test("GIVEN an unknown rule id WHEN rules are built THEN a usage error names it", () => {
    const error = usageError(() => lintRules({ severity: { "best-practice/nope": "info" } }));
    expect(error.message).toBe('unknown lint rule "best-practice/nope" in severity');
  });

  test("GIVEN a config document WHEN it is parsed THEN valid options pass and wrong shapes are usage errors", () => {
    expect(parseRuleOptions({ severity: { "best-practice/cpu-limits": "warning" } }, "slipway-check.yaml")).toEqual({
      severity: { "best-practice/cpu-limits": "warning" },
    });
    const error = usageError(() => parseRuleOptions({ severity: { "best-practice/cpu-limits": "fatal" } }, "slipway-check.yaml"));
    expect(error.where).toBe("slipway-check.yaml");
  });

  test("GIVEN the registry WHEN it is read THEN every rule documents itself and ids are category-prefixed", () => {
    for (const rule of LINT_RULES) {
      expect(rule.id.startsWith(`${rule.category}/`)).toBe(true);
      expect(rule.description.length).toBeGreaterThan(40);
      expect(rule.remediation.length).toBeGreaterThan(20);
    }
  });
});
