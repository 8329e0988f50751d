/**
 * Builds the local control plane's binaries (kube-apiserver, kube-controller-manager,
 * kube-scheduler, etcd, kwok, metrics-server, Argo Rollouts controller) from their Go
 * modules into the per-machine cache, unless they are already there.
 *
 *   npx tsx scripts/build-local-control-plane.ts          # build if missing
 *   npx tsx scripts/build-local-control-plane.ts --force  # rebuild (Go's own caches still apply)
 *
 * CI runs it before `npm test` so the local-cluster tests find the binaries.
 */
import { binariesAreBuilt, buildBinaries } from "../src/local/binaries.js";
import { binariesDirectory } from "../src/local/local-paths.js";

const force = process.argv.includes("--force");
const directory = binariesDirectory();
if (!force && binariesAreBuilt(directory)) {
  process.stdout.write(`local control plane binaries are already built in ${directory}\n`);
} else {
  const seconds = await buildBinaries({ directory, onProgress: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(`built in ${seconds}s\n`);
}
