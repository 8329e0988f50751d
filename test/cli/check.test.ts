/** End-to-end tests of `slipway check` through the CLI entry point (real files, real kustomize). */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { SHARED_CRDS_DIR } from "../support/paths.js";
import { needsShared } from "../support/shared.js";

async function run(args: string[], files: Record<string, string> = {}, stdin = "") {
  const cwd = mkdtempSync(join(tmpdir(), "slipway-cli-check-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(cwd, path, ".."), { recursive: true });
    writeFileSync(join(cwd, path), content);
  }
  let stdout = "";
  let stderr = "";
  const code = await main(["check", ...args], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd, readStdin: async () => stdin });
  return { code, stdout, stderr };
}

const NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n";
const BAD_CONFIGMAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: prod\ndatta:\n  a: b\n";

describe("slipway check", () => {
  it("GIVEN a clean manifest WHEN checked THEN exit 0 and a passing summary", async () => {
    const { code, stdout } = await run(["ns.yaml"], { "ns.yaml": NAMESPACE });
    expect(stdout).toContain("passed: 0 errors");
    expect(stdout.trim().split("\n").pop()).toMatch(/^passed: 0 errors, \d+ warnings?, \d+ info \(1 object in 1 file, Kubernetes 1\.35\)$/);
    expect(code).toBe(0);
  });

  it("GIVEN a schema error WHEN checked THEN exit 1 and the finding under its file", async () => {
    const { code, stdout } = await run(["."], { "cm.yaml": BAD_CONFIGMAP });
    expect(code).toBe(1);
    // The finding points at the line of the unknown field, not only at the object.
    expect(stdout).toContain('cm.yaml\n      6  error   schema  ConfigMap prod/c: unknown field "datta"\n');
  });

  it("GIVEN standard input WHEN checked with - and --output json THEN JSON findings on <stdin>", async () => {
    const { code, stdout } = await run(["-", "--output", "json", "--enable", "schema"], {}, BAD_CONFIGMAP);
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.findings).toEqual([
      { ruleId: "schema", severity: "error", file: "<stdin>", line: 6, object: "ConfigMap prod/c", message: 'unknown field "datta"', fix: expect.stringContaining("kubectl explain configmap") },
    ]);
  });

  it("GIVEN only a warning WHEN --fail-on warning THEN exit 1, and exit 0 with the default", async () => {
    const deprecated = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: prod\nspec:\n  serviceAccount: x\n  containers:\n    - name: c\n      image: c:1\n";
    const files = { "pod.yaml": deprecated };
    expect((await run(["pod.yaml", "--enable", "deprecation"], files)).code).toBe(0);
    const failing = await run(["pod.yaml", "--enable", "deprecation", "--fail-on", "warning"], files);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain("deprecated-api  Pod prod/p: spec.serviceAccount is deprecated since Kubernetes 1.0");
  });

  it.skipIf(needsShared("the --crds check of a cert-manager Certificate"))("GIVEN a custom resource WHEN checked with and without --crds THEN unknown-kind without, valid with", async () => {
    const certificate = "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\n  namespace: prod\nspec:\n  secretName: web-tls\n  issuerRef:\n    name: le\n";
    const without = await run(["c.yaml", "--enable", "schema", "--enable", "unknown-kind"], { "c.yaml": certificate });
    expect(without.code).toBe(1);
    expect(without.stdout).toContain("unknown-kind  Certificate prod/web: no schema for Certificate cert-manager.io/v1");
    const withCrds = await run(["c.yaml", "--enable", "schema", "--enable", "unknown-kind", "--crds", SHARED_CRDS_DIR], { "c.yaml": certificate });
    expect(withCrds.stdout).toBe("passed: 0 errors, 0 warnings, 0 info (1 object in 1 file, Kubernetes 1.35)\n");
    expect(withCrds.code).toBe(0);
  });

  it("GIVEN SARIF output WHEN checked THEN a SARIF 2.1.0 log", async () => {
    const { stdout } = await run([".", "--output", "sarif"], { "cm.yaml": BAD_CONFIGMAP });
    expect(JSON.parse(stdout)).toMatchObject({ version: "2.1.0", runs: [{ tool: { driver: { name: "slipway" } } }] });
  });

  it.each([
    { args: ["--output", "xml"], message: 'error USAGE: unknown output format "xml"' },
    { args: ["--fail-on", "fatal"], message: 'error USAGE: unknown severity "fatal" for --fail-on' },
    { args: ["--k8s-version", "1.20"], message: "error USAGE: no schemas for Kubernetes 1.20" },
    { args: ["--bogus"], message: `error USAGE: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "--bogus"` },
  ])("GIVEN $args WHEN run THEN usage error, exit 2", async ({ args, message }) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe(message);
  });

  it("GIVEN a path that does not exist WHEN checked THEN a clear error and exit 1", async () => {
    const { code, stderr } = await run(["missing.yaml"]);
    expect(code).toBe(1);
    expect(stderr.split("\n")[0]).toBe("error INPUT_UNREADABLE: cannot read missing.yaml: ENOENT");
  });
});

describe.skipIf(needsShared("the check of the reference platform against upstream CRDs"))("slipway check on the reference platform", () => {
  it("GIVEN the synthesized reference GitOps repository and the add-ons' upstream CRDs WHEN checked THEN no error", async () => {
    const { parseSpec } = await import("../../src/spec/load.js");
    const { synthesizeGitOps } = await import("../../src/gitops/synthesize.js");
    const { writeTree } = await import("../../src/synth/write-tree.js");
    const { upstreamCrdDirectories } = await import("../support/crds.js");
    const { checkManifests } = await import("../../src/check/check.js");
    const root = mkdtempSync(join(tmpdir(), "slipway-reference-"));
    writeTree(root, synthesizeGitOps(parseSpec({}, "reference")));
    const result = await checkManifests(["."], { cwd: root, crdDirectories: await upstreamCrdDirectories() });
    expect(result.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    expect(result.stats.objects).toBeGreaterThan(50);
    // Rendered by kustomize, yet every object points at the file it was written in.
    expect(result.findings.every((finding) => !finding.file.endsWith("kustomization.yaml"))).toBe(true);
  });
});
