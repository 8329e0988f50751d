/**
 * `slipway synth`: spec → GitOps repository (and, when the infrastructure module is
 * present, the CDK cloud assembly) under --out. Nothing is written if the spec is invalid.
 */
import { resolve } from "node:path";
import type { Command } from "../command.js";
import { EXIT } from "../command.js";
import { noPositionals, parseOptions } from "../parse-options.js";

const USAGE = "slipway synth [--config FILE] [--out DIR] [--charts DIR|URL]";

export const command: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { config: { type: "string" }, out: { type: "string" }, charts: { type: "string" }, help: { type: "boolean" } }, USAGE);
    noPositionals(positionals, USAGE);
    if (values.help) {
      io.stdout(`${USAGE}\n\n  --config FILE  slipway.config.ts or slipway.yaml (default: found in the working directory, else the reference platform)\n  --out DIR      output folder (default: out)\n  --charts DIR|URL  Helm repository (folder with index.yaml, or http(s) URL) to check Helm values against the pinned charts (default: $SLIPWAY_CHARTS, then ~/.cache/slipway/charts, then helm pull; skipped with a note when none has them)\n`);
      return EXIT.ok;
    }
    // Loaded only once the options are known good: a usage error comes at once.
    const { loadSpec } = await import("../../platform-spec/load.js");
    const { synthesizePlatform } = await import("../../synth/synthesize-platform.js");
    const { ChartResolver } = await import("../../charts/chart-resolver.js");
    const { spec, source } = await loadSpec({ configPath: values.config, cwd: io.cwd });
    const out = resolve(io.cwd, values.out ?? "out");
    const result = await synthesizePlatform(spec, out, { charts: new ChartResolver({ charts: values.charts, cwd: io.cwd }) });
    io.stdout(`synthesized ${source ?? "the reference platform"} into ${out}\n`);
    for (const line of result.summary) io.stdout(`  ${line}\n`);
    for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
    return EXIT.ok;
  },
};
