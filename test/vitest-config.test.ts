/**
 * The two test tiers of vitest.config.ts. The unit run's speed rests on one setting that
 * vitest ignores silently where it does not apply: `isolate: false` set on a project alone
 * still starts a fork per test file. So this runs the real vitest with the unit options on
 * four small files and looks at what their workers shared.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FRESH_MODULE_TESTS, INTEGRATION_TESTS, testOptions } from "../vitest.config.js";
import { REPO_ROOT } from "./support/paths.js";

const FILES = 4;

function runVitest(root: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, "node_modules", "vitest", "vitest.mjs"), "run", "--root", root], { cwd: root, env: { ...process.env, SLIPWAY_TESTS: "unit" } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("close", (status) => resolvePromise({ status, output }));
  });
}

describe("vitest.config.ts", () => {
  it("GIVEN the unit options and four test files importing one module WHEN vitest runs them on two workers THEN a worker runs several files and evaluates the module once for them", async () => {
    const root = mkdtempSync(join(tmpdir(), "slipway-vitest-tiers-"));
    symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"));
    mkdirSync(join(root, "test"));
    writeFileSync(join(root, "vitest.config.ts"), `import { defineConfig } from "vitest/config";\nimport { testOptions } from ${JSON.stringify(join(REPO_ROOT, "vitest.config.ts"))};\nexport default defineConfig({ test: testOptions(true) });\n`);
    // Each evaluation of the module takes the next number of its process.
    writeFileSync(join(root, "counter.ts"), "const state = globalThis as { evaluations?: number };\nstate.evaluations = (state.evaluations ?? 0) + 1;\nexport const evaluation = state.evaluations;\n");
    const log = join(root, "seen.log");
    for (let index = 0; index < FILES; index++) {
      writeFileSync(
        join(root, "test", `file-${index}.test.ts`),
        `import { appendFileSync } from "node:fs";\nimport { it } from "vitest";\nimport { evaluation } from "../counter.js";\nit("records", () => appendFileSync(${JSON.stringify(log)}, \`\${process.pid} \${evaluation}\\n\`));\n`,
      );
    }
    const { status, output } = await runVitest(root);
    expect(status, output).toBe(0);
    const seen = readFileSync(log, "utf8").trim().split("\n").map((line) => line.split(" "));
    expect(seen).toHaveLength(FILES);
    const processes = new Set(seen.map(([pid]) => pid));
    // Four files on at most two workers: with a fork per file there would be four processes.
    expect(processes.size).toBeLessThan(FILES);
    expect(seen.map(([, evaluation]) => evaluation)).toEqual(Array(FILES).fill("1"));
  });

  it("GIVEN both tiers WHEN their options are read THEN npm test runs every file in a fork of its own, and the unit run leaves out the integration files and isolates the fresh-module ones", () => {
    const full = testOptions(false);
    expect(full).not.toHaveProperty("isolate");
    expect(full.include).toEqual(["test/**/*.test.ts"]);
    const unit = testOptions(true);
    expect(unit.isolate).toBe(false);
    const [fresh, rest] = unit.projects ?? [];
    expect(fresh?.test).toMatchObject({ include: FRESH_MODULE_TESTS, isolate: true });
    expect(rest?.test.exclude).toEqual(expect.arrayContaining([...INTEGRATION_TESTS, ...FRESH_MODULE_TESTS]));
  });
});
