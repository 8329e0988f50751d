import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../../src/check/check.js";
import { createOutput } from "../../../src/check/output/output.js";
import { ruleById } from "../../../src/check/rule-registry.js";

const RESULT: CheckResult = {
  kubernetesVersion: "1.35",
  failOn: "error",
  failed: true,
  stats: { files: 2, objects: 3, errors: 1, warnings: 1, infos: 0, suppressed: 0 },
  suppressed: [],
  reports: [],
  rules: ["deprecated-api", "parse", "schema"].map((id) => ruleById(id)!),
  findings: [
    { ruleId: "schema", severity: "error", file: "apps/api.yaml", line: 4, object: "Deployment prod/api", message: 'unknown field "spec.replicass"', fix: "remove the field" },
    { ruleId: "deprecated-api", severity: "warning", file: "apps/api.yaml", line: 20, object: "Ingress prod/web", message: "Ingress kubernetes.io/ingress.class is deprecated", fix: "use spec.ingressClassName" },
    { ruleId: "parse", severity: "error", file: "<stdin>", line: 1, message: "document is a string, not a Kubernetes object", fix: "each YAML document must be a mapping" },
  ],
};

function render(format: "text" | "json" | "sarif", result: CheckResult = RESULT): string {
  let text = "";
  const output = createOutput(format, (chunk) => (text += chunk));
  output.write(result);
  expect(text).toBe("");
  output.flush();
  return text;
}

describe("outputs", () => {
  it("GIVEN findings in two files WHEN rendered as text THEN grouped by file with fixes and one summary line", () => {
    expect(render("text")).toBe(
      [
        "apps/api.yaml",
        '      4  error   schema  Deployment prod/api: unknown field "spec.replicass"',
        "      fix: remove the field",
        "     20  warning deprecated-api  Ingress prod/web: Ingress kubernetes.io/ingress.class is deprecated",
        "      fix: use spec.ingressClassName",
        "",
        "<stdin>",
        "      1  error   parse  document is a string, not a Kubernetes object",
        "      fix: each YAML document must be a mapping",
        "",
        "failed (--fail-on error): 1 error, 1 warning, 0 info (3 objects in 2 files, Kubernetes 1.35)",
        "",
      ].join("\n"),
    );
  });

  it("GIVEN no findings WHEN rendered as text THEN only the summary", () => {
    expect(render("text", { ...RESULT, findings: [], failed: false, stats: { ...RESULT.stats, errors: 0, warnings: 0 } })).toBe("passed: 0 errors, 0 warnings, 0 info (3 objects in 2 files, Kubernetes 1.35)\n");
  });

  it("GIVEN findings WHEN rendered as JSON THEN the whole result, parseable", () => {
    const json = JSON.parse(render("json"));
    expect(json).toEqual({ kubernetesVersion: "1.35", failOn: "error", failed: true, stats: RESULT.stats, findings: RESULT.findings });
  });

  it("GIVEN findings WHEN rendered as SARIF THEN a 2.1.0 log with documented rules and located results", () => {
    const sarif = JSON.parse(render("sarif"));
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe("slipway");
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(["deprecated-api", "parse", "schema"]);
    const schemaRule = run.tool.driver.rules[2];
    expect(schemaRule.defaultConfiguration).toEqual({ level: "error" });
    expect(schemaRule.help.text).toBe("Fix the field named in the finding; kubectl explain <kind> --recursive lists the valid fields.");
    expect(run.results[0]).toEqual({
      ruleId: "schema",
      ruleIndex: 2,
      level: "error",
      message: { text: 'Deployment prod/api: unknown field "spec.replicass". Fix: remove the field' },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: "apps/api.yaml" }, region: { startLine: 4 } },
          logicalLocations: [{ name: "Deployment prod/api", kind: "object" }],
        },
      ],
    });
    expect(run.results[1].level).toBe("warning");
    expect(run.results[2].locations[0].physicalLocation.artifactLocation.uri).toBe("%3Cstdin%3E");
  });
});

describe("docs/rules.md", () => {
  it("GIVEN a suppressed finding WHEN rendered THEN text and JSON count it, SARIF carries it with its suppression", () => {
    const suppression = { rule: "pod-security", reason: "the node exporter reads host metrics", kind: "inSource" as const, where: "apps/api.yaml:3" };
    const result: CheckResult = {
      ...RESULT,
      stats: { ...RESULT.stats, suppressed: 1 },
      rules: [...RESULT.rules, { id: "pod-security/hostPorts", category: "pod-security", severity: "error", description: "d", remediation: "r" }],
      suppressed: [{ ruleId: "pod-security/hostPorts", severity: "error", file: "apps/api.yaml", line: 2, object: "DaemonSet prod/exporter", message: "hostPort", fix: "f", suppression }],
    };
    expect(render("text", result).trimEnd().split("\n").pop()).toBe("failed (--fail-on error): 1 error, 1 warning, 0 info, 1 suppressed (3 objects in 2 files, Kubernetes 1.35)");
    expect((JSON.parse(render("json", result)) as { stats: { suppressed: number } }).stats.suppressed).toBe(1);
    const sarif = JSON.parse(render("sarif", result)) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; suppressions?: unknown[] }[] }[] };
    const run = sarif.runs[0]!;
    const suppressed = run.results.filter((entry) => entry.suppressions !== undefined);
    expect(suppressed.map((entry) => [entry.ruleId, run.tool.driver.rules[entry.ruleIndex]?.id, entry.suppressions])).toEqual([
      ["pod-security/hostPorts", "pod-security/hostPorts", [{ kind: "inSource", status: "accepted", justification: "the node exporter reads host metrics", properties: { where: "apps/api.yaml:3" } }]],
    ]);
    expect(run.results).toHaveLength(4);
  });

  it("GIVEN the rule registry WHEN the rule docs are rendered THEN docs/rules.md is up to date (npx tsx scripts/generate-rule-docs.ts)", async () => {
    const { renderRulesMarkdown, RULES_DOC_PATH } = await import("../../../scripts/generate-rule-docs.js");
    expect(readFileSync(RULES_DOC_PATH, "utf8")).toBe(renderRulesMarkdown());
  });
});
