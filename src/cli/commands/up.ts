/**
 * `slipway up --local`: the platform on a real local control plane (upstream
 * kube-apiserver, etcd, controller-manager, scheduler; kwok fake nodes), built from Go
 * modules on first use. Exit 1 when something was rejected or did not come up.
 */
import { resolve } from "node:path";
import type { Command } from "../command.js";
import { EXIT } from "../command.js";
import { noPositionals, parseOptions } from "../parse-options.js";
import { SlipwayError } from "../../errors.js";

const USAGE = "slipway up --local [--config FILE] [--crds DIR]... [--charts DIR|URL] [--apply argocd|server-side-apply]";
const APPLY_MODES = ["argocd", "server-side-apply"] as const;

export const command: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOptions(
      argv,
      { local: { type: "boolean" }, config: { type: "string" }, crds: { type: "string", multiple: true }, charts: { type: "string" }, apply: { type: "string" }, help: { type: "boolean" } },
      USAGE,
    );
    noPositionals(positionals, USAGE);
    if (values.help) {
      io.stdout(
        `${USAGE}\n\n  --local        start (or reuse) a local control plane and apply the platform to it\n  --config FILE  slipway.config.ts or slipway.yaml (default: found in the working directory, else the reference platform)\n  --crds DIR     folder of CustomResourceDefinitions to install first (repeatable)\n  --charts DIR|URL  Helm repository (folder with index.yaml, or http(s) URL) holding the pinned charts of the add-ons (default: $SLIPWAY_CHARTS, then ~/.cache/slipway/charts, then helm pull); add-ons whose chart is found nowhere are listed, not run\n  --apply MODE   argocd (default): the real Argo CD syncs the GitOps repository from the root Application, served locally with the charts; server-side-apply: up applies the repository and the rendered add-ons itself (faster; no Argo CD)\n`,
      );
      return EXIT.ok;
    }
    if (!values.local) {
      throw new SlipwayError("USAGE", "slipway up only runs locally for now: --local is required", { fix: `usage: ${USAGE}` });
    }
    const apply = values.apply ?? "argocd";
    if (!(APPLY_MODES as readonly string[]).includes(apply)) {
      throw new SlipwayError("USAGE", `--apply ${apply} is not a mode`, { fix: `use --apply ${APPLY_MODES.join(" or --apply ")}` });
    }
    // Loaded only once the options are known good: a usage error comes at once.
    const { loadSpec } = await import("../../platform-spec/load.js");
    const { up } = await import("../../local/local-cluster.js");
    const { renderUpSummary, upSucceeded } = await import("../../local/up-summary.js");
    const { spec, source } = await loadSpec({ configPath: values.config, cwd: io.cwd });
    io.stdout(`bringing up ${source ?? "the reference platform"} locally\n`);
    const result = await up({
      spec,
      crdFolders: (values.crds ?? []).map((folder) => resolve(io.cwd, folder)),
      ...(values.charts !== undefined ? { charts: values.charts } : {}),
      cwd: io.cwd,
      apply: apply as (typeof APPLY_MODES)[number],
      onProgress: (line) => io.stdout(`${line}\n`),
    });
    io.stdout(renderUpSummary(result));
    return upSucceeded(result) ? EXIT.ok : EXIT.findings;
  },
};
