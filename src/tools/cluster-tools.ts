/**
 * Which kubectl, kustomize and helm Slipway runs, found per tool in this order:
 *
 * 1. `SLIPWAY_KUBECTL` / `SLIPWAY_KUSTOMIZE` / `SLIPWAY_HELM` when set: the user's choice,
 *    still refused when its version is outside the compatible range.
 * 2. The AWS CDK kubectl layer, on linux/x64 only (its binaries are linux/x64). kustomize is
 *    kubectl's built-in one there. A layer that cannot be extracted falls through to 3.
 * 3. The PATH, when the version it reports is in the compatible range of src/versions.ts.
 *    For kustomize, a standalone `kustomize` first, then kubectl's built-in one.
 * 4. The pinned version built from its Go module into the cache (src/tools/go-tool-build.ts).
 *
 * Nothing found is TOOL_UNAVAILABLE naming what to install. Resolution runs each version
 * probe once per process and remembers the answer per tool.
 */
import { execFile } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { SlipwayError } from "../errors.js";
import { CLUSTER_TOOLS } from "../versions.js";
import { buildGoTool, installAdvice, type ClusterToolName } from "./go-tool-build.js";
import { extractedLayer } from "./kubectl-layer.js";
import { describeRange, findVersion, isInRange } from "./tool-version.js";

export type { ClusterToolName } from "./go-tool-build.js";

export interface ResolvedTool {
  readonly tool: ClusterToolName;
  /** The executable to run. */
  readonly command: string;
  /** Arguments that come before the tool's own: `["kustomize"]` when kubectl provides kustomize. */
  readonly prefix: readonly string[];
  readonly version: string;
  readonly origin: "environment variable" | "layer" | "PATH" | "built";
}

export interface ToolEnvironment {
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default true on linux/x64 */
  readonly useLayer?: boolean;
  /** Cache root for built tools. @default `$XDG_CACHE_HOME/slipway` */
  readonly cacheRoot?: string;
  readonly onProgress?: (line: string) => void;
}

/** The variable that names a tool explicitly (`SLIPWAY_KUSTOMIZE`). */
export function overrideVariable(tool: ClusterToolName): string {
  return `SLIPWAY_${tool.toUpperCase()}`;
}

const remembered = new Map<ClusterToolName, Promise<ResolvedTool>>();

/** The tool as `resolveTool` finds it with the process's environment, found once per process. */
export function clusterTool(tool: ClusterToolName): Promise<ResolvedTool> {
  let resolved = remembered.get(tool);
  if (resolved === undefined) {
    resolved = resolveTool(tool).catch((error: unknown) => {
      remembered.delete(tool);
      throw error;
    });
    remembered.set(tool, resolved);
  }
  return resolved;
}

export async function resolveTool(tool: ClusterToolName, environment: ToolEnvironment = {}): Promise<ResolvedTool> {
  const env = environment.env ?? process.env;
  const { compatible, layer, pinned } = CLUSTER_TOOLS[tool];

  const override = env[overrideVariable(tool)];
  if (override !== undefined && override !== "") {
    const version = await reportedVersion(tool, override, env);
    if (version === undefined || !isInRange(version, compatible)) {
      throw new SlipwayError("TOOL_UNAVAILABLE", `${overrideVariable(tool)} names ${tool} ${version ?? "of unknown version (it did not run)"}; Slipway needs ${describeRange(compatible)}`, {
        where: override,
        fix: `point ${overrideVariable(tool)} at a compatible ${tool}, or unset it; ${installAdvice(tool)}`,
      });
    }
    return { tool, command: override, prefix: tool === "kustomize" ? (isKubectl(override) ? ["kustomize"] : ["build"]) : [], version, origin: "environment variable" };
  }

  if (environment.useLayer ?? (process.platform === "linux" && process.arch === "x64")) {
    // A layer that cannot be extracted (package missing, cache not writable) leaves the PATH and Go.
    const directory = await extractedLayer().catch((error: unknown) => {
      environment.onProgress?.(`the CDK kubectl layer is not usable (${(error as Error).message}): looking on the PATH`);
      return undefined;
    });
    if (directory !== undefined && tool === "helm") return { tool, command: join(directory, "helm", "helm"), prefix: [], version: layer, origin: "layer" };
    if (directory !== undefined) return { tool, command: join(directory, "kubectl", "kubectl"), prefix: tool === "kustomize" ? ["kustomize"] : [], version: layer, origin: "layer" };
  }

  for (const candidate of pathCandidates(tool)) {
    const command = findOnPath(candidate.executable, env);
    if (command === undefined) continue;
    const version = await reportedVersion(candidate.reports, command, env);
    if (version !== undefined && isInRange(version, candidate.compatible)) return { tool, command, prefix: candidate.prefix, version, origin: "PATH" };
    environment.onProgress?.(`${command} is ${candidate.reports} ${version ?? "of unknown version"}, not ${describeRange(candidate.compatible)}: not used`);
  }

  const command = await buildGoTool(tool, { cacheRoot: environment.cacheRoot, onProgress: environment.onProgress });
  return { tool, command, prefix: tool === "kustomize" ? ["build"] : [], version: pinned, origin: "built" };
}

interface PathCandidate {
  readonly executable: string;
  readonly prefix: readonly string[];
  /** Whose version the candidate's own version probe reports and which range applies. */
  readonly reports: ClusterToolName;
  readonly compatible: { readonly atLeast: string; readonly below: string };
}

function pathCandidates(tool: ClusterToolName): PathCandidate[] {
  if (tool === "kustomize") {
    return [
      { executable: "kustomize", prefix: ["build"], reports: "kustomize", compatible: CLUSTER_TOOLS.kustomize.compatible },
      // kubectl's built-in kustomize: its version is the "Kustomize Version" kubectl reports.
      { executable: "kubectl", prefix: ["kustomize"], reports: "kustomize", compatible: CLUSTER_TOOLS.kustomize.compatible },
    ];
  }
  return [{ executable: tool, prefix: [], reports: tool, compatible: CLUSTER_TOOLS[tool].compatible }];
}

/** An executable file named `name` in a PATH folder, or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const folder of (env.PATH ?? "").split(delimiter)) {
    if (folder === "") continue;
    const path = join(folder, name);
    try {
      if (!statSync(path).isFile()) continue;
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not there or not executable: the next folder.
    }
  }
  return undefined;
}

/**
 * The version `command` reports for `tool`: kubectl's client version, the kustomize
 * version of a kustomize or of a kubectl (its built-in one), helm's version. Undefined when
 * the command does not run or prints no version.
 */
function reportedVersion(tool: ClusterToolName, command: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const kubectl = isKubectl(command);
  const args = tool === "helm" ? ["version", "--short"] : kubectl ? ["version", "--client"] : ["version"];
  return new Promise((resolvePromise) => {
    execFile(command, args, { env, encoding: "utf8", timeout: 30_000 }, (error, stdout) => {
      if (error !== null) return resolvePromise(undefined);
      if (!kubectl) return resolvePromise(findVersion(stdout));
      const label = tool === "kustomize" ? "Kustomize Version" : "Client Version";
      const line = stdout.split("\n").find((text) => text.startsWith(label));
      resolvePromise(line === undefined ? undefined : findVersion(line));
    });
  });
}

/** kubectl answers version probes and provides kustomize differently from a standalone kustomize. */
function isKubectl(command: string): boolean {
  return /(^|[\\/])kubectl(\.exe)?$/.test(command);
}
