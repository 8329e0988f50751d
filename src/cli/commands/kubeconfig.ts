/** `slipway kubeconfig`: prints the path of the local cluster's kubeconfig (for KUBECONFIG=). */
import type { Command } from "../command.js";
import { EXIT } from "../command.js";
import { noPositionals, parseOptions } from "../parse-options.js";
import { SlipwayError } from "../../errors.js";

const USAGE = "slipway kubeconfig [--config FILE]";

export const command: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { config: { type: "string" }, help: { type: "boolean" } }, USAGE);
    noPositionals(positionals, USAGE);
    if (values.help) {
      io.stdout(`${USAGE}\n\n  use it as: export KUBECONFIG=$(slipway kubeconfig)\n`);
      return EXIT.ok;
    }
    // Loaded only once the options are known good: a usage error comes at once.
    const { loadSpec } = await import("../../platform-spec/load.js");
    const { kubeconfigOf } = await import("../../local/local-cluster.js");
    const { spec } = await loadSpec({ configPath: values.config, cwd: io.cwd });
    const path = kubeconfigOf(spec.cluster.name);
    if (path === undefined) {
      throw new SlipwayError("LOCAL_CLUSTER", `no local cluster ${spec.cluster.name} is running`, { fix: "start it with `slipway up --local`" });
    }
    io.stdout(`${path}\n`);
    return EXIT.ok;
  },
};
