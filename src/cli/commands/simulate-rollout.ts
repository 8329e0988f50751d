/**
 * `slipway simulate rollout APP --image-tag TAG`: a canary rollout of one application walked
 * by the real Argo Rollouts controller on a simulation cluster, its analysis answered by a
 * real Prometheus at the chosen success rate; the timeline goes to DIR/rollout.json and
 * DIR/rollout.txt (docs/simulate.md, "Rollouts"). `slipway simulate` dispatches here.
 */
import { resolve } from "node:path";
import type { Command } from "../command.js";
import { EXIT } from "../command.js";
import { parseOptions } from "../parse-options.js";
import { SlipwayError } from "../../errors.js";
import { DEFAULT_SPEED, MAX_SPEED } from "../../simulate/speed.js";

export const ROLLOUT_USAGE =
  "slipway simulate rollout APP --image-tag TAG [--success-rate R] [--config FILE] [--speed N] --out DIR [--crds DIR]... [--charts DIR|URL] [--keep]";

export const rolloutCommand: Command = {
  usage: ROLLOUT_USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOptions(
      argv,
      {
        "image-tag": { type: "string" },
        "success-rate": { type: "string" },
        config: { type: "string" },
        speed: { type: "string" },
        out: { type: "string" },
        crds: { type: "string", multiple: true },
        charts: { type: "string" },
        keep: { type: "boolean" },
        help: { type: "boolean" },
      },
      ROLLOUT_USAGE,
    );
    if (values.help) {
      io.stdout(
        `${ROLLOUT_USAGE}\n\n` +
          `  APP                the application of the spec to roll out\n` +
          `  --image-tag TAG    the new image tag (the canary's)\n` +
          `  --success-rate R   share of the canary's requests that succeed, 0 to 1 (default 1); stable pods serve 1\n` +
          `  --config FILE      slipway.config.ts or slipway.yaml (default: found in the working directory, else the reference platform)\n` +
          `  --speed N          simulated seconds per wall second (default ${DEFAULT_SPEED}; 1 to ${MAX_SPEED}); pauses and analysis timings are divided by it\n` +
          `  --out DIR          folder rollout.json and rollout.txt are written to\n` +
          `  --crds DIR, --charts DIR|URL  as for slipway up --local\n` +
          `  --keep             leave the simulation cluster (<cluster>-simulate) running afterwards; slipway down stops it\n`,
      );
      return EXIT.ok;
    }
    if (positionals.length !== 1) {
      throw new SlipwayError("USAGE", positionals.length === 0 ? "name the application to roll out" : `one application at a time, got ${positionals.join(", ")}`, { fix: `usage: ${ROLLOUT_USAGE}` });
    }
    if (values["image-tag"] === undefined) throw new SlipwayError("USAGE", "--image-tag TAG is required: the canary's new image tag", { fix: `usage: ${ROLLOUT_USAGE}` });
    if (values.out === undefined) throw new SlipwayError("USAGE", "--out DIR is required: the folder rollout.json is written to", { fix: `usage: ${ROLLOUT_USAGE}` });
    const speed = values.speed === undefined ? DEFAULT_SPEED : Number(values.speed);
    if (!/^[0-9]+(\.[0-9]+)?$/.test(values.speed ?? "1") || !Number.isFinite(speed) || speed < 1 || speed > MAX_SPEED) {
      throw new SlipwayError("USAGE", `--speed ${values.speed} is not a factor from 1 to ${MAX_SPEED}`, { fix: `pass --speed ${DEFAULT_SPEED} (one wall second stands for ${DEFAULT_SPEED} simulated seconds)` });
    }
    const successRate = values["success-rate"] === undefined ? 1 : Number(values["success-rate"]);
    if (!/^[0-9]+(\.[0-9]+)?$/.test(values["success-rate"] ?? "1") || !(successRate >= 0 && successRate <= 1)) {
      throw new SlipwayError("USAGE", `--success-rate ${values["success-rate"]} is not a share from 0 to 1`, { fix: "pass --success-rate 0.97 (3% of the canary's requests fail) or 1" });
    }
    // Loaded only once the options are known good: a usage error comes at once.
    const { loadSpec } = await import("../../platform-spec/load.js");
    const { assertRolloutOptions, simulateRollout } = await import("../../simulate/rollout-run.js");
    const { simulationClusterName } = await import("../../simulate/simulation-run.js");
    const { rolloutSummary } = await import("../../simulate/rollout-summary.js");
    const { spec, source } = await loadSpec({ configPath: values.config, cwd: io.cwd });
    const options = { application: positionals[0]!, imageTag: values["image-tag"], successRate, outDirectory: resolve(io.cwd, values.out) };
    assertRolloutOptions(spec, options);
    io.stdout(`rolling out ${options.application} of ${source ?? "the reference platform"} on the local cluster ${simulationClusterName(spec)}\n`);
    const run = await simulateRollout({
      spec,
      speed,
      ...options,
      crdFolders: (values.crds ?? []).map((folder) => resolve(io.cwd, folder)),
      ...(values.charts !== undefined ? { charts: values.charts } : {}),
      cwd: io.cwd,
      keepCluster: values.keep === true,
      onProgress: (line) => io.stdout(`${line}\n`),
    });
    io.stdout(
      rolloutSummary(run.timeline) +
        `wrote ${run.files.json} and ${run.files.summary}\n` +
        (values.keep === true ? `the cluster ${run.cluster} is still running (kubeconfig ${run.up.state.kubeconfig}); slipway down stops it\n` : ""),
    );
    return EXIT.ok;
  },
};
