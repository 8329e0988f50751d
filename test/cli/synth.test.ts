import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHARTS_AVAILABLE } from "../support/charts.js";
import { REPO_ROOT } from "../support/paths.js";
import { readTree } from "../support/tree.js";
import { CLI, runCli } from "../support/cli.js";

function slipway(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeout?: number) {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js is missing: run `npm run build` (npm test does)");
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, ...env }, timeout });
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "slipway-synth-"));
}

describe("slipway synth", () => {
  it("GIVEN no spec WHEN synthesizing twice THEN both trees are byte-identical and need no AWS credentials", () => {
    const cwd = tempDir();
    const offline = { AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", AWS_PROFILE: "", AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" };
    const first = slipway(["synth", "--out", "first"], cwd, offline);
    const second = slipway(["synth", "--out", "second"], cwd, offline);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    expect(first.stdout).toContain("synthesized the reference platform");
    const a = readTree(join(cwd, "first"));
    const b = readTree(join(cwd, "second"));
    expect(a.size).toBeGreaterThan(20);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [path, content] of a) expect(content, path).toBe(b.get(path));
  });

  it("GIVEN an invalid spec WHEN synthesizing THEN it exits 1, names the field, and writes nothing", () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.yaml"), "nodeGroups:\n  system: { instanceTypes: [m6i.large], minSize: 3, maxSize: 1 }\n");
    const result = slipway(["synth", "--out", "out"], cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error SPEC_INVALID: the platform spec is invalid (1 problem); nothing was written");
    expect(result.stderr).toContain("- nodeGroups.system.maxSize: must be >= minSize (3)");
    expect(result.stderr).toContain(`where: ${join(cwd, "slipway.yaml")}`);
    expect(result.stderr).not.toContain("    at ");
    expect(existsSync(join(cwd, "out"))).toBe(false);
  });

  it.each<[string, (cwd: string) => string, string]>([
    ["an existing file", (cwd) => (writeFileSync(join(cwd, "taken"), "x"), "taken"), "exists and is not a folder"],
    ["a folder below a file", (cwd) => (writeFileSync(join(cwd, "taken"), "x"), "taken/out"), "is a file, so"],
    ["a folder below /proc", () => "/proc/x", "cannot write /proc/x"],
  ])("GIVEN --out naming %s WHEN synthesizing THEN it fails at once with OUTPUT_UNWRITABLE and no stack trace", (_title, out, message) => {
    const cwd = tempDir();
    // A spinning process (Node's recursive mkdir below /proc) is killed by the timeout and has no exit status.
    const result = slipway(["synth", "--out", out(cwd)], cwd, {}, 60_000);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error OUTPUT_UNWRITABLE:");
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("fix: pass --out a folder you can write to");
    expect(result.stderr).not.toContain("    at ");
  });

  it("GIVEN an alias bomb in slipway.yaml WHEN synthesizing THEN SPEC_UNREADABLE, no stack trace, nothing written", () => {
    const cwd = tempDir();
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 9; level++) lines.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9).fill(`*${String.fromCharCode(96 + level)}`).join(", ")}]`);
    writeFileSync(join(cwd, "slipway.yaml"), `${lines.join("\n")}\n`);
    const result = slipway(["synth", "--out", "out"], cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error SPEC_UNREADABLE:");
    expect(result.stderr).not.toContain("    at ");
    expect(existsSync(join(cwd, "out"))).toBe(false);
  });

  it("GIVEN an application named like an add-on WHEN synthesizing THEN SPEC_INVALID names it instead of 'generated twice'", () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.yaml"), "applications:\n  cert-manager: { namespace: production }\n");
    const result = slipway(["synth", "--out", "out"], cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('- applications.cert-manager: the name "cert-manager" is reserved');
    expect(existsSync(join(cwd, "out"))).toBe(false);
  });

  it("GIVEN a team Application reading a folder Slipway writes WHEN synthesizing THEN SPEC_INVALID names the field, and nothing is written", () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.yaml"), "teams:\n  team-a:\n    applications:\n      extra: { path: applications/api-server, namespace: production }\n");
    const result = slipway(["synth", "--out", "out"], cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("- teams.team-a.applications.extra.path: applications/api-server is inside applications/, a folder Slipway writes");
    expect(result.stderr).not.toContain("    at ");
    expect(existsSync(join(cwd, "out"))).toBe(false);
  });

  it("GIVEN a team Application reading a folder of the GitOps repository Slipway does not write WHEN synthesizing THEN it succeeds and warns that the team must commit that folder", () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.yaml"), "teams:\n  team-a:\n    applications:\n      extra: { path: teams/team-a/extra, namespace: production }\n");
    const result = slipway(["synth", "--out", "out"], cwd);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^warning: teams\.team-a\.applications\.extra\.path: teams\/team-a\/extra is a folder of https:\/\/github\.com\/example-org\/platform-gitops\.git that Slipway does not write: .*"app path does not exist"\n$/);
  });

  it("GIVEN an earlier output WHEN the spec becomes invalid THEN the earlier output is left untouched", () => {
    const cwd = tempDir();
    expect(slipway(["synth", "--out", "out"], cwd).status).toBe(0);
    const before = readTree(join(cwd, "out"));
    writeFileSync(join(cwd, "slipway.yaml"), "cluster: { name: Not_A_Label }\n");
    expect(slipway(["synth", "--out", "out"], cwd).status).toBe(1);
    expect(readTree(join(cwd, "out"))).toEqual(before);
  });

  it("GIVEN a stale file in the output WHEN synthesizing again THEN the file is removed", () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "out", "gitops", "old"), { recursive: true });
    writeFileSync(join(cwd, "out", "gitops", "old", "stale.yaml"), "kind: Stale\n");
    expect(slipway(["synth", "--out", "out"], cwd).status).toBe(0);
    expect(existsSync(join(cwd, "out", "gitops", "old", "stale.yaml"))).toBe(false);
  });

  it.skipIf(!CHARTS_AVAILABLE)("GIVEN --charts ../shared/charts WHEN synthesizing THEN the 13 add-ons' Helm values are checked against their charts first", async () => {
    const out = join(tempDir(), "out");
    const result = await runCli(["synth", "--charts", "../shared/charts", "--out", out], REPO_ROOT, { SLIPWAY_CHARTS: "" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("  Helm values: 13 add-ons checked against their charts, 0 unknown keys\n");
    expect(result.stdout).not.toContain("NOT checked");
  });

  it.skipIf(!CHARTS_AVAILABLE)("GIVEN addons.<name>.version that no chart source has WHEN synthesizing THEN a warning names the field, the version and where it was looked for", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.yaml"), "addons:\n  metrics-server: { version: 9.9.9 }\n");
    // An empty cache and no network: the pull fails at once, as offline.
    const result = await runCli(["synth", "--charts", join(REPO_ROOT, "../shared/charts"), "--out", "out"], cwd, { SLIPWAY_CHARTS: "", XDG_CACHE_HOME: join(cwd, "cache"), HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9" });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^warning: addons\.metrics-server\.version: 9\.9\.9 was found in no chart source \(.*no metrics-server 9\.9\.9 in index\.yaml \(it lists [0-9.]+\).*Argo CD cannot render the add-on/m);
  });

  it.each([
    [["synth", "--bogus"], "error USAGE: Unknown option '--bogus'"],
    [["synth", "extra"], 'error USAGE: unexpected argument "extra"'],
    [["frobnicate"], 'error USAGE: unknown command "frobnicate"'],
  ])("GIVEN %j WHEN running THEN it exits 2 with a usage error", (args, message) => {
    const result = slipway(args, tempDir());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe("slipway synth with a slipway.config.ts that does something to the process (hostile inputs, round 5)", () => {
  it.each([
    ["calls process.exit(0) (exit 0 and no output before)", "process.exit(0);\nexport default {};\n", "spec file ended the process while it was loading (exit code 0), so nothing was written"],
    ["awaits a promise nothing resolves (exit 0 and no output before)", "export default await new Promise(() => undefined);\n", "spec file ended the process while it was loading (exit code 0), so nothing was written"],
    ["exports a rejected promise (its stack trace printed after the error before)", "export default Promise.reject(new Error('from the spec'));\n", "the default export is a Promise, not the spec object"],
  ])("GIVEN a spec file that %s WHEN synthesizing THEN it exits 1 with the error only and writes nothing", (_, source, message) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.config.mts"), source);
    const result = slipway(["synth", "--out", "out", "--config", "slipway.config.mts"], cwd, {}, 60_000);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`error SPEC_UNREADABLE: ${message}\n  where: ${join(cwd, "slipway.config.mts")}\n${result.stderr.slice(result.stderr.indexOf("  fix: "))}`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(cwd, "out"))).toBe(false);
  });

  it("GIVEN a spec file that leaves a timer running WHEN synthesizing THEN the CLI exits when the work is done instead of hanging", () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "slipway.config.ts"), "setInterval(() => undefined, 1000);\nexport default { cluster: { name: 'timer-left' } };\n");
    const result = slipway(["synth", "--out", "out"], cwd, {}, 60_000);
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("CloudFormation stack timer-left-platform");
  });
});
