/**
 * `slipway down`: stops the local cluster's processes and removes its state, and the
 * cluster `slipway simulate --keep` left running for the same spec (`<cluster>-simulate`).
 */
import type { Command } from "../command.js";
import { EXIT } from "../command.js";
import { noPositionals, parseOptions } from "../parse-options.js";

const USAGE = "slipway down [--config FILE]";

export const command: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { config: { type: "string" }, help: { type: "boolean" } }, USAGE);
    noPositionals(positionals, USAGE);
    if (values.help) {
      io.stdout(`${USAGE}\n\n  --config FILE  spec whose cluster (and simulation cluster) to stop (default: found in the working directory, else the reference platform)\n`);
      return EXIT.ok;
    }
    // Loaded only once the options are known good: a usage error comes at once.
    const { loadSpec } = await import("../../platform-spec/load.js");
    const { down } = await import("../../local/local-cluster.js");
    const { simulationClusterName } = await import("../../simulate/simulation-run.js");
    const { spec } = await loadSpec({ configPath: values.config, cwd: io.cwd });
    const result = await down(spec.cluster.name);
    const simulation = await down(simulationClusterName(spec));
    if (result === undefined) io.stdout(`no local cluster ${spec.cluster.name} is running\n`);
    else io.stdout(`stopped ${result.stopped.join(", ") || "nothing (no process was running)"}; removed ${result.stateDirectory}\n`);
    if (simulation !== undefined) io.stdout(`stopped the simulation cluster ${simulationClusterName(spec)}: ${simulation.stopped.join(", ") || "nothing was running"}; removed ${simulation.stateDirectory}\n`);
    return EXIT.ok;
  },
};
