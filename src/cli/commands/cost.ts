/**
 * `slipway cost`: the platform's monthly cost per component, from the region's price
 * tables, Karpenter's capacity taken from a simulation (--load) or estimated at the
 * applications' minimum and maximum replicas. --charts also renders the add-ons to place
 * their pods' requests on the nodes (helm, tens of seconds); without it only the EKS
 * managed add-ons' pods are placed, and the output says so.
 */
import type { Command } from "../command.js";
import { EXIT } from "../command.js";
import { noPositionals, parseCalendarDate, parseOptions } from "../parse-options.js";
import { SlipwayError } from "../../errors.js";
import type { KubeObject } from "../../manifest/kube-object.js";

const USAGE = "slipway cost [--config FILE] [--load FILE|DIR] [--output text|json] [--charts DIR|URL] [--as-of YYYY-MM-DD]";

const HELP = `${USAGE}

  --config FILE       slipway.config.ts or slipway.yaml (default: found in the working directory, else the reference platform)
  --load FILE|DIR     simulation.json written by \`slipway simulate\` (or its folder): Karpenter's capacity is its time-weighted mean
                      (default: an estimate at the applications' minimum and maximum replicas)
  --output text|json  text table (default) or the estimate as JSON
  --charts DIR|URL    also render the add-ons' charts (Helm repository folder or URL) and place their pods' requests on the nodes
  --as-of YYYY-MM-DD  day the Kubernetes version's EKS support status is judged on (default: today, UTC)
`;

export const command: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOptions(
      argv,
      { config: { type: "string" }, load: { type: "string" }, output: { type: "string" }, charts: { type: "string" }, "as-of": { type: "string" }, help: { type: "boolean" } },
      USAGE,
    );
    noPositionals(positionals, USAGE);
    if (values.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    const output = values.output ?? "text";
    if (output !== "text" && output !== "json") throw new SlipwayError("USAGE", `--output must be text or json, not "${output}"`, { fix: `usage: ${USAGE}` });
    const asOf = parseCalendarDate("as-of", values["as-of"] ?? new Date().toISOString().slice(0, 10), USAGE);
    // Loaded only once the options are known good: a usage error comes at once.
    const { loadSpec } = await import("../../platform-spec/load.js");
    const { estimateCost } = await import("../../cost/estimate.js");
    const { formatCost } = await import("../../cost/format-cost.js");
    const { readSimulation } = await import("../../cost/read-simulation.js");
    const { spec } = await loadSpec({ configPath: values.config, cwd: io.cwd });
    const loaded = values.load === undefined ? undefined : readSimulation(values.load, io.cwd);
    let addonObjects: { addon: string; objects: readonly KubeObject[] }[] | undefined;
    if (values.charts !== undefined) {
      const { ChartResolver } = await import("../../charts/chart-resolver.js");
      const { renderAddons } = await import("../../charts/render-addons.js");
      const rendered = await renderAddons(spec, { resolver: new ChartResolver({ charts: values.charts, cwd: io.cwd }) });
      addonObjects = [...rendered.addons.values()].map((addon) => ({ addon: addon.application, objects: addon.objects }));
    }
    const estimate = estimateCost(spec, {
      ...(loaded !== undefined ? { simulation: loaded.simulation, simulationSource: loaded.file } : {}),
      ...(addonObjects !== undefined ? { addonObjects } : {}),
      asOf,
    });
    io.stdout(formatCost(estimate, output));
    return EXIT.ok;
  },
};
