import { describe, expect, it } from "vitest";
import { compiledRules, compileRule, parseFieldPath } from "../../../src/check/schema/cel-rules.js";

describe("compiling x-kubernetes-validations rules", () => {
  it.each([
    { rule: "self.a <= self.b", expected: "program" },
    { rule: "self == oldSelf", expected: "transition" },
    { rule: "self.all(oldSelf, oldSelf > 0)", expected: "program" },
    { rule: "quantity(self).isGreaterThan(quantity('1'))", expected: "program" },
    { rule: "semver(self).isGreaterThan(semver('1.0.0'))", expected: "not-evaluable semver" },
    { rule: "format.dns1123Label().validate(self).hasValue()", expected: "not-evaluable format.dns1123Label,hasValue,validate" },
    { rule: "url(self).getHost() == 'a'", expected: "program" },
    { rule: "self.find('^a') == 'a'", expected: "program" },
    { rule: "self.items.all(x, x.includes(1))", expected: "not-evaluable includes" },
    { rule: "self.lowerAscii() == self && self.matches('^[a-z]+$')", expected: "program" },
    { rule: "self.a <=", expected: "not-evaluable syntax" },
  ])("GIVEN $rule WHEN compiled THEN $expected", ({ rule, expected }) => {
    const [compiled] = compileRule({ rule });
    const status = compiled?.status;
    const shown =
      status?.kind === "not-evaluable" ? `not-evaluable ${status.reason.kind === "missing-functions" ? status.reason.functions.join(",") : status.reason.kind}` : status?.kind;
    expect(shown).toBe(expected);
  });

  it("GIVEN a transition rule with optionalOldSelf WHEN compiled THEN not evaluable: on create it would run with no old object", () => {
    expect(compileRule({ rule: "self == oldSelf", optionalOldSelf: true })[0]?.status).toEqual({ kind: "not-evaluable", reason: { kind: "optional-old-self" } });
  });

  it("GIVEN an entry without a rule string WHEN compiled THEN no rule", () => {
    expect(compileRule({ message: "x" })).toEqual([]);
    expect(compileRule("self > 0")).toEqual([]);
  });

  it.each([
    { fieldPath: ".spec.replicas", expected: ["spec", "replicas"] },
    { fieldPath: ".labels['app.kubernetes.io/name']", expected: ["labels", "app.kubernetes.io/name"] },
    { fieldPath: "spec", expected: undefined },
    { fieldPath: ".a[0]", expected: undefined },
  ])("GIVEN fieldPath $fieldPath WHEN parsed THEN $expected", ({ fieldPath, expected }) => {
    expect(parseFieldPath(fieldPath)).toEqual(expected);
  });

  it("GIVEN a schema WHEN compiled twice under one key THEN the same tree (compiled once); nodes without rules below are left out", () => {
    const schema = { type: "object", properties: { spec: { type: "object", properties: { a: { type: "string" }, b: { type: "array", items: { type: "string", "x-kubernetes-validations": [{ rule: "self != ''" }] } } } } } };
    const tree = compiledRules("test/v1/Thing@1", schema);
    expect(compiledRules("test/v1/Thing@1", schema)).toBe(tree);
    expect([...(tree?.properties?.get("spec")?.properties?.keys() ?? [])]).toEqual(["b"]);
    expect(tree?.properties?.get("spec")?.properties?.get("b")?.items?.rules).toHaveLength(1);
    expect(compiledRules("test/v1/Plain@1", { type: "object", properties: { a: { type: "string" } } })).toBeUndefined();
  });
});
