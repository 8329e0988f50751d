/**
 * Rewrites the golden files (test/golden/<example>/gitops) from the current generators:
 * the reference platform (no spec) and each example spec kept beside its golden folder
 * (test/golden/<example>/slipway.yaml). Run it when a change to generated output is
 * intended, and review the diff: that diff is what the change does to every user's platform.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { parseSpec } from "../src/platform-spec/load.js";
import { synthesizeGitOps } from "../src/gitops/synthesize.js";
import { writeTree } from "../src/synth/write-tree.js";

const GOLDEN_EXAMPLES: Readonly<Record<string, string | undefined>> = {
  reference: undefined,
  "eks-capability": join("test", "golden", "eks-capability", "slipway.yaml"),
};

for (const [example, specPath] of Object.entries(GOLDEN_EXAMPLES)) {
  const target = join("test", "golden", example, "gitops");
  rmSync(target, { recursive: true, force: true });
  const input = specPath === undefined ? {} : parse(readFileSync(specPath, "utf8"));
  const tree = synthesizeGitOps(parseSpec(input, specPath ?? "the reference platform"));
  writeTree(target, tree);
  console.log(`wrote ${tree.size} golden files to ${target}`);
}
