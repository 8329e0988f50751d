/** End-to-end tests of `slipway check` through the CLI entry point (real files, real kustomize). */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { runCli } from "../support/cli.js";
import { packagesLoaded } from "../support/packages-loaded.js";
import { crdYaml } from "../support/crd.js";

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

/** Packages the built CLI loads for `check ARGS` in a folder holding `files`. */
async function checkLoads(args: readonly string[], files: Record<string, string>): Promise<string[]> {
  const { run, packages } = await packagesLoaded(["check", ...args], files);
  expect(run.stderr).toBe("");
  return packages;
}

describe("slipway check", () => {
  it("GIVEN the built CLI WHEN it checks a folder without options THEN start-up loads no zod and no yaml (they cost more than small checks); --rules-config loads zod", async () => {
    expect(await checkLoads(["--k8s-version", "1.35", "."], { "ns.yaml": NAMESPACE })).toEqual([]);
    expect(await checkLoads(["--k8s-version", "1.35", "--rules-config", "rules.yaml", "."], { "ns.yaml": NAMESPACE, "rules.yaml": "severity:\n  best-practice/cpu-limits: info\n" })).toEqual(["yaml", "zod"]);
  });

  it("GIVEN a clean manifest WHEN checked THEN exit 0 and a passing summary", async () => {
    const { code, stdout } = await run(["ns.yaml"], { "ns.yaml": NAMESPACE });
    expect(stdout).toContain("passed: 0 errors");
    expect(stdout.trim().split("\n").pop()).toMatch(/^passed: 0 errors, \d+ warnings?, \d+ info \(1 object in 1 file, Kubernetes 1\.36\)$/);
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

  it("GIVEN a custom resource of a pinned add-on WHEN checked with no option THEN its bundled CRD validates it", async () => {
    const certificate = "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\n  namespace: prod\nspec:\n  secretName: web-tls\n  issuerRef:\n    name: le\n";
    const valid = await run(["c.yaml", "--enable", "schema", "--enable", "unknown-kind"], { "c.yaml": certificate });
    expect(valid.stdout).toBe("passed: 0 errors, 0 warnings, 0 info (1 object in 1 file, Kubernetes 1.36)\n");
    expect(valid.code).toBe(0);
    const invalid = await run(["c.yaml", "--enable", "schema"], { "c.yaml": certificate.replace("secretName", "secretNam") });
    expect(invalid.stdout).toContain('schema  Certificate prod/web: missing required field "spec.secretName"');
    expect(invalid.code).toBe(1);
  });

  it("GIVEN --platform-crds WHEN checked THEN the same result, and a note that the flag is no longer needed", async () => {
    const { code, stdout, stderr } = await run(["ns.yaml", "--platform-crds", "--enable", "schema"], { "ns.yaml": NAMESPACE });
    expect(stdout).toBe("passed: 0 errors, 0 warnings, 0 info (1 object in 1 file, Kubernetes 1.36)\n");
    expect(stderr).toBe("note: --platform-crds is deprecated and does nothing: the CRDs of the add-ons Slipway pins are bundled and always known\n");
    expect(code).toBe(0);
  });

  const WIDGET = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: prod\nspec:\n  size: 3\n";
  const WIDGET_SCHEMA = { type: "object", properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, spec: { type: "object", required: ["size"], properties: { size: { type: ["integer", "null"], minimum: 1 } } } } };

  it("GIVEN a kind no CRD defines WHEN checked THEN unknown-kind; with its CRD folder THEN valid", async () => {
    const crd = crdYaml({ kind: "Widget", schema: { type: "object", properties: { spec: { type: "object", properties: { size: { type: "integer" } } } } } });
    const without = await run(["w.yaml", "--enable", "schema", "--enable", "unknown-kind"], { "w.yaml": WIDGET });
    expect(without.stdout).toContain("unknown-kind  Widget prod/w: no schema for Widget example.com/v1");
    expect(without.code).toBe(1);
    const withCrds = await run(["w.yaml", "--enable", "schema", "--enable", "unknown-kind", "--crds", "crds"], { "w.yaml": WIDGET, "crds/widget.yaml": crd });
    expect(withCrds.stdout).toBe("passed: 0 errors, 0 warnings, 0 info (1 object in 1 file, Kubernetes 1.36)\n");
  });

  it("GIVEN --crds in kubeconform's catalog layout {group}/{kind}_{version}.json WHEN checked THEN its JSON Schemas validate the kind, matched case-insensitively", async () => {
    const files = { "w.yaml": WIDGET, "catalog/example.com/widget_v1.json": JSON.stringify(WIDGET_SCHEMA), "catalog/example.com/gadget_v1.json": "{not json" };
    const valid = await run(["w.yaml", "--enable", "schema", "--enable", "unknown-kind", "--crds", "catalog"], files);
    expect(valid.stdout).toBe("passed: 0 errors, 0 warnings, 0 info (1 object in 1 file, Kubernetes 1.36)\n");
    const invalid = await run(["w.yaml", "--enable", "schema", "--crds", "catalog"], { ...files, "w.yaml": WIDGET.replace("size: 3", "size: 0\n  colour: red") });
    expect(invalid.stdout).toContain("schema  Widget prod/w: spec.size: must be >= 1");
    expect(invalid.stdout).toContain('schema  Widget prod/w: unknown field "spec.colour"');
    const otherVersion = await run(["w.yaml", "--enable", "unknown-kind", "--crds", "catalog"], { ...files, "w.yaml": WIDGET.replace("example.com/v1", "example.com/v2") });
    expect(otherVersion.stdout).toContain("Widget example.com/v2 is not a version of its CustomResourceDefinition (served: example.com/v1)");
  });

  it("GIVEN SARIF output WHEN checked THEN a SARIF 2.1.0 log", async () => {
    const { stdout } = await run([".", "--output", "sarif"], { "cm.yaml": BAD_CONFIGMAP });
    expect(JSON.parse(stdout)).toMatchObject({ version: "2.1.0", runs: [{ tool: { driver: { name: "slipway" } } }] });
  });

  it.each([
    { args: ["--output", "xml"], message: 'error USAGE: unknown output format "xml"' },
    { args: ["--fail-on", "fatal"], message: 'error USAGE: unknown severity "fatal" for --fail-on' },
    { args: ["--k8s-version", "1.20"], message: "error USAGE: no schemas for Kubernetes 1.20" },
    { args: ["--k8s-version", "1.31.9"], message: "error USAGE: no schemas for Kubernetes 1.31" },
    { args: ["--k8s-version", "1.37"], message: "error USAGE: no schemas for Kubernetes 1.37" },
    { args: ["--k8s-version", "latest"], message: 'error USAGE: "latest" is not a Kubernetes version' },
    { args: ["--k8s-version", "1.34.x"], message: 'error USAGE: "1.34.x" is not a Kubernetes version' },
    { args: ["--k8s-version", "1"], message: 'error USAGE: "1" is not a Kubernetes version' },
    { args: ["--k8s-version", ""], message: "error USAGE: option --k8s-version was given an empty value" },
    { args: ["--argocd", "managed"], message: 'error USAGE: unknown Argo CD "managed" for --argocd' },
    { args: ["--argocd", ""], message: "error USAGE: option --argocd was given an empty value" },
    { args: ["--bogus"], message: `error USAGE: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "--bogus"` },
  ])("GIVEN $args WHEN run THEN usage error, exit 2", async ({ args, message }) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe(message);
  });

  const IN_CLUSTER_APPLICATION =
    "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\n  namespace: team-a\nspec:\n  project: default\n  source:\n    repoURL: https://github.com/acme/web.git\n    path: deploy\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: web\n";
  const CAPABILITY_YAML_SPEC = [
    "argocd:",
    "  mode: eks-capability",
    "  identityCenter: { instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef' }",
    "  rbacRoleMappings: [{ role: ADMIN, identities: [{ id: 0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5e, type: SSO_USER }] }]",
    "",
  ].join("\n");

  it.each<{ how: string; args: string[]; files: Record<string, string>; failed: boolean }>([
    { how: "--argocd eks-capability", args: ["--argocd", "eks-capability"], files: {}, failed: true },
    { how: "a spec in the working directory with argocd.mode eks-capability", args: [], files: { "slipway.yaml": CAPABILITY_YAML_SPEC }, failed: true },
    { how: "--config naming such a spec", args: ["--config", "specs/platform.yaml"], files: { "specs/platform.yaml": CAPABILITY_YAML_SPEC }, failed: true },
    { how: "--argocd self-managed over such a spec", args: ["--argocd", "self-managed"], files: { "slipway.yaml": CAPABILITY_YAML_SPEC }, failed: false },
    { how: "no option and no spec", args: [], files: {}, failed: false },
  ])("GIVEN an Application in team-a on kubernetes.default.svc WHEN checked with $how THEN the capability's limits apply only for the capability", async ({ args, files, failed }) => {
    const { code, stdout } = await run(["app.yaml", "--enable", "argocd-capability", ...args], { "app.yaml": IN_CLUSTER_APPLICATION, ...files });
    const capabilityFindings = stdout.split("\n").filter((line) => line.includes("argocd-capability/"));
    if (failed) {
      expect(capabilityFindings).toHaveLength(2);
      expect(stdout).toContain("argocd-capability/namespace");
      expect(stdout).toContain("argocd-capability/in-cluster");
      expect(code).toBe(1);
    } else {
      expect(capabilityFindings).toEqual([]);
      expect(code).toBe(0);
    }
  });

  it.each([
    { given: "1.32", expected: "1.32" },
    { given: "1.33", expected: "1.33" },
    { given: "v1.34", expected: "1.34" },
    { given: "1.34.2", expected: "1.34" },
    { given: "v1.35.4", expected: "1.35" },
    { given: "1.36", expected: "1.36" },
  ])("GIVEN --k8s-version $given WHEN checked THEN the target is Kubernetes $expected", async ({ given, expected }) => {
    const { code, stdout } = await run(["ns.yaml", "--k8s-version", given, "--enable", "schema"], { "ns.yaml": NAMESPACE });
    expect(stdout).toBe(`passed: 0 errors, 0 warnings, 0 info (1 object in 1 file, Kubernetes ${expected})\n`);
    expect(code).toBe(0);
  });

  it("GIVEN a kind removed in 1.34 WHEN checked against 1.33 and 1.34 THEN deprecated in one, removed in the other", async () => {
    const policy = "apiVersion: admissionregistration.k8s.io/v1beta1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: p\nspec:\n  validations:\n    - expression: \"true\"\n";
    const older = await run(["p.yaml", "--k8s-version", "1.33"], { "p.yaml": policy });
    expect(older.stdout).toContain("deprecated-api  ValidatingAdmissionPolicy p: ValidatingAdmissionPolicy admissionregistration.k8s.io/v1beta1 is deprecated since Kubernetes 1.31 and removed in 1.34");
    expect(older.stdout).toContain("passed: 0 errors, 1 warning");
    expect(older.code).toBe(0);
    const newer = await run(["p.yaml", "--k8s-version", "1.34"], { "p.yaml": policy });
    expect(newer.stdout).toContain("removed-api  ValidatingAdmissionPolicy p: ValidatingAdmissionPolicy admissionregistration.k8s.io/v1beta1 was removed in Kubernetes 1.34; the target is 1.34");
    expect(newer.code).toBe(1);
  });

  it.each([
    { spec: "cluster:\n  kubernetesVersion: \"1.35\"\n", args: [], expected: "Kubernetes 1.35" },
    { spec: "cluster:\n  kubernetesVersion: \"1.36\"\n", args: [], expected: "Kubernetes 1.36" },
    { spec: "cluster:\n  kubernetesVersion: \"1.35\"\n", args: ["--k8s-version", "1.33"], expected: "Kubernetes 1.33" },
  ])("GIVEN a Slipway spec $spec in the working directory and $args WHEN checked THEN the target is $expected", async ({ spec, args, expected }) => {
    const { stdout } = await run(["ns.yaml", "--enable", "schema", ...args], { "ns.yaml": NAMESPACE, "slipway.yaml": spec });
    expect(stdout).toBe(`passed: 0 errors, 0 warnings, 0 info (1 object in 1 file, ${expected})\n`);
  });

  it("GIVEN --config naming a spec elsewhere WHEN checked THEN its cluster version is the target, and a missing one is an error", async () => {
    const files = { "ns.yaml": NAMESPACE, "specs/platform.yaml": "cluster:\n  kubernetesVersion: \"1.35\"\n" };
    expect((await run(["ns.yaml", "--enable", "schema", "--config", "specs/platform.yaml"], files)).stdout).toContain("Kubernetes 1.35)");
    const missing = await run(["ns.yaml", "--config", "nope.yaml"], files);
    expect(missing.stderr.split("\n")[0]).toBe("error SPEC_NOT_FOUND: spec file nope.yaml does not exist");
  });

  it("GIVEN a path that does not exist WHEN checked THEN a clear error and exit 1", async () => {
    const { code, stderr } = await run(["missing.yaml"]);
    expect(code).toBe(1);
    expect(stderr.split("\n")[0]).toBe("error INPUT_UNREADABLE: cannot read missing.yaml: ENOENT");
  });
});

describe("slipway check --enable/--disable naming no rule (hostile inputs, round 5)", () => {
  it.each([
    [["--enable", "best-practise"], '--enable "best-practise" names no rule'],
    [["--enable", "best-practice/no-such-rule"], '--enable "best-practice/no-such-rule" names no rule'],
    [["--disable", "network-polciy"], '--disable "network-polciy" names no rule'],
  ])("GIVEN %j WHEN checking THEN it is a usage error (exit 2) instead of a check that runs no rule and passes", async (options, message) => {
    const { code, stderr } = await run(["c.yaml", ...options], { "c.yaml": BAD_CONFIGMAP });
    expect(code).toBe(2);
    expect(stderr).toContain(`error USAGE: ${message}\n  fix: use a rule id, an id prefix (such as best-practice) or a category (`);
  });

  it("GIVEN a category, an id prefix and a rule id WHEN enabled THEN the check runs as before", async () => {
    for (const selector of ["schema", "best-practice", "best-practice/mutable-image-tag", "deprecation"]) {
      expect((await run(["c.yaml", "--enable", selector], { "c.yaml": NAMESPACE })).code, selector).toBe(0);
    }
  });
});
