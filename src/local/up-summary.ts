/**
 * The text `slipway up --local` ends with: what was applied, where the pods run, and
 * everything that did not make it, each with the API server's or scheduler's reason.
 */
import { allSettled } from "./argocd-sync.js";
import { renderWaveTimeline, waveTimeline } from "./argocd-timeline.js";
import type { UpResult } from "./local-cluster.js";
import type { ApplyResult } from "./server-side-apply.js";

export function renderUpSummary(result: UpResult): string {
  const lines: string[] = [];
  const count = (results: readonly ApplyResult[]) => {
    const by = { created: 0, configured: 0, unchanged: 0, rejected: 0 };
    for (const result of results) by[result.outcome]++;
    return `${by.created} created, ${by.configured} configured, ${by.unchanged} unchanged, ${by.rejected} rejected`;
  };
  lines.push(`local cluster ${result.state.clusterName} (Kubernetes ${result.state.kubernetesVersion}) is up in ${result.seconds}s at ${result.state.server}`);
  lines.push(`  kubeconfig: ${result.state.kubeconfig}`);
  lines.push(`  CRDs: ${count(result.crds)}`);
  lines.push(`  fake nodes of the managed node groups: ${count(result.nodes)}`);
  if (result.argoCd === undefined) lines.push(`  platform objects: ${count(result.applied)}`);
  else {
    const { argoCd } = result;
    const settled = argoCd.applications.filter((application) => application.sync === "Synced" && application.health === "Healthy").length;
    lines.push(
      `  Argo CD ${argoCd.version} synced commit ${argoCd.commit.slice(0, 12)}: ${settled}/${argoCd.applications.length} Applications Synced and Healthy${argoCd.unservedApplications.length > 0 ? ` (${argoCd.unservedApplications.length} not served locally, not waited for)` : ""}${argoCd.notInTree.length > 0 ? ` (${argoCd.notInTree.length} not in the tree, not waited for)` : ""}${argoCd.settledSeconds !== undefined ? ` ${argoCd.settledSeconds}s after the root Application` : ""}`,
    );
    lines.push("Applications in wave order (wave, sync, health, created by its parent, last synced):");
    for (const application of argoCd.applications) {
      lines.push(`  ${String(application.wave).padStart(4)}  ${application.name.padEnd(36)} ${application.sync.padEnd(10)} ${application.health.padEnd(12)} ${application.createdAt ?? "-"}  ${application.syncedAt ?? "-"}`);
      if (application.message !== undefined) lines.push(`        ${application.message}`);
    }
    // On a running cluster the root and its children are older than this run: no timeline to tell.
    const timeline = argoCd.rootCreatedNow ? waveTimeline(argoCd.applications, "root", new Set([...argoCd.unservedApplications.map((application) => application.name), ...argoCd.notInTree])) : [];
    if (timeline.length > 0) {
      lines.push("sync waves, in seconds after the root Application was created (wave, Applications, created, sync started, first Synced and Healthy, last sync finished, the last Application Synced and Healthy):");
      lines.push(...renderWaveTimeline(timeline));
    }
    for (const url of argoCd.notServed) lines.push(`  not served locally (its Applications cannot sync): ${url}`);
    for (const application of argoCd.unservedApplications) lines.push(`  not waited for: Application ${application.name} (${application.repoURL}): ${application.why}`);
    if (argoCd.notInTree.length > 0) lines.push(`  not waited for, not in the synthesized tree (made by hand or left by an earlier spec): ${argoCd.notInTree.join(", ")}`);
  }
  const pools = Object.entries(result.workloads.nodesByNodePool);
  if (pools.length > 0) {
    lines.push("nodes Karpenter launched per NodePool and capacity type:");
    for (const [pool, nodes] of pools) lines.push(`  ${pool.padEnd(24)} ${nodes}`);
  }
  lines.push("pods Running per node group:");
  const groups = Object.entries(result.workloads.runningByNodeGroup);
  if (groups.length === 0) lines.push("  (none)");
  for (const [group, pods] of groups) lines.push(`  ${group.padEnd(24)} ${pods}`);
  if (result.addons.length > 0) {
    lines.push("add-on pods Running/total (node groups):");
    for (const addon of result.addons) {
      const groups = Object.entries(addon.runningByNodeGroup).map(([group, pods]) => `${group} ${pods}`).join(", ");
      lines.push(`  ${addon.addon.padEnd(36)} ${addon.running}/${addon.total}${groups === "" ? "" : ` (${groups})`}`);
      for (const pod of addon.notRunning) lines.push(`    not Running: ${pod}`);
    }
  }
  const rejected = [...result.crds, ...result.nodes, ...result.applied].filter((entry) => entry.outcome === "rejected");
  if (rejected.length > 0) {
    lines.push(`rejected by the API server (${rejected.length}):`);
    for (const entry of rejected) lines.push(`  ${entry.key} (${entry.source}): ${entry.reason}`);
  }
  if (result.workloads.unreadyWorkloads.length > 0 || result.workloads.problems.length > 0) {
    lines.push("not ready:");
    for (const workload of result.workloads.unreadyWorkloads) lines.push(`  ${workload}`);
    for (const problem of result.workloads.problems) lines.push(`  ${problem}`);
  }
  if (result.skipped.length > 0) {
    lines.push(`not applied (${result.skipped.length}):`);
    for (const entry of result.skipped) lines.push(`  ${entry.key} (${entry.source}): ${entry.reason}`);
  }
  if (result.held.length > 0) {
    lines.push(`${result.argoCd === undefined ? "add-on objects not applied" : "kinds Argo CD leaves alone locally"}: they cannot work on kwok fake nodes (${result.held.length}):`);
    for (const entry of result.held) lines.push(`  ${entry.key} (${entry.source}): ${entry.reason}`);
  }
  if (result.notRendered.length > 0) {
    lines.push(`add-ons not rendered: applied, but what they install does not run locally (${result.notRendered.length}):`);
    for (const entry of result.notRendered) lines.push(`  ${entry.key}: ${entry.reason}`);
  }
  return lines.join("\n") + "\n";
}

/** A clean run: nothing rejected and every workload Running (held add-on objects are by design, not failures). */
export function upSucceeded(result: UpResult): boolean {
  const argoCd = result.argoCd;
  const synced = argoCd === undefined || (argoCd.applications.length > 0 && allSettled(argoCd.applications, new Set([...argoCd.unservedApplications.map((application) => application.name), ...argoCd.notInTree])));
  return [...result.crds, ...result.nodes, ...result.applied].every((entry) => entry.outcome !== "rejected") && result.workloads.settled && synced;
}
