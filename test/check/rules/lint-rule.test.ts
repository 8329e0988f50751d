import { describe, expect, test } from "vitest";
import { BUILT_IN_CHECKS } from "../../../src/check/rules/builtin-checks.js";
import { builtInLintRules, lintRule } from "../../../src/check/rules/lint-rule.js";
import { contextFromYaml } from "./support/run-lint-rules.js";

const MAIN_TAG = contextFromYaml(`apiVersion: v1
kind: Pod
metadata: {name: app, namespace: demo}
spec:
  containers: [{name: app, image: "example/app:main"}]
`);

const mutableImageTag = BUILT_IN_CHECKS.find((check) => check.id === "best-practice/mutable-image-tag")!;

describe("lint rules from built-in checks", () => {
  test("GIVEN the built-in checks WHEN turned into rules THEN each keeps its id, severity and parameters, in order", () => {
    const rules = builtInLintRules(BUILT_IN_CHECKS);
    expect(rules.map((rule) => [rule.id, rule.severity, rule.params])).toEqual(BUILT_IN_CHECKS.map((check) => [check.id, check.severity, check.params]));
  });

  test("GIVEN two checks with one id WHEN turned into rules THEN it is refused", () => {
    expect(() => builtInLintRules([mutableImageTag, mutableImageTag])).toThrow("two built-in lint checks share an id");
  });

  test.each([
    [{ mutableTags: ["latest"] }, "warning", []],
    [{ mutableTags: ["main"] }, "error", ['error: container "app" uses image example/app:main with the mutable tag main']],
  ] as const)("GIVEN parameters %j and severity %s WHEN the rule runs THEN the template reads those parameters: %j", (params, severity, expected) => {
    const rule = lintRule(mutableImageTag, params, severity);
    expect(rule.check(MAIN_TAG).map((finding) => `${finding.severity}: ${finding.message}`)).toEqual(expected);
  });
});
