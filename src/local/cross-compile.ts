/**
 * The local control plane on the platforms platform engineers work on: macOS on arm64 and
 * amd64, Linux on amd64 and arm64. Every component is the same Go build for every target
 * (componentBuilds in binaries.ts), only GOOS and GOARCH change, with cgo off as on the
 * host.
 *
 * Two proofs, for tests and for `scripts/cross-compile.ts`:
 * - `resolveForTarget`: `go list -deps` of every component's main packages for the
 *   target. It catches what breaks a build on another platform most often (a package
 *   whose files all carry build constraints that exclude the target, a dependency that
 *   needs cgo, an import missing from the module graph) in seconds, with no compiling.
 * - `crossCompile`: the real `go build` of every binary for the target into a folder.
 *   Cold, it costs what the host build costs (about an hour on 2 cores per target);
 *   Go's build cache makes a second run link only.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { SlipwayError } from "../errors.js";
import { componentBuilds, TOOLS_MODULE, type BinaryName, type ComponentBuild } from "./binaries.js";
import { runGo } from "./run-go.js";

export interface GoTarget {
  readonly goos: "darwin" | "linux" | "windows";
  readonly goarch: "arm64" | "amd64";
}

/** Where Slipway's local control plane must build: macOS and Linux, arm64 and amd64. */
export const SUPPORTED_TARGETS: readonly GoTarget[] = [
  { goos: "darwin", goarch: "arm64" },
  { goos: "darwin", goarch: "amd64" },
  { goos: "linux", goarch: "amd64" },
  { goos: "linux", goarch: "arm64" },
];

export const targetName = (target: GoTarget): string => `${target.goos}/${target.goarch}`;

/** A package of a component that does not resolve for the target, with Go's reason. */
export interface TargetProblem {
  readonly component: string;
  readonly pkg: string;
  readonly error: string;
}

/** GOOS, GOARCH and cgo off for `target`, over the component's own variables (GOTOOLCHAIN). */
function targetEnvironment(target: GoTarget, build: Pick<ComponentBuild, "env">): NodeJS.ProcessEnv {
  return { ...build.env, GOOS: target.goos, GOARCH: target.goarch, CGO_ENABLED: "0" };
}

/**
 * The folder a component builds in: a tools/localcp module, or the published module as the
 * module cache holds it (`go mod download` fetches it from the proxy when it is missing;
 * built there it is what `go install path@version` builds).
 */
async function moduleFolder(build: ComponentBuild): Promise<string> {
  if ("folder" in build.module) return build.module.folder;
  const { stdout } = await runGo({
    args: ["mod", "download", "-json", `${build.module.path}@${build.module.version}`],
    cwd: TOOLS_MODULE,
    label: build.label,
    ...(build.env === undefined ? {} : { env: build.env }),
    // go mod download -json exits non-zero with the module's Error in its JSON, on stdout.
    failureProblems: ({ stdout, stderr }) => (downloadError(stdout) ?? stderr).trim().split("\n"),
  });
  const { Dir } = JSON.parse(stdout) as { Dir?: string };
  if (Dir === undefined) throw new Error(`go mod download -json ${build.module.path}@${build.module.version} succeeded without naming the module's folder: ${stdout}`);
  return Dir;
}

/** The `Error` of `go mod download -json`'s answer, when it is one. */
function downloadError(stdout: string): string | undefined {
  try {
    const { Error: error } = JSON.parse(stdout) as { Error?: unknown };
    return typeof error === "string" ? error : undefined;
  } catch {
    return undefined;
  }
}

/** The main package of a binary, relative to the published module's folder when it is one. */
function packageArgument(build: ComponentBuild, pkg: string): string {
  if ("folder" in build.module) return pkg;
  return pkg === build.module.path ? "." : `./${pkg.slice(build.module.path.length + 1)}`;
}

/** Every package (dependencies included) of every component that does not resolve for `target`; empty when all do. */
export async function resolveForTarget(target: GoTarget, builds: readonly ComponentBuild[] = componentBuilds()): Promise<TargetProblem[]> {
  const problems: TargetProblem[] = [];
  for (const build of builds) {
    const cwd = await moduleFolder(build);
    const packages = build.binaries.map((binary) => packageArgument(build, binary.pkg));
    // -e keeps going past a broken package and reports it in .Error; -deps lists every
    // dependency too, so a broken one is reported as itself.
    const format = '{{if .Error}}{{.ImportPath}}\t{{.Error}}{{"\\n"}}{{end}}';
    let stdout: string;
    try {
      ({ stdout } = await runGo({ args: ["list", "-e", "-deps", "-f", format, ...packages], cwd, label: build.label, env: targetEnvironment(target, build), failureProblems: ({ stderr }) => stderr.trim().split("\n") }));
    } catch (error) {
      // Go could not list at all (a broken go.mod): a problem of the component, with Go's whole reason.
      if (!(error instanceof SlipwayError) || error.code !== "LOCAL_CLUSTER") throw error;
      problems.push({ component: build.label, pkg: packages.join(" "), error: error.problems.join("\n") });
      continue;
    }
    // Each problem starts with "package<TAB>"; Go's error can run over several lines.
    const found: { pkg: string; error: string }[] = [];
    for (const line of stdout.split("\n")) {
      const tab = line.indexOf("\t");
      if (tab !== -1) found.push({ pkg: line.slice(0, tab), error: line.slice(tab + 1) });
      else if (found.length > 0 && line.trim() !== "") found[found.length - 1]!.error += `\n${line}`;
    }
    const seen = new Set<string>();
    for (const { pkg, error } of found) {
      if (seen.has(pkg)) continue;
      seen.add(pkg);
      problems.push({ component: build.label, pkg, error: error.trim() });
    }
  }
  return problems;
}

/** Builds every binary for `target` into `directory` (named as on the host); resolves with the binaries' paths. */
export async function crossCompile(
  target: GoTarget,
  directory: string,
  options: { readonly builds?: readonly ComponentBuild[]; readonly onProgress?: (line: string) => void } = {},
): Promise<Partial<Record<BinaryName, string>>> {
  await mkdir(directory, { recursive: true });
  const built: Partial<Record<BinaryName, string>> = {};
  for (const build of options.builds ?? componentBuilds()) {
    const cwd = await moduleFolder(build);
    for (const binary of build.binaries) {
      const output = join(directory, binary.name);
      options.onProgress?.(`building ${binary.name} (${build.label}) for ${targetName(target)}`);
      await runGo({ args: ["build", "-trimpath", "-ldflags", build.ldflags, "-o", output, packageArgument(build, binary.pkg)], cwd, label: build.label, env: targetEnvironment(target, build) });
      built[binary.name] = output;
    }
  }
  return built;
}
