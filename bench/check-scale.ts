/**
 * `slipway check` of the GitOps repository a large spec synthesizes: `applications`
 * applications over up to 30 teams (bench/scale-spec.ts), written to a temporary folder
 * and checked by the built CLI as users run it (kustomize included).
 *
 *   npm run build && npx tsx bench/check-scale.ts [applications...]     (default 300)
 *
 * Prints per size the files, kustomizations and objects, the wall time and the CPU time
 * (user + system) of the check and every process it started, kustomize's included, and
 * the check's summary line. Figures: docs/check.md ("Large gathering kustomizations").
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { synthesizeGitOps } from "../src/gitops/synthesize.js";
import { parseSpec } from "../src/platform-spec/load.js";
import { writeTree } from "../src/synth/write-tree.js";
import { scaleSpec } from "./scale-spec.js";

const cli = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const sizes = process.argv.slice(2).map(Number);

/** `bash`'s `time` counts the CPU of the check's children (kustomize) too. */
function timedCheck(folder: string): Promise<{ wall: number; cpu: number; summary: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("bash", ["-c", `TIMEFORMAT='time %R %U %S'; time node ${JSON.stringify(cli)} check .`], { cwd: folder });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", () => {
      const time = /^time ([\d.]+) ([\d.]+) ([\d.]+)$/m.exec(output);
      if (time === null) return reject(new Error(`no timing in the output:\n${output.slice(-2000)}`));
      resolvePromise({ wall: Number(time[1]), cpu: Number(time[2]) + Number(time[3]), summary: /^(passed|failed):.*$/m.exec(output)?.[0] ?? output.trim().split("\n").at(-2) ?? "" });
    });
  });
}

for (const applications of sizes.length > 0 ? sizes : [300]) {
  const folder = mkdtempSync(join(tmpdir(), `slipway-check-scale-${applications}-`));
  try {
    const tree = synthesizeGitOps(parseSpec(scaleSpec(applications), "scale"));
    writeTree(folder, tree);
    const kustomizations = readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((path) => path.endsWith("kustomization.yaml")).length;
    const { wall, cpu, summary } = await timedCheck(folder);
    process.stdout.write(`${applications} applications (${tree.size} files, ${kustomizations} kustomizations): ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU\n  ${summary}\n`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
