import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/paths.js";

const CLI = join(REPO_ROOT, "dist", "cli", "main.js");

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: registry.example.com/web:main
`;

function checkWith(rulesConfig: string | undefined) {
  const cwd = mkdtempSync(join(tmpdir(), "slipway-rules-config-"));
  writeFileSync(join(cwd, "deployment.yaml"), DEPLOYMENT);
  const args = [CLI, "check", "deployment.yaml", "--enable", "best-practice/mutable-image-tag"];
  if (rulesConfig !== undefined) {
    writeFileSync(join(cwd, "rules.yaml"), rulesConfig);
    args.push("--rules-config", "rules.yaml");
  }
  return { ...spawnSync(process.execPath, args, { cwd, encoding: "utf8" }), cwd };
}

describe("slipway check --rules-config", () => {
  it("GIVEN the built-in parameters WHEN an image uses the tag main THEN the rule stays quiet (only latest is mutable by default)", () => {
    const result = checkWith(undefined);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("passed: 0 errors, 0 warnings, 0 info");
  });

  it("GIVEN main declared mutable and the rule made an error WHEN checked THEN it fails naming the tag", () => {
    const result = checkWith("params:\n  best-practice/mutable-image-tag: { mutableTags: [latest, main] }\nseverity:\n  best-practice/mutable-image-tag: error\n");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('error   best-practice/mutable-image-tag  Deployment shop/web: container "web" uses image registry.example.com/web:main with the mutable tag main');
  });

  it.each([
    ["an unknown rule", "severity:\n  best-practice/no-such-rule: error\n", 'error USAGE: unknown lint rule "best-practice/no-such-rule" in severity'],
    ["a parameter of the wrong type", "params:\n  best-practice/mutable-image-tag: { mutableTags: main }\n", "error USAGE: invalid parameters for rule best-practice/mutable-image-tag"],
    ["a misspelt key", "severities: {}\n", "error USAGE: invalid rule options"],
    ["broken YAML", "params: [\n", "error USAGE: the rules config is not valid YAML"],
    ["an alias bomb (an internal error before)", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\na1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\na2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]\na3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]\n", "error USAGE: the rules config could not be read: Excessive alias count indicates a resource exhaustion attack"],
    ["an unknown tag (ignored before)", "severity: !strict\n  best-practice/mutable-image-tag: error\n", "error USAGE: the rules config uses YAML tags that are not plain data\n  where: "],
  ])("GIVEN %s WHEN checked THEN it is a usage error (exit 2) that says so", (_title, config, message) => {
    const result = checkWith(config);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it("GIVEN a suppression of the error with a reason WHEN checked THEN it passes and the summary counts it", () => {
    const result = checkWith(
      "params:\n  best-practice/mutable-image-tag: { mutableTags: [main] }\nseverity:\n  best-practice/mutable-image-tag: error\nsuppressions:\n  - rule: best-practice/mutable-image-tag\n    reason: main is pinned by digest at deploy time\n    objects: [{kind: Deployment, namespace: shop, name: web}]\n",
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("passed: 0 errors, 0 warnings, 0 info, 1 suppressed");
  });

  it("GIVEN a suppression without a reason WHEN checked THEN a usage error (exit 2)", () => {
    const result = checkWith("suppressions:\n  - rule: best-practice/mutable-image-tag\n");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error USAGE: invalid rule options");
  });
});

describe("slipway check - (standard input)", () => {
  it("GIVEN a UTF-16LE manifest with its mark and CRLF line breaks on standard input WHEN checked THEN both documents are read", () => {
    const text = "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: a, namespace: x}\r\n---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: b, namespace: x}\r\ndatta: {}\r\n";
    const input = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const result = spawnSync(process.execPath, [CLI, "check", "-", "--enable", "schema", "--output", "json"], { cwd: tmpdir(), input, encoding: "utf8" });
    const output = JSON.parse(result.stdout) as { stats: { objects: number }; findings: { line: number; message: string }[] };
    expect(output.stats.objects).toBe(2);
    expect(output.findings.map((finding) => `${finding.line} ${finding.message}`)).toEqual(['8 unknown field "datta"']);
  });
});
