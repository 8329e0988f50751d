/**
 * `slipway render`: the manifests each add-on (chart Application) installs, rendered with
 * the pinned helm as Argo CD would, one folder per Application under --out.
 */
import { resolve } from "node:path";
import type { Command } from "../command.js";
import { EXIT } from "../command.js";
import { noPositionals, parseOptions } from "../parse-options.js";

const USAGE = "slipway render [--config FILE] [--out DIR] [--charts DIR|URL]";

export const command: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { config: { type: "string" }, out: { type: "string" }, charts: { type: "string" }, help: { type: "boolean" } }, USAGE);
    noPositionals(positionals, USAGE);
    if (values.help) {
      io.stdout(
        `${USAGE}\n\n  --config FILE       slipway.config.ts or slipway.yaml (default: found in the working directory, else the reference platform)\n  --out DIR           output folder (default: out/rendered)\n  --charts DIR|URL    Helm repository (folder with index.yaml, or http(s) URL) holding the pinned charts (default: $SLIPWAY_CHARTS, then ~/.cache/slipway/charts, then helm pull)\n`,
      );
      return EXIT.ok;
    }
    // Loaded only once the options are known good: a usage error comes at once.
    const { loadSpec } = await import("../../platform-spec/load.js");
    const { ChartResolver } = await import("../../charts/chart-resolver.js");
    const { renderAddons } = await import("../../charts/render-addons.js");
    const { renderFiles, RENDER_MANIFEST } = await import("../../charts/render-files.js");
    const { writeTree } = await import("../../synth/write-tree.js");
    const { spec, source } = await loadSpec({ configPath: values.config, cwd: io.cwd });
    const out = resolve(io.cwd, values.out ?? "out/rendered");
    const resolver = new ChartResolver({ charts: values.charts, cwd: io.cwd });
    const result = await renderAddons(spec, { resolver });
    writeTree(out, renderFiles(result));
    io.stdout(`rendered the add-ons of ${source ?? "the reference platform"} into ${out} (Kubernetes ${result.kubernetesVersion}; ${RENDER_MANIFEST} lists every file)\n`);
    for (const addon of result.addons.values()) {
      io.stdout(`  ${addon.application}: chart ${addon.chart.chart} ${addon.chart.version}, ${addon.objects.length} objects in namespace ${addon.namespace}\n`);
    }
    return EXIT.ok;
  },
};
