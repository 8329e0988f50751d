import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BUILT_IN_CHECKS } from "../../../src/check/rules/builtin-checks.js";
import { withRenamedNamespace } from "../../support/renamed-namespace.js";

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

  it("GIVEN the built-in parameters (not validated at run time) WHEN read by their template's schema THEN each is valid and unchanged", () => {
    const problems = BUILT_IN_CHECKS.flatMap((check) => {
      const parsed = check.template.params(z).safeParse(check.params);
      if (!parsed.success) return [`${check.id}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`];
      // The rules run on the parameters as written: a schema that changed them (a default, a transform) would go unapplied.
      return JSON.stringify(parsed.data) === JSON.stringify(check.params) ? [] : [`${check.id}: the schema changes the parameters to ${JSON.stringify(parsed.data)}`];
    });
    expect(problems).toEqual([]);
  });
});

describe("the EKS Argo CD capability's namespace", () => {
  it("GIVEN the platform's Argo CD namespace renamed in PLATFORM_NAMESPACES WHEN the built-in checks are read THEN argocd-capability/namespace expects the renamed one (the capability is configured with it)", async () => {
    const renamed = await withRenamedNamespace("argocd", "gitops-controller", () => import("../../../src/check/rules/builtin-checks.js"));
    expect(renamed.BUILT_IN_CHECKS.find((check) => check.id === "argocd-capability/namespace")?.params).toEqual({ namespace: "gitops-controller" });
    expect(BUILT_IN_CHECKS.find((check) => check.id === "argocd-capability/namespace")?.params).toEqual({ namespace: "argocd" });
  });
});
