/**
 * Builds every local control plane component for other platforms than the host, as a
 * platform engineer's machine would build it (macOS on arm64 and amd64, Linux on arm64
 * and amd64), and prints the time each target took. Go's build cache keeps what it
 * compiled: the first run of a target is a cold build of the whole control plane (about
 * an hour on 2 cores), later runs only link.
 *
 *   npx tsx scripts/cross-compile.ts                          # darwin/arm64 and linux/arm64
 *   npx tsx scripts/cross-compile.ts darwin/amd64 linux/amd64 # any of the supported targets
 *   npx tsx scripts/cross-compile.ts --resolve-only           # only `go list -deps` per target (seconds)
 *
 * Binaries go to $TMPDIR/slipway-cross/<os>-<arch>/ (removed at the end, unless --keep).
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crossCompile, resolveForTarget, SUPPORTED_TARGETS, targetName, type GoTarget } from "../src/local/cross-compile.js";

const names = process.argv.slice(2).filter((argument) => !argument.startsWith("--"));
const targets: GoTarget[] = names.length === 0 ? SUPPORTED_TARGETS.filter((target) => target.goarch === "arm64") : names.map(parseTarget);
const output = join(tmpdir(), "slipway-cross");
let failed = false;
for (const target of targets) {
  const started = Date.now();
  const problems = await resolveForTarget(target);
  for (const problem of problems) process.stderr.write(`${targetName(target)}: ${problem.component}: ${problem.pkg}: ${problem.error}\n`);
  process.stdout.write(`${targetName(target)}: ${problems.length === 0 ? "every package resolves" : `${problems.length} packages do not resolve`} (${seconds(started)})\n`);
  failed ||= problems.length > 0;
  if (problems.length > 0 || process.argv.includes("--resolve-only")) continue;
  const building = Date.now();
  const built = await crossCompile(target, join(output, `${target.goos}-${target.goarch}`), { onProgress: (line) => process.stdout.write(`  ${line}\n`) });
  process.stdout.write(`${targetName(target)}: ${Object.keys(built).length} binaries built in ${seconds(building)}\n`);
}
if (!process.argv.includes("--keep")) rmSync(output, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;

function parseTarget(text: string): GoTarget {
  const target = SUPPORTED_TARGETS.find((candidate) => targetName(candidate) === text);
  if (target === undefined) throw new Error(`unknown target ${text}: one of ${SUPPORTED_TARGETS.map(targetName).join(", ")}`);
  return target;
}

function seconds(since: number): string {
  return `${Math.round((Date.now() - since) / 1000)}s`;
}
