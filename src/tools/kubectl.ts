/**
 * The commands Slipway runs with kubectl, kustomize and helm (found by cluster-tools.ts).
 *
 * A kustomization that kustomize rejects (it ran and exited non-zero) is
 * KUSTOMIZATION_INVALID: the user's files are wrong. A kustomize that cannot run (missing,
 * not executable, built for another platform, killed) is TOOL_UNAVAILABLE: the machine is
 * wrong. The checker turns only the first into a finding, so a missing tool never looks
 * like a broken kustomization.
 */
import { execFile } from "node:child_process";
import { SlipwayError } from "../errors.js";
import { clusterTool, type ResolvedTool } from "./cluster-tools.js";
import { installAdvice } from "./go-tool-build.js";

/** Absolute path of a compatible kubectl. */
export async function kubectlPath(): Promise<string> {
  return (await clusterTool("kubectl")).command;
}

/** Absolute path of a compatible helm. */
export async function helmPath(): Promise<string> {
  return (await clusterTool("helm")).command;
}

/** Renders a kustomization folder (`kustomize build DIR` or `kubectl kustomize DIR`); returns the YAML stream. */
export async function kustomizeBuild(directory: string, kustomize?: ResolvedTool): Promise<string> {
  const tool = kustomize ?? (await clusterTool("kustomize"));
  const commandLine = [tool.command, ...tool.prefix, directory].join(" ");
  return new Promise((resolvePromise, reject) => {
    execFile(tool.command, [...tool.prefix, directory], { maxBuffer: 512 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error === null) return resolvePromise(stdout);
      // An exit code means kustomize ran and rejected the files, except the shell's 126 and
      // 127: execvp hands a binary the kernel cannot run (a linux binary on macOS) to
      // /bin/sh, which answers "cannot execute binary file" (126) or "not found" (127). An
      // errno string (ENOENT, EACCES), a signal or a Go panic means the tool itself failed.
      const exitCode = typeof error.code === "number" ? error.code : undefined;
      const ranAndRejected = exitCode !== undefined && exitCode !== 126 && exitCode !== 127 && error.signal === null && !/^panic:|^fatal error:/m.test(stderr);
      if (ranAndRejected) {
        reject(
          new SlipwayError("KUSTOMIZATION_INVALID", `kustomize cannot build this folder: ${firstErrorLine(stderr) || error.message}`, {
            where: directory,
            fix: `run \`${commandLine}\` to see the full error and fix the kustomization`,
            cause: error,
          }),
        );
        return;
      }
      reject(
        new SlipwayError("TOOL_UNAVAILABLE", `kustomize (${tool.command}, from the ${tool.origin}) could not run: ${firstLine(stderr) || error.message}`, {
          where: tool.command,
          fix: `${installAdvice("kustomize")}; or set SLIPWAY_KUSTOMIZE to a working kustomize`,
          cause: error,
        }),
      );
    });
  });
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}

/**
 * The first line of kustomize's stderr that is not a deprecation warning: kustomize prints
 * `# Warning: 'patchesStrategicMerge' is deprecated...` before the error, and the warning
 * alone says nothing about why the build failed. The `Error: ` (kustomize) or `error: `
 * (kubectl kustomize) that cobra puts in front is dropped: the message is shown after
 * "kustomize cannot build this folder:", which says it already.
 */
export function firstErrorLine(stderr: string): string {
  const lines = stderr.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  const line = lines.find((candidate) => !/^#?\s*Warning:/i.test(candidate)) ?? lines[0] ?? "";
  return line.replace(/^error:\s*/i, "");
}
