import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleForSnapshot, withFileLocation, withPlainRequire, withResolvedPaths } from "../../../bench/snapshot/bundle.js";
import { REPO_ROOT } from "../../support/paths.js";

describe("withPlainRequire: createRequire(import.meta.url) becomes a require esbuild bundles", () => {
  it.each([
    ["a named local", 'const load = createRequire(import.meta.url);\nexport const core = () => load("aws-cdk-lib/core");\n', 'export const core = () => require("aws-cdk-lib/core");'],
    ["a local named require", 'const require = createRequire(import.meta.url);\nconst v = require("ajv/package.json");\n', 'const v = require("ajv/package.json");'],
    ["an inline call", 'const { A } = createRequire(import.meta.url)("cdk-nag") as typeof import("cdk-nag");', 'const { A } = require("cdk-nag") as typeof import("cdk-nag");'],
    ["require.resolve through the local", 'const load = createRequire(import.meta.url);\nload.resolve("x/package.json");\n', 'require.resolve("x/package.json");'],
  ])("GIVEN %s WHEN rewritten THEN the call is a plain require", (_, source, expected) => {
    const rewritten = withPlainRequire(source);
    expect(rewritten).toContain(expected);
    expect(rewritten).not.toContain("createRequire(import.meta.url)");
  });

  it("GIVEN a method of the same name as the local WHEN rewritten THEN only the local's calls change", () => {
    const rewritten = withPlainRequire('const load = createRequire(import.meta.url);\nyaml.load(text); load("a"); reload("b");\n');
    expect(rewritten).toContain('yaml.load(text); require("a"); reload("b");');
  });
});

describe("withResolvedPaths: require.resolve is answered at bundle time", () => {
  it("GIVEN require.resolve of a package file WHEN rewritten THEN the absolute path from the file's folder replaces it", () => {
    const from = join(REPO_ROOT, "src", "tools", "kubectl-layer.ts");
    expect(withResolvedPaths('const p = require.resolve("yaml/package.json");', from)).toBe(`const p = ${JSON.stringify(realpathSync(join(REPO_ROOT, "node_modules", "yaml", "package.json")))};`);
  });

  it("GIVEN a package that is not installed WHEN rewritten THEN bundling fails naming it, not the run", () => {
    expect(() => withResolvedPaths('require.resolve("no-such-package-here")', join(REPO_ROOT, "src", "index.ts"))).toThrow(/no-such-package-here/);
  });
});

describe("withFileLocation: the module-location globals name the original file", () => {
  const path = "/repo/node_modules/pkg/lib/index.js";

  it.each([
    ["import.meta.url", 'new URL("./data.json", import.meta.url)', 'new URL("./data.json", "file:///repo/node_modules/pkg/lib/index.js")'],
    ["__dirname", 'path.join(__dirname, "handler")', 'path.join("/repo/node_modules/pkg/lib", "handler")'],
    ["__filename", "fs.readFileSync(__filename)", 'fs.readFileSync("/repo/node_modules/pkg/lib/index.js")'],
    ["a property of that name", "module.__dirname = 1; x.__filename;", "module.__dirname = 1; x.__filename;"],
    ["a variable the file declares", 'var __dirname = "/elsewhere"; use(__dirname);', 'var __dirname = "/elsewhere"; use(__dirname);'],
  ])("GIVEN %s WHEN rewritten THEN it reads as expected", (_, source, expected) => {
    expect(withFileLocation(source, path)).toBe(expected);
  });
});

describe("bundleForSnapshot: a bundle that runs and snapshots like the modules", () => {
  const work = mkdtempSync(join(tmpdir(), "snapshot-bundle-test-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const fixture = join(REPO_ROOT, "test", "fixtures", "snapshot-bundle");
  const packageVersion = (name: string) => (JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  const expected = JSON.stringify({ yaml: "yaml", cdkNag: packageVersion("cdk-nag"), yamlVersion: packageVersion("yaml"), data: "read beside located.ts", resolved: true });

  it("GIVEN modules using createRequire and import.meta.url WHEN bundled THEN the script finds its packages and files", async () => {
    const script = join(work, "bundle.cjs");
    const { warnings } = await bundleForSnapshot(join(fixture, "entry.ts"), script, { minify: false });
    expect(readFileSync(script, "utf8")).not.toMatch(/createRequire\(import\.meta\.url\)|import\.meta/);
    expect(warnings.filter((warning) => /import\.meta/.test(warning))).toEqual([]);
    expect(execFileSync(process.execPath, [script], { cwd: work, encoding: "utf8" })).toBe(`${expected}\n`);
  }, 60_000);

  it("GIVEN the minified bundle WHEN a snapshot is built and run THEN the same values, at build and after deserialization, and the argument reaches the main function", async () => {
    const script = join(work, "minified.cjs");
    const blob = join(work, "fixture.blob");
    await bundleForSnapshot(join(fixture, "entry.ts"), script);
    execFileSync(process.execPath, ["--snapshot-blob", blob, "--build-snapshot", script], { cwd: work, stdio: "ignore", env: { ...process.env, NODE_NO_WARNINGS: "1" } });
    writeFileSync(join(work, "argument.txt"), "argument file");
    expect(execFileSync(process.execPath, ["--snapshot-blob", blob, join(work, "argument.txt")], { cwd: work, encoding: "utf8" })).toBe(`${expected}\n${expected}\nargument file`);
  }, 60_000);
});
