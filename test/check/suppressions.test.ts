import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkManifests } from "../../src/check/check.js";
import { parseRuleOptions } from "../../src/check/rules/rule-options.js";
import { inlineSuppressions } from "../../src/check/suppressions.js";

// A ConfigMap whose value is a YAML 1.1 boolean (a schema error), in two namespaces.
const configMap = (name: string, namespace: string, comment = "") => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels: {team: ${namespace}}\n${comment}data:\n  enabled: yes\n`;

async function check(yaml: string, config?: unknown) {
  const root = mkdtempSync(join(tmpdir(), "slipway-suppress-"));
  writeFileSync(join(root, "m.yaml"), yaml);
  const result = await checkManifests(["m.yaml"], { cwd: root, enable: ["schema"], ...(config ? { ruleOptions: parseRuleOptions(config, "rules.yaml") } : {}) });
  return {
    findings: result.findings.map((finding) => `${finding.ruleId} ${finding.line} ${finding.object ?? ""}: ${finding.message}`),
    suppressed: result.suppressed.map((finding) => `${finding.ruleId} ${finding.object}: ${finding.suppression.kind} ${finding.suppression.where} (${finding.suppression.reason})`),
    failed: result.failed,
    stats: result.stats.suppressed,
  };
}

describe("inlineSuppressions", () => {
  it.each([
    { comment: "# slipway:ignore schema -- the consumer reads it as a boolean", suppressions: ["schema: the consumer reads it as a boolean"], findings: [] },
    { comment: "  key: 1 # slipway:ignore pod-security--no space needed", suppressions: ["pod-security: no space needed"], findings: [] },
    { comment: "# slipway:ignore schema", suppressions: [], findings: ['3: "slipway:ignore schema" gives no reason: nothing is suppressed'] },
    { comment: "# slipway:ignore schema --   ", suppressions: [], findings: ['3: "slipway:ignore schema" gives no reason: nothing is suppressed'] },
    { comment: "# slipway:ignore -- why", suppressions: [], findings: ['3: "slipway:ignore" names no rule: nothing is suppressed'] },
    { comment: "# slipway:ignore schema parse -- why", suppressions: [], findings: ['3: "slipway:ignore" names more than one rule ("schema parse"): nothing is suppressed'] },
    { comment: "# an ordinary comment", suppressions: [], findings: [] },
  ])("GIVEN the comment $comment WHEN read THEN suppressions and findings as expected", ({ comment, suppressions, findings }) => {
    const result = inlineSuppressions(`a: 1\n${comment}\n`, "m.yaml", 2);
    expect(result.suppressions.map((suppression) => `${suppression.rule}: ${suppression.reason}`)).toEqual(suppressions);
    expect(result.findings.map((finding) => `${finding.line}: ${finding.message}`)).toEqual(findings);
  });
});

describe("suppressions in checkManifests", () => {
  it("GIVEN an inline suppression with a reason on one object WHEN checked THEN only that object's finding is suppressed, and the check follows the rest", async () => {
    const yaml = `${configMap("a", "web", "# slipway:ignore schema -- read by a tool that wants a boolean\n")}---\n${configMap("b", "web")}`;
    expect(await check(yaml)).toEqual({
      findings: ["schema 18 ConfigMap web/b: data.enabled: must be string, got boolean"],
      suppressed: ["schema ConfigMap web/a: inSource m.yaml:7 (read by a tool that wants a boolean)"],
      failed: true,
      stats: 1,
    });
  });

  it("GIVEN an inline suppression without a reason WHEN checked THEN a suppression finding and nothing suppressed", async () => {
    expect(await check(configMap("a", "web", "# slipway:ignore schema\n"))).toEqual({
      findings: ['suppression 7 : "slipway:ignore schema" gives no reason: nothing is suppressed', "schema 9 ConfigMap web/a: data.enabled: must be string, got boolean"],
      suppressed: [],
      failed: true,
      stats: 0,
    });
  });

  it.each([
    { name: "namespace", selector: { namespace: "web" } },
    { name: "kind and name", selector: { kind: "ConfigMap", name: "a" } },
    { name: "labels", selector: { labels: { team: "web" } } },
  ])("GIVEN a rules-config suppression selecting by $name WHEN checked THEN the selected object's finding is suppressed", async ({ selector }) => {
    const yaml = `${configMap("a", "web")}---\n${configMap("b", "jobs")}`;
    const result = await check(yaml, { suppressions: [{ rule: "schema", reason: "legacy tool", objects: [selector] }] });
    expect(result.suppressed).toEqual(["schema ConfigMap web/a: external rules config suppressions[0] (legacy tool)"]);
    expect(result.findings).toEqual(["schema 17 ConfigMap jobs/b: data.enabled: must be string, got boolean"]);
  });

  it("GIVEN every finding suppressed WHEN checked THEN the check passes", async () => {
    expect((await check(configMap("a", "web"), { suppressions: [{ rule: "schema", reason: "accepted" }] })).failed).toBe(false);
  });

  it.each([
    { name: "no reason", config: { suppressions: [{ rule: "schema" }] } },
    { name: "an empty reason", config: { suppressions: [{ rule: "schema", reason: "  " }] } },
    { name: "an empty selector", config: { suppressions: [{ rule: "schema", reason: "x", objects: [{}] }] } },
    { name: "an unknown selector key", config: { suppressions: [{ rule: "schema", reason: "x", objects: [{ nam: "a" }] }] } },
  ])("GIVEN a rules-config suppression with $name WHEN read THEN a usage error", ({ config }) => {
    expect(() => parseRuleOptions(config, "rules.yaml")).toThrow(expect.objectContaining({ code: "USAGE" }));
  });

  it("GIVEN a suppression naming no rule WHEN checked with every rule THEN a suppression finding; in the rules config a usage error", async () => {
    const root = mkdtempSync(join(tmpdir(), "slipway-suppress-"));
    writeFileSync(join(root, "m.yaml"), configMap("a", "web", "# slipway:ignore shcema -- typo\n"));
    const result = await checkManifests(["m.yaml"], { cwd: root });
    expect(result.findings.filter((finding) => finding.ruleId === "suppression").map((finding) => `${finding.line}: ${finding.message}`)).toEqual([
      '7: "slipway:ignore shcema" names no rule, id prefix or category: nothing is suppressed',
    ]);
    await expect(checkManifests(["m.yaml"], { cwd: root, ruleOptions: parseRuleOptions({ suppressions: [{ rule: "shcema", reason: "x" }] }, "rules.yaml") })).rejects.toMatchObject({ code: "USAGE" });
  });

  it("GIVEN an inline suppression in a kustomization's source file WHEN checked THEN it applies to the rendered object", async () => {
    const root = mkdtempSync(join(tmpdir(), "slipway-suppress-"));
    writeFileSync(join(root, "kustomization.yaml"), "resources:\n  - cm.yaml\n");
    // kustomize (kyaml, YAML 1.2) quotes `yes` itself: an unknown field is the schema error here.
    const unknownField = (name: string, comment: string) => configMap(name, "web", comment).replace("data:\n  enabled: yes", "dataa: {}");
    writeFileSync(join(root, "cm.yaml"), `${unknownField("a", "# slipway:ignore schema -- accepted\n")}---\n${unknownField("b", "# slipway:ignore schema\n")}`);
    const result = await checkManifests(["."], { cwd: root, enable: ["schema"] });
    expect(result.suppressed.map((finding) => `${finding.object} ${finding.suppression.where}`)).toEqual(["ConfigMap web/a cm.yaml:7"]);
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)).toEqual(["suppression cm.yaml:16", "schema cm.yaml:17"]);
  });
});
