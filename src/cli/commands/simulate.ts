/**
 * `slipway simulate`: a load curve driven through the real HPA controller, Karpenter and
 * Argo Rollouts controller on a local cluster of its own, time-compressed, recorded in
 * DIR/simulation.json (docs/simulate.md).
 */
import { resolve } from "node:path";
import type { Command } from "../command.js";
import { EXIT } from "../command.js";
import { noPositionals, parseOptions } from "../parse-options.js";
import { SlipwayError } from "../../errors.js";
import { readTextFile } from "../../read-text-file.js";
import { formatSeconds, parseDurationSeconds } from "../../simulate/duration.js";
import { DEFAULT_DURATION_SECONDS, LOAD_PATTERNS, MAX_LOAD_SECONDS, patternCurve, type LoadCurve, type LoadPattern } from "../../simulate/load-curve.js";
import { DEFAULT_SPEED, MAX_SPEED } from "../../simulate/speed.js";
import { ROLLOUT_USAGE, rolloutCommand } from "./simulate-rollout.js";

const USAGE =
  "slipway simulate [--config FILE] [--load FILE | --pattern steady|daily|spike] [--speed N] [--duration D] [--sample-every D] --out DIR [--crds DIR]... [--charts DIR|URL] [--apply server-side-apply|argocd] [--keep]";
const APPLY_MODES = ["server-side-apply", "argocd"] as const;

export const command: Command = {
  usage: USAGE,
  async run(argv, io) {
    // `slipway simulate rollout APP ...`: a canary rollout instead of a load curve.
    if (argv[0] === "rollout") return rolloutCommand.run(argv.slice(1), io);
    const { values, positionals } = parseOptions(
      argv,
      {
        config: { type: "string" },
        load: { type: "string" },
        pattern: { type: "string" },
        speed: { type: "string" },
        duration: { type: "string" },
        "sample-every": { type: "string" },
        out: { type: "string" },
        crds: { type: "string", multiple: true },
        charts: { type: "string" },
        apply: { type: "string" },
        keep: { type: "boolean" },
        help: { type: "boolean" },
      },
      USAGE,
    );
    noPositionals(positionals, USAGE);
    if (values.help) {
      io.stdout(
        `${USAGE}\n\n` +
          `  --config FILE      slipway.config.ts or slipway.yaml (default: found in the working directory, else the reference platform)\n` +
          `  --load FILE        load curve per application (YAML or JSON; docs/simulate.md)\n` +
          `  --pattern NAME     ${LOAD_PATTERNS.join(", ")} (default: daily), sized from each application's autoscaling\n` +
          `  --speed N          simulated seconds per wall second (default ${DEFAULT_SPEED}; 1 to ${MAX_SPEED})\n` +
          `  --duration D       simulated duration, e.g. 30m or 1h (default: the pattern's, or the load file's)\n` +
          `  --sample-every D   simulated time between samples (default: 1m, or duration/240 when longer)\n` +
          `  --out DIR          folder simulation.json is written to\n` +
          `  --crds DIR, --charts DIR|URL  as for slipway up --local\n` +
          `  --apply MODE       server-side-apply (default) or argocd: who applies the platform to the simulation cluster\n` +
          `  --keep             leave the simulation cluster (<cluster>-simulate) running afterwards; slipway down stops it\n\n` +
          `${ROLLOUT_USAGE}\n  a canary rollout walked by the real Argo Rollouts controller (slipway simulate rollout --help)\n`,
      );
      return EXIT.ok;
    }
    if (values.out === undefined) throw new SlipwayError("USAGE", "--out DIR is required: the folder simulation.json is written to", { fix: `usage: ${USAGE}` });
    if (values.load !== undefined && values.pattern !== undefined) {
      throw new SlipwayError("USAGE", "--load and --pattern are exclusive: the curve comes from a file or from a pattern", { fix: `usage: ${USAGE}` });
    }
    const speed = values.speed === undefined ? DEFAULT_SPEED : Number(values.speed);
    if (!/^[0-9]+(\.[0-9]+)?$/.test(values.speed ?? "1") || !Number.isFinite(speed) || speed < 1 || speed > MAX_SPEED) {
      throw new SlipwayError("USAGE", `--speed ${values.speed} is not a factor from 1 to ${MAX_SPEED}`, { fix: `pass --speed ${DEFAULT_SPEED} (one wall second stands for ${DEFAULT_SPEED} simulated seconds)` });
    }
    const duration = optionalDuration("--duration", values.duration);
    const sampleEvery = optionalDuration("--sample-every", values["sample-every"]);
    const apply = values.apply ?? "server-side-apply";
    if (!(APPLY_MODES as readonly string[]).includes(apply)) throw new SlipwayError("USAGE", `--apply ${apply} is not a mode`, { fix: `use --apply ${APPLY_MODES.join(" or --apply ")}` });

    const pattern = values.pattern ?? "daily";
    if (values.load === undefined && !(LOAD_PATTERNS as readonly string[]).includes(pattern)) {
      throw new SlipwayError("USAGE", `--pattern ${pattern} is not a pattern`, { fix: `use --pattern ${LOAD_PATTERNS.join(", --pattern ")}, or --load FILE` });
    }

    // Loaded only once the options are known good: a usage error comes at once.
    const { loadSpec } = await import("../../platform-spec/load.js");
    const { spec, source } = await loadSpec({ configPath: values.config, cwd: io.cwd });
    let curve: LoadCurve;
    if (values.load !== undefined) {
      const file = resolve(io.cwd, values.load);
      const text = readTextFile(file, { what: "load file", code: "INPUT_UNREADABLE", fix: "pass --load a YAML or JSON load file (docs/simulate.md)" });
      const { parseLoadFile } = await import("../../simulate/load-file.js");
      curve = parseLoadFile(text, values.load, spec);
      if (duration !== undefined) curve = { ...curve, durationSeconds: duration };
    } else {
      curve = patternCurve(spec, pattern as LoadPattern, duration ?? DEFAULT_DURATION_SECONDS[pattern as LoadPattern]);
    }
    if (Object.keys(spec.applications).length === 0) {
      throw new SlipwayError("SPEC_INVALID", "the spec has no applications: there is nothing to put load on", { where: source ?? "the reference platform", fix: "add an application under `applications` and run slipway simulate again" });
    }
    const { simulate, simulationClusterName } = await import("../../simulate/simulation-run.js");
    io.stdout(`simulating ${source ?? "the reference platform"} on the local cluster ${simulationClusterName(spec)}\n`);
    const run = await simulate({
      spec,
      curve,
      speed,
      outDirectory: resolve(io.cwd, values.out),
      ...(sampleEvery !== undefined ? { sampleEverySeconds: sampleEvery } : {}),
      crdFolders: (values.crds ?? []).map((folder) => resolve(io.cwd, folder)),
      ...(values.charts !== undefined ? { charts: values.charts } : {}),
      cwd: io.cwd,
      apply: apply as (typeof APPLY_MODES)[number],
      keepCluster: values.keep === true,
      onProgress: (line) => io.stdout(`${line}\n`),
    });
    const { result } = run;
    const peak = Math.max(0, ...result.samples.map((sample) => sample.dollarsPerHour));
    io.stdout(
      `wrote ${run.file}: ${result.samples.length} samples over ${formatSeconds(result.durationSeconds)} simulated in ${formatSeconds(result.wallSeconds)} wall (×${result.speed.factor}); peak $${peak.toFixed(2)}/h\n` +
        (values.keep === true ? `the cluster ${run.cluster} is still running (kubeconfig ${run.up.state.kubeconfig}); slipway down stops it\n` : ""),
    );
    return EXIT.ok;
  },
};

function optionalDuration(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = parseDurationSeconds(text);
  if (seconds === undefined || seconds <= 0 || seconds > MAX_LOAD_SECONDS) {
    throw new SlipwayError("USAGE", `${flag} ${text} is not a duration from 1s to ${MAX_LOAD_SECONDS / 3600}h`, { fix: `pass ${flag} as a Go duration such as 30m, 1h or 1h30m` });
  }
  return seconds;
}
