/**
 * Builds kubectl, kustomize or helm, at the version src/versions.ts pins, from its Go
 * module into the cache: the fallback where the CDK layer's linux/x64 binaries cannot run
 * (macOS, arm64) and the PATH has no compatible version.
 *
 * kustomize and helm have no replace directives, so `go install module/package@version`
 * builds them. `go install` refuses GOBIN with a cross-compile, so it runs with a
 * throw-away GOPATH (GOMODCACHE and GOCACHE stay the user's, so nothing is downloaded or
 * compiled twice) and the binary is taken from `bin/` or `bin/GOOS_GOARCH/`. kubectl is
 * part of k8s.io/kubernetes, whose staging modules only tools/localcp pins: it is built
 * there, at the local control plane's Kubernetes version.
 *
 * The result lands in `<cache>/tools/<tool>-<version>-<GOOS>-<GOARCH>/<tool>`, moved into
 * place by a rename so a concurrent or interrupted build never leaves a half-written binary.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { SlipwayError } from "../errors.js";
import { TOOLS_MODULE, versionLinkerFlags } from "../local/binaries.js";
import { slipwayCacheRoot } from "../local/local-paths.js";
import { CLUSTER_TOOLS } from "../versions.js";
import { describeRange } from "./tool-version.js";

export type ClusterToolName = keyof typeof CLUSTER_TOOLS;

export interface GoToolBuildOptions {
  /** Target operating system, as Go names it. @default the host's (`go env GOHOSTOS`) */
  readonly goos?: string;
  /** Target architecture, as Go names it. @default the host's (`go env GOHOSTARCH`) */
  readonly goarch?: string;
  /** @default `$XDG_CACHE_HOME/slipway` */
  readonly cacheRoot?: string;
  readonly onProgress?: (line: string) => void;
}

/** Node's platform and architecture names in Go's (`darwin`/`arm64`), or undefined when Go has none. */
export function goTarget(platform: string = process.platform, arch: string = process.arch): { goos: string; goarch: string } | undefined {
  const goos = ({ darwin: "darwin", linux: "linux", win32: "windows", freebsd: "freebsd" } as Record<string, string>)[platform];
  const goarch = ({ x64: "amd64", arm64: "arm64", arm: "arm", ia32: "386", ppc64: "ppc64le", s390x: "s390x", riscv64: "riscv64" } as Record<string, string>)[arch];
  return goos === undefined || goarch === undefined ? undefined : { goos, goarch };
}

/** Where the pinned build of `tool` for a target lives (whether or not it was built yet). */
export function builtToolPath(tool: ClusterToolName, goos: string, goarch: string, cacheRoot: string = slipwayCacheRoot()): string {
  const executable = goos === "windows" ? `${tool}.exe` : tool;
  return join(cacheRoot, "tools", `${tool}-${CLUSTER_TOOLS[tool].pinned}-${goos}-${goarch}`, executable);
}

/** The pinned build of `tool` for the target, building it first (a minute or more, once) when absent. */
export async function buildGoTool(tool: ClusterToolName, options: GoToolBuildOptions = {}): Promise<string> {
  const host = goTarget();
  const goos = options.goos ?? host?.goos ?? process.platform;
  const goarch = options.goarch ?? host?.goarch ?? process.arch;
  const cacheRoot = options.cacheRoot ?? slipwayCacheRoot();
  const target = builtToolPath(tool, goos, goarch, cacheRoot);
  if (existsSync(target)) return target;
  const { pinned, package: goPackage } = CLUSTER_TOOLS[tool];
  options.onProgress?.(`building ${tool} ${pinned} for ${goos}/${goarch} from Go modules (once; a minute or more)`);
  const folder = join(target, "..");
  await mkdir(join(folder, ".."), { recursive: true });
  const scratch = await mkdtemp(`${folder}.tmp-`);
  try {
    const environment: NodeJS.ProcessEnv = { ...process.env, GOOS: goos, GOARCH: goarch, CGO_ENABLED: "0", GOFLAGS: "" };
    const executable = goos === "windows" ? `${tool}.exe` : tool;
    if (tool === "kubectl") {
      const output = join(scratch, executable);
      await runGo(["build", "-trimpath", "-ldflags", `-s -w ${versionLinkerFlags(pinned)}`, "-o", output, goPackage], environment, TOOLS_MODULE, tool);
    } else {
      const [moduleCache, buildCache] = (await runGo(["env", "GOMODCACHE", "GOCACHE"], process.env, scratch, tool)).trim().split("\n");
      const gopath = join(scratch, "gopath");
      const linkerFlags = tool === "helm" ? `-s -w -X helm.sh/helm/v4/internal/version.version=${pinned}` : "-s -w";
      await runGo(
        ["install", "-trimpath", "-ldflags", linkerFlags, `${goPackage}@${pinned}`],
        { ...environment, GOPATH: gopath, GOMODCACHE: moduleCache, GOCACHE: buildCache, GOBIN: "" },
        scratch,
        tool,
      );
      const native = host !== undefined && host.goos === goos && host.goarch === goarch;
      await rename(join(gopath, "bin", ...(native ? [] : [`${goos}_${goarch}`]), executable), join(scratch, executable));
      // The module cache marks its files read-only; the throw-away GOPATH holds none of them.
      await rm(gopath, { recursive: true, force: true });
    }
    try {
      await rename(scratch, folder);
    } catch (error) {
      // Another process finished the same build first: its binary is complete, use it.
      if (!existsSync(target)) throw error;
    }
    return target;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function runGo(args: readonly string[], environment: NodeJS.ProcessEnv, cwd: string, tool: ClusterToolName): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile("go", args, { cwd, env: environment, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error === null) return resolvePromise(stdout);
      const notInstalled = (error as NodeJS.ErrnoException).code === "ENOENT";
      reject(
        new SlipwayError(
          "TOOL_UNAVAILABLE",
          notInstalled ? `${tool} is needed and Go, which would build it, is not on the PATH` : `building ${tool} ${CLUSTER_TOOLS[tool].pinned} with Go failed`,
          {
            where: cwd,
            problems: notInstalled ? [] : stderr.trim().split("\n").slice(-15),
            fix: `${installAdvice(tool)}${notInstalled ? ", or install Go 1.25+ (https://go.dev/dl) so Slipway builds it" : ""}`,
            cause: error,
          },
        ),
      );
    });
  });
}

/** What to install so the PATH has a compatible `tool`. */
export function installAdvice(tool: ClusterToolName): string {
  const range = describeRange(CLUSTER_TOOLS[tool].compatible);
  if (tool === "kubectl") return `install kubectl ${range} (brew install kubectl; https://kubernetes.io/docs/tasks/tools/)`;
  if (tool === "kustomize") return `install kustomize ${range} (brew install kustomize) or kubectl ${describeRange(CLUSTER_TOOLS.kubectl.compatible)} (it includes kustomize)`;
  return `install helm ${range} (brew install helm; https://helm.sh/docs/intro/install/)`;
}
