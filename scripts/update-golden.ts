/**
 * Rewrites the golden files of the reference platform (test/golden/reference/gitops) from
 * the current generators. Run it when a change to generated output is intended, and
 * review the diff: that diff is what the change does to every user's platform.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { parseSpec } from "../src/platform-spec/load.js";
import { synthesizeGitOps } from "../src/gitops/synthesize.js";
import { writeTree } from "../src/synth/write-tree.js";

const target = join("test", "golden", "reference", "gitops");
rmSync(target, { recursive: true, force: true });
const tree = synthesizeGitOps(parseSpec({}, "the reference platform"));
writeTree(target, tree);
console.log(`wrote ${tree.size} golden files to ${target}`);
