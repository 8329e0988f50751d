/**
 * `slipway report`: one static HTML page (`DIR/index.html`) with the architecture
 * diagram, the add-ons' versions, the check findings of the synthesized repository, the
 * simulation plots (from --simulation, else DIR/simulation.json when present) and the cost
 * estimate. Everything is read and computed before the page is written, in one rename.
 */
import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Command } from "../command.js";
import { EXIT } from "../command.js";
import { noPositionals, parseCalendarDate, parseOptions } from "../parse-options.js";
import { isSlipwayError, SlipwayError } from "../../errors.js";
import type { KubeObject } from "../../manifest/kube-object.js";
import type { CostUnavailable } from "../../report/cost-section.js";
import type { CostEstimate } from "../../cost/cost-estimate.js";
import { assertOutputWritable } from "../../synth/output-directory.js";
import { packageVersion } from "../package-version.js";

const USAGE = "slipway report [--config FILE] [--simulation FILE] [--charts DIR|URL] [--as-of YYYY-MM-DD] --out DIR";

const HELP = `${USAGE}

  --out DIR            folder of the report: DIR/index.html, one page that opens offline (no script, nothing fetched)
  --config FILE        slipway.config.ts or slipway.yaml (default: found in the working directory, else the reference platform)
  --simulation FILE    simulation.json written by \`slipway simulate\` for the plots and the Karpenter cost
                       (default: DIR/simulation.json when it exists; without one the page says how to make it)
  --charts DIR|URL     Helm repository (folder or URL) with the pinned charts: the add-ons are rendered, what they
                       install is checked and their pods are placed in the cost estimate (slower: helm runs)
  --as-of YYYY-MM-DD   day the Kubernetes version's EKS support status is judged on (default: the price table's date,
                       so the same inputs give the same page)
`;

export const command: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOptions(
      argv,
      { config: { type: "string" }, simulation: { type: "string" }, charts: { type: "string" }, "as-of": { type: "string" }, out: { type: "string" }, help: { type: "boolean" } },
      USAGE,
    );
    noPositionals(positionals, USAGE);
    if (values.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (values.out === undefined) throw new SlipwayError("USAGE", "--out DIR is required: the folder the report's index.html is written to", { fix: `usage: ${USAGE}` });
    const asOf = values["as-of"] === undefined ? undefined : parseCalendarDate("as-of", values["as-of"], USAGE);
    const out = resolve(io.cwd, values.out);
    // A bad --out fails now, not after the seconds of checking.
    assertOutputWritable(out);
    // A URL stays as it is; a folder is the user's, relative to where they are (the checker runs elsewhere).
    const charts = values.charts === undefined ? undefined : /^[a-z][a-z0-9+.-]*:\/\//i.test(values.charts) ? values.charts : resolve(io.cwd, values.charts);

    // Loaded only once the options are known good: a usage error comes at once.
    const { loadSpec } = await import("../../platform-spec/load.js");
    const { estimateCost } = await import("../../cost/estimate.js");
    const { readSimulation, SIMULATION_FILE } = await import("../../cost/read-simulation.js");
    const { buildReport, writeReport } = await import("../../report/build-report.js");
    const { spec, source } = await loadSpec({ configPath: values.config, cwd: io.cwd });
    const simulationPath = values.simulation ?? (existsSync(join(out, SIMULATION_FILE)) ? join(out, SIMULATION_FILE) : undefined);
    const loaded = simulationPath === undefined ? undefined : readSimulation(simulationPath, io.cwd);
    const shown = (path: string) => relative(io.cwd, path) || path;

    let addonObjects: { addon: string; objects: readonly KubeObject[] }[] | undefined;
    if (charts !== undefined) {
      const { ChartResolver } = await import("../../charts/chart-resolver.js");
      const { renderAddons } = await import("../../charts/render-addons.js");
      const rendered = await renderAddons(spec, { resolver: new ChartResolver({ charts, cwd: io.cwd }) });
      addonObjects = [...rendered.addons.values()].map((addon) => ({ addon: addon.application, objects: addon.objects }));
    }
    let cost: CostEstimate | CostUnavailable;
    try {
      cost = estimateCost(spec, {
        ...(loaded !== undefined ? { simulation: loaded.simulation, simulationSource: shown(loaded.file) } : {}),
        ...(addonObjects !== undefined ? { addonObjects } : {}),
        ...(asOf !== undefined ? { asOf } : {}),
      });
    } catch (error) {
      // Prices not recorded for the region (or an instance type) leave the rest of the report useful: the page says why.
      if (!isSlipwayError(error) || error.code !== "PRICE_UNKNOWN") throw error;
      cost = { unavailable: error.message, ...(error.fix !== undefined ? { fix: error.fix } : {}) };
      io.stderr(`note: no cost estimate in the report: ${error.message}\n`);
    }
    const page = await buildReport({
      spec,
      specSource: source === undefined ? "the reference platform" : shown(source),
      slipwayVersion: packageVersion(),
      cost,
      ...(loaded !== undefined ? { simulation: { result: loaded.simulation, source: shown(loaded.file) } } : {}),
      ...(charts !== undefined ? { charts } : {}),
    });
    const file = await writeReport(out, page);
    io.stdout(`wrote ${file} (${Math.round(Buffer.byteLength(page) / 1024)} KiB${loaded === undefined ? ", no simulation: run slipway simulate --out DIR for the plots" : `, simulation ${shown(loaded.file)}`})\n`);
    return EXIT.ok;
  },
};
