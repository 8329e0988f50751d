/**
 * Everything `slipway synth` produces, rendered in memory first and then written at once.
 */
import { join } from "node:path";
import type { PlatformSpec } from "../spec/schema.js";
import { synthesizeGitOps } from "../gitops/synthesize.js";
import { writeTree } from "./write-tree.js";

export interface SynthesisResult {
  readonly gitopsDirectory: string;
  readonly summary: readonly string[];
}

export async function synthesizePlatform(spec: PlatformSpec, outDirectory: string): Promise<SynthesisResult> {
  const gitops = synthesizeGitOps(spec);
  const gitopsDirectory = join(outDirectory, "gitops");
  writeTree(gitopsDirectory, gitops);
  return { gitopsDirectory, summary: [`gitops/: ${gitops.size} files`] };
}
