/**
 * Folders of upstream CRDs for tests. ../shared/crds holds unmodified upstream CRDs, but
 * Karpenter's chart folder upstream is made of symlinks, so its files there are only the
 * link targets' paths. Karpenter's real CRDs come from the Go module of the Karpenter
 * version the platform pins (the Go module proxy is a package registry).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { CHARTS } from "../../src/versions.js";
import { SHARED_CRDS_DIR } from "./paths.js";

let karpenterDirectory: string | undefined;

export function karpenterCrdDirectory(): string {
  if (karpenterDirectory === undefined) {
    const module = `github.com/aws/karpenter-provider-aws@v${CHARTS.karpenter.version}`;
    const output = execFileSync("go", ["mod", "download", "-json", module], { encoding: "utf8", env: { ...process.env, GOFLAGS: "-mod=mod" } });
    const { Dir } = JSON.parse(output) as { Dir: string };
    karpenterDirectory = join(Dir, "pkg", "apis", "crds");
  }
  return karpenterDirectory;
}

/** Every add-on CRD folder: ../shared/crds/* (Karpenter's replaced by its Go module's). */
export function upstreamCrdDirectories(): string[] {
  const shared = readdirSync(SHARED_CRDS_DIR)
    .filter((name) => name !== "karpenter" && statSync(join(SHARED_CRDS_DIR, name)).isDirectory())
    .sort()
    .map((name) => join(SHARED_CRDS_DIR, name));
  return [...shared, karpenterCrdDirectory()];
}
