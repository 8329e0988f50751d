/**
 * The package as users get it: `npm pack`, installed from the tarball into an empty
 * project made by `npm init -y` — one CommonJS (npm's default) and one ES module project —
 * then run through `npx slipway`. This is what proves `exports` (the README's
 * `slipway.config.ts` imports "slipway/config", which a CommonJS project resolves with the
 * `require` condition), the `files` list and `--version`.
 *
 * `up --local` from the package builds the local control plane from the packed Go modules
 * into an empty Slipway cache (XDG_CACHE_HOME in a temporary folder), then brings the
 * cluster up and `down` stops it. Go's own build cache (GOCACHE) is the machine's: the
 * compiled packages of a cold build (about 55 minutes on 2 cores) are reused, and what runs
 * is the package's build steps, the links and every file the build writes beside the
 * binaries. On a machine where the local control plane was never built, setup builds it
 * first (scripts/setup.sh), which warms that cache.
 *
 * Runtime: about 2-3 minutes on 2 busy cores (npm pack builds dist/ through `prepack`;
 * each install copies aws-cdk-lib and the kubectl layer from the local npm cache), plus the
 * `up --local`: 686 s on 2026-11-30 at load average 12 (about 4 minutes of it the build's
 * links with Go's cache warm, the rest `up` with Argo CD syncing every Application).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, SHARED_CHARTS_DIR, SHARED_CRDS_DIR } from "../support/paths.js";
import { needsShared } from "../support/shared.js";

const EXTERNAL_SECRETS_CRDS = join(SHARED_CRDS_DIR, "external-secrets");

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

/** The README's own `slipway.config.ts`, read from the README so the two cannot drift. */
function readmeConfig(): string {
  const match = /```ts\n(import \{ defineConfig \} from "slipway\/config";[\s\S]*?)```/.exec(readFileSync(join(REPO_ROOT, "README.md"), "utf8"));
  if (match?.[1] === undefined) throw new Error("README.md has no ```ts block importing slipway/config");
  return match[1];
}

/** The same spec as the README's example, as `slipway.yaml`. */
const README_YAML = `aws: { account: "123456789012", region: eu-west-1 }
teams: { team-a: {}, payments: { quota: { requestsCpu: "8" } } }
namespaces:
  production: { team: team-a }
  payments: { team: payments }
applications:
  api-server: { namespace: production }
  ledger: { namespace: payments, port: 8443, autoscaling: { maxReplicas: 20 } }
`;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** npm's own variables (set when this runs under `npm test`) would steer the child npm. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_")));
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolvePromise) => {
    execFile(command, args, { cwd, env: { ...cleanEnvironment(), ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolvePromise({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr });
    });
  });
}

async function mustRun(command: string, args: readonly string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.code}) in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const work = mkdtempSync(join(tmpdir(), "slipway-package-"));
let packedFiles: string[] = [];
const projects = { commonjs: join(work, "commonjs-project"), module: join(work, "module-project") } as const;

beforeAll(async () => {
  const packed = JSON.parse(await mustRun("npm", ["pack", "--json", "--pack-destination", work], REPO_ROOT)) as { filename: string; files: { path: string }[] }[];
  const tarball = join(work, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((file) => file.path);
  await Promise.all(
    Object.entries(projects).map(async ([type, folder]) => {
      await mustRun("mkdir", ["-p", folder], work);
      await mustRun("npm", ["init", "-y"], folder);
      if (type === "module") {
        const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as Record<string, unknown>;
        writeFileSync(join(folder, "package.json"), JSON.stringify({ ...manifest, type: "module" }, null, 2));
      }
      await mustRun("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], folder);
    }),
  );
}, 900_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the packed files", () => {
  it.each([
    ["the CLI", "dist/cli/main.js"],
    ["the ES module config entry", "dist/config.js"],
    ["the CommonJS config entry", "dist/cjs/config.js"],
    ["the CommonJS marker of dist/cjs", "dist/cjs/package.json"],
    ["the local control plane's tools module (up --local builds in it)", "tools/localcp/go.mod"],
    ["its checksums", "tools/localcp/go.sum"],
    ["the Argo Rollouts sub-module", "tools/localcp/rollouts/go.mod"],
    ["its checksums", "tools/localcp/rollouts/go.sum"],
    ["the Argo CD sub-module", "tools/localcp/argocd/go.mod"],
    ["its checksums", "tools/localcp/argocd/go.sum"],
    ["the Karpenter (kwok) sub-module", "tools/localcp/karpenter/go.mod"],
    ["its checksums", "tools/localcp/karpenter/go.sum"],
    ["the JSON Schema for editors", "schema/slipway.schema.json"],
    ["the spec reference", "docs/spec.md"],
    ["the README", "README.md"],
  ])("GIVEN npm pack WHEN listing the tarball THEN it holds %s (%s)", (_what, path) => {
    expect(packedFiles).toContain(path);
  });

  it("GIVEN npm pack WHEN listing the tarball THEN every tools module in the repository is packed with its go.sum, and no tests", () => {
    const toolsModules = readdirSync(join(REPO_ROOT, "tools"), { recursive: true, encoding: "utf8" }).filter((path) => path.endsWith("go.mod") || path.endsWith("go.sum"));
    expect(toolsModules.length).toBeGreaterThan(0);
    for (const path of toolsModules) expect(packedFiles).toContain(join("tools", path));
    expect(packedFiles.some((path) => path.endsWith(".json") && path.startsWith("src/generated/"))).toBe(true);
    expect(packedFiles.filter((path) => path.startsWith("test/"))).toEqual([]);
  });
});

describe.each(Object.entries(projects))("slipway installed in a %s project", (_type, folder) => {
  it("GIVEN the installed package WHEN npx slipway --version THEN it prints package.json's version", async () => {
    expect(await mustRun("npx", ["--no-install", "slipway", "--version"], folder)).toBe(`slipway ${VERSION}\n`);
  });

  it.each([
    ["no spec (the reference platform)", undefined, undefined, ["api-server", "kustomization.yaml"]],
    ["slipway.yaml", "slipway.yaml", README_YAML, ["api-server", "kustomization.yaml", "ledger"]],
    ["the README's slipway.config.ts", "slipway.config.ts", readmeConfig(), ["api-server", "kustomization.yaml", "ledger"]],
  ])("GIVEN %s WHEN npx slipway synth THEN it writes the platform of that spec", async (_what, file, content, applications) => {
    const project = join(folder, `synth-${file ?? "none"}`);
    await mustRun("mkdir", ["-p", project], folder);
    if (file !== undefined && content !== undefined) writeFileSync(join(project, file), content);
    // The spec folder sits inside the project, so its package.json (type) and node_modules apply.
    const result = await run("npx", ["--no-install", "slipway", "synth", "--out", "out"], project);
    expect(result.stderr).not.toContain("error ");
    expect(result.code).toBe(0);
    expect(readdirSync(join(project, "out"))).toEqual(expect.arrayContaining(["cdk.out", "gitops", "workflows"]));
    expect(readdirSync(join(project, "out", "gitops", "applications")).sort()).toEqual(applications);
  });

  it.skipIf(needsShared("slipway check of the synthesized README platform (External Secrets' CRDs)"))("GIVEN the synthesized README platform WHEN npx slipway check THEN it passes", async () => {
    const project = join(folder, "synth-slipway.config.ts");
    const result = await run("npx", ["--no-install", "slipway", "check", "out/gitops", "--platform-crds", "--crds", EXTERNAL_SECRETS_CRDS], project);
    expect(result.stdout).toContain("passed: 0 errors");
    expect(result.code).toBe(0);
  });
});

describe.skipIf(needsShared("up --local from the installed package (the pinned charts and CRDs)") || process.platform !== "linux")("up --local from the installed package", () => {
  it("GIVEN the installed package and an empty Slipway cache WHEN npx slipway up --local then down THEN it builds the local control plane from the packed modules, Argo CD syncs the platform, and down stops every process", async () => {
    const project = join(projects.commonjs, "local");
    await mustRun("mkdir", ["-p", project], projects.commonjs);
    // Go's build cache stays the machine's (it would follow XDG_CACHE_HOME otherwise); the module cache does not move with it.
    const goCache = (await mustRun("go", ["env", "GOCACHE"], project)).trim();
    const env = { XDG_CACHE_HOME: join(work, "cache"), GOCACHE: goCache };
    const started = await run("npx", ["--no-install", "slipway", "up", "--local", "--charts", SHARED_CHARTS_DIR, "--crds", SHARED_CRDS_DIR], project, env);
    const stopped = await run("npx", ["--no-install", "slipway", "down"], project, env);
    expect(started.stderr).not.toMatch(/\n\s*at .*\.js:\d+/);
    expect(started.stdout + started.stderr).toMatch(/binaries built in \d+s into /);
    expect(started.stdout).toMatch(/Applications Synced and Healthy/);
    expect(started.code).toBe(0);
    const binaries = readdirSync(join(work, "cache", "slipway", "local-control-plane"), { recursive: true, encoding: "utf8" });
    for (const binary of ["kube-apiserver", "etcd", "kwok", "argocd", "karpenter"]) expect(binaries.some((path) => path.endsWith(`/bin/${binary}`))).toBe(true);
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toMatch(/stopped/);
  }, 40 * 60_000);
});
