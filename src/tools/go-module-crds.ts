/**
 * CRDs of add-ons taken from their Go modules, at exactly the version the platform pins.
 * The Go module proxy is a package registry, so this works where only registries are
 * reachable, and a module's zip is verified against the Go checksum database by `go`.
 *
 * `go mod download` may refuse to extract a module whose go.mod asks for a newer Go than
 * the machine has, but it still downloads the verified zip, so the CRD files are read
 * from the zip into a cache keyed by module and version.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { SlipwayError } from "../errors.js";
import { CHARTS } from "../versions.js";
import { unzip } from "./unzip.js";

export interface GoModuleCrdSource {
  readonly module: string;
  /** Module version, `v`-prefixed. */
  readonly version: string;
  /** Folder of the CRD YAML files inside the module. */
  readonly folder: string;
}

/**
 * Add-ons whose CRDs the generated platform uses and whose Go module ships them as plain
 * files. Not here: External Secrets (its v1+ tags are not valid Go module versions, so
 * the proxy does not serve them) and cert-manager (its CRDs are Helm templates).
 */
export const ADDON_CRD_MODULES: Readonly<Record<string, GoModuleCrdSource>> = {
  karpenter: { module: "github.com/aws/karpenter-provider-aws", version: `v${CHARTS.karpenter.appVersion}`, folder: "pkg/apis/crds" },
  argoCd: { module: "github.com/argoproj/argo-cd/v3", version: CHARTS.argoCd.appVersion, folder: "manifests/crds" },
  argoRollouts: { module: "github.com/argoproj/argo-rollouts", version: CHARTS.argoRollouts.appVersion, folder: "manifests/crds" },
  prometheusOperator: { module: "github.com/prometheus-operator/prometheus-operator", version: CHARTS.kubePrometheusStack.appVersion, folder: "example/prometheus-operator-crd" },
  secretsStoreCsiDriver: { module: "sigs.k8s.io/secrets-store-csi-driver", version: CHARTS.secretsStoreCsiDriver.appVersion, folder: "config/crd/bases" },
};

/**
 * CRDs only the local control plane needs: the KWOKNodeClass of Karpenter's kwok cloud
 * provider (sigs.k8s.io/karpenter, the core module at the pinned Karpenter's version).
 * Kept out of ADDON_CRD_MODULES, so `slipway check` does not learn a kind no platform
 * applies on EKS.
 */
export const LOCAL_CRD_MODULES: Readonly<Record<string, GoModuleCrdSource>> = {
  karpenterKwok: { module: "sigs.k8s.io/karpenter", version: `v${CHARTS.karpenter.appVersion}`, folder: "kwok/apis/crds" },
};

/** Folders of every add-on's CRDs from ADDON_CRD_MODULES (for `slipway up --local`, and scripts/generate-platform-crds.ts). */
export function platformCrdDirectories(): Promise<string[]> {
  return Promise.all(Object.values(ADDON_CRD_MODULES).map((source) => goModuleCrdDirectory(source)));
}

/** The folders of LOCAL_CRD_MODULES. */
export function localControlPlaneCrdDirectories(): Promise<string[]> {
  return Promise.all(Object.values(LOCAL_CRD_MODULES).map((source) => goModuleCrdDirectory(source)));
}

/** A folder holding the module's CRD files, downloading and extracting them on first use. */
export async function goModuleCrdDirectory(source: GoModuleCrdSource): Promise<string> {
  const cacheRoot = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return extractModuleFolder(source, join(cacheRoot, "slipway", "crds", `${source.module.replace(/\//g, "_")}@${source.version}`));
}

/**
 * A folder holding the YAML files of any folder of a module (`""` for its root), e.g. an
 * add-on's stock install manifests (`manifests/ha` of Argo CD), cached like the CRDs.
 */
export async function goModuleYamlDirectory(source: GoModuleCrdSource): Promise<string> {
  const cacheRoot = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  const folder = source.folder === "" ? "_root" : source.folder.replace(/\//g, "_");
  return extractModuleFolder(source, join(cacheRoot, "slipway", "go-module-yaml", `${source.module.replace(/\//g, "_")}@${source.version}`, folder));
}

async function extractModuleFolder(source: GoModuleCrdSource, target: string): Promise<string> {
  if (existsSync(target) && readdirSync(target).length > 0) return target;
  const zipPath = await downloadModuleZip(source);
  const prefix = source.folder === "" ? `${source.module}@${source.version}/` : `${source.module}@${source.version}/${source.folder}/`;
  await mkdir(dirname(target), { recursive: true });
  const temporary = await mkdtemp(`${target}.tmp-`);
  try {
    await unzip(zipPath, temporary, (name) => (name.startsWith(prefix) && /\.ya?ml$/.test(name) && !name.slice(prefix.length).includes("/") ? name.slice(prefix.length) : undefined));
    if (readdirSync(temporary).length === 0) {
      throw new SlipwayError("TOOL_UNAVAILABLE", `${source.module}@${source.version} has no YAML files in ${source.folder || "its root"}`, {
        fix: "check the module and folder in ADDON_CRD_MODULES (src/tools/go-module-crds.ts)",
      });
    }
    await rename(temporary, target).catch(async (error: unknown) => {
      await rm(temporary, { recursive: true, force: true });
      if (!existsSync(target)) throw error;
    });
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
  return target;
}

/** The verified zip of a module version from the Go module proxy (also for scripts/generate-ec2-instance-types.ts). */
export function downloadModuleZip(source: Pick<GoModuleCrdSource, "module" | "version">): Promise<string> {
  const module = `${source.module}@${source.version}`;
  return new Promise((resolvePromise, reject) => {
    execFile("go", ["mod", "download", "-json", module], { encoding: "utf8", cwd: homedir(), env: { ...process.env, GOFLAGS: "" } }, (error, stdout) => {
      let zip: string | undefined;
      try {
        zip = (JSON.parse(stdout) as { Zip?: string }).Zip;
      } catch {
        zip = undefined;
      }
      if (zip !== undefined && existsSync(zip)) return resolvePromise(zip);
      reject(
        new SlipwayError("TOOL_UNAVAILABLE", `cannot download the Go module ${module}: ${error?.message ?? "no zip in go's answer"}`, {
          fix: "install Go and make sure the Go module proxy is reachable (GOPROXY), then run again",
          cause: error,
        }),
      );
    });
  });
}
