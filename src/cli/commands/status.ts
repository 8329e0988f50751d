/** `slipway status`: the local cluster's processes, API server readiness and pods per node group. */
import type { Command } from "../command.js";
import { EXIT } from "../command.js";
import { noPositionals, parseOptions } from "../parse-options.js";

const USAGE = "slipway status [--config FILE]";

export const command: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { config: { type: "string" }, help: { type: "boolean" } }, USAGE);
    noPositionals(positionals, USAGE);
    if (values.help) {
      io.stdout(`${USAGE}\n\n  --config FILE  spec whose cluster to report (default: found in the working directory, else the reference platform)\n`);
      return EXIT.ok;
    }
    // Loaded only once the options are known good: a usage error comes at once.
    const { loadSpec } = await import("../../platform-spec/load.js");
    const { status } = await import("../../local/local-cluster.js");
    const { spec } = await loadSpec({ configPath: values.config, cwd: io.cwd });
    const result = await status(spec.cluster.name);
    if (result === undefined) {
      io.stdout(`no local cluster ${spec.cluster.name}; start it with \`slipway up --local\`\n`);
      return EXIT.findings;
    }
    const lines = [`local cluster ${result.state.clusterName} (Kubernetes ${result.state.kubernetesVersion}) at ${result.state.server}`, `  kubeconfig: ${result.state.kubeconfig}`];
    for (const component of result.components) lines.push(`  ${component.name.padEnd(24)} ${component.running ? `running (pid ${component.pid})` : "stopped"}`);
    lines.push(`  API server: ${result.apiServerReady ? "ready" : "not ready"}`);
    if (result.workloads !== undefined) {
      const pools = Object.entries(result.workloads.nodesByNodePool);
      if (pools.length > 0) lines.push(`  Karpenter nodes: ${pools.map(([pool, nodes]) => `${pool} ${nodes}`).join(", ")}`);
      lines.push(`  pods Running: ${result.workloads.runningPods}`);
      for (const [group, pods] of Object.entries(result.workloads.runningByNodeGroup)) lines.push(`    ${group.padEnd(22)} ${pods}`);
      for (const workload of result.workloads.unreadyWorkloads) lines.push(`  not ready: ${workload}`);
    }
    io.stdout(lines.join("\n") + "\n");
    const healthy = result.apiServerReady && result.components.every((component) => component.running);
    return healthy ? EXIT.ok : EXIT.findings;
  },
};
