import { describe, expect, it } from "vitest";
import { BUILT_IN_CHECKS } from "../../../src/check/rules/builtin-checks.js";

describe("built-in checks", () => {
  it("GIVEN a template that serves one check WHEN named THEN its key is the check's name (no dns-egress behind dns-blocked)", () => {
    const checksByTemplate = new Map<string, string[]>();
    for (const check of BUILT_IN_CHECKS) checksByTemplate.set(check.template.key, [...(checksByTemplate.get(check.template.key) ?? []), check.id]);
    const mismatched = [...checksByTemplate]
      .filter(([key, ids]) => ids.length === 1 && ids[0]!.split("/").at(-1) !== key)
      .map(([key, ids]) => `${ids[0]} uses template ${key}`);
    expect(mismatched).toEqual([]);
  });

  it("GIVEN the checks WHEN listed THEN ids are unique", () => {
    const ids = BUILT_IN_CHECKS.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
