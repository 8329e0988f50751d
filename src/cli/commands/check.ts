/**
 * `slipway check`: validate and lint manifests (files, folders, kustomizations, stdin).
 * Exit 0 when nothing reaches --fail-on, 1 when something does, 2 on a usage error.
 */
import { SlipwayError } from "../../errors.js";
import { CONFIG_FILE_NAMES } from "../../platform-spec/config-file-names.js";
import { DEFAULT_CHECK_KUBERNETES_VERSION, parseKubernetesVersion } from "../../check/kubernetes-version.js";
import { schemaVersions } from "../../check/schema/kubernetes-schema-bundle.js";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { checkManifests } from "../../check/check.js";
import type { RuleOptions } from "../../check/rules/rule-options.js";
import type { ArgoCdTarget } from "../../check/rule.js";
import { SEVERITY_RANK, type Severity } from "../../check/finding.js";
import { createOutput, isOutputFormat, OUTPUT_FORMATS } from "../../check/output/output.js";
import type { Command } from "../command.js";
import { EXIT } from "../command.js";
import { parseOptions } from "../parse-options.js";

const USAGE = "slipway check [PATHS...|-] [--k8s-version V] [--argocd self-managed|eks-capability] [--config FILE] [--crds DIR]... [--output text|json|sarif] [--fail-on error|warning|info] [--rules-config FILE] [--charts DIR|URL] [--no-charts] [--show-reachability]";

const HELP = `${USAGE}

  PATHS                 files and folders of manifests (default: .); - reads standard input
  --k8s-version V       target Kubernetes version: ${schemaVersions().join(", ")} (1.34, v1.34 and 1.34.2 are the same);
                        default: the cluster version of the Slipway spec (--config, or ${CONFIG_FILE_NAMES.join(", ")}
                        in the working directory), else ${DEFAULT_CHECK_KUBERNETES_VERSION}, the newest version EKS supports
  --argocd MODE          the Argo CD the manifests are for: self-managed, or eks-capability to enforce the EKS
                        managed capability's limits (Applications only in its namespace, no config management
                        plugins, at most 1,000 Applications, no https://kubernetes.default.svc);
                        default: the spec's argocd.mode (--config, or a spec in the working directory), else self-managed
  --config FILE         Slipway spec whose cluster.kubernetesVersion and argocd.mode are the defaults
  --crds DIR            folder of CustomResourceDefinitions, or of JSON Schemas in kubeconform's catalog layout
                        {group}/{kind}_{version}.json (repeatable); CRDs in the input are used too, and the CRDs
                        of the add-ons Slipway pins are always known (bundled)
  --platform-crds       deprecated, does nothing: those add-on CRDs are bundled
  --output FORMAT       text (default), json or sarif
  --fail-on SEVERITY    lowest severity that fails the check: error (default), warning or info
  --enable RULE         run only these rules (repeatable; a rule id, id prefix or category)
  --disable RULE        skip these rules (repeatable; a rule id, id prefix or category)
  --rules-config FILE   YAML or JSON with lint rule parameters and severities:
                        params: {RULE: {PARAM: VALUE}}, severity: {RULE: error|warning|info}
                        (rules and their parameters: docs/rules.md, docs/check-rules-design.md)
  --charts DIR|URL      Helm repository (folder or URL) holding the charts Argo CD Applications
                        install; they are rendered and checked (default: SLIPWAY_CHARTS, the
                        chart cache ~/.cache/slipway/charts, then helm pull)
  --no-charts           check Applications without rendering their charts
  --show-reachability   print the network-policy reachability matrix
`;

/**
 * Reads --rules-config; a missing or malformed file is a usage error naming it. The YAML
 * and zod libraries it needs are loaded only then: start-up time is most of a small check.
 */
async function readRuleOptions(path: string): Promise<RuleOptions> {
  const [{ parseYamlData }, { readTextFile }, { parseRuleOptions }] = await Promise.all([
    import("../../yaml-data.js"),
    import("../../read-text-file.js"),
    import("../../check/rules/rule-options.js"),
  ]);
  const text = readTextFile(path, { what: "the rules config", code: "USAGE", fix: "pass an existing YAML or JSON file to --rules-config" });
  return parseRuleOptions(parseYamlData(text, { where: path, what: "the rules config", code: "USAGE" }), path);
}

/**
 * Checking a Slipway project's output targets what its spec says: the cluster's
 * Kubernetes version and who runs Argo CD; elsewhere, the newest version EKS supports and
 * a self-managed Argo CD. The spec (and zod, tsx) is loaded only when a spec file is there
 * and an option is left to it.
 */
async function specDefaults(cwd: string, configPath: string | undefined): Promise<{ kubernetesVersion: string; argocd: ArgoCdTarget }> {
  if (configPath === undefined && !CONFIG_FILE_NAMES.some((name) => existsSync(resolve(cwd, name)))) return { kubernetesVersion: DEFAULT_CHECK_KUBERNETES_VERSION, argocd: "self-managed" };
  const { loadSpec } = await import("../../platform-spec/load.js");
  const { spec, source } = await loadSpec({ cwd, ...(configPath !== undefined ? { configPath } : {}) });
  return { kubernetesVersion: parseKubernetesVersion(spec.cluster.kubernetesVersion, `${source ?? "the spec"} (cluster.kubernetesVersion)`), argocd: spec.argocd.mode };
}

// An object keyed by every mode, so a new mode in the spec fails to compile here until it is added.
const ARGOCD_TARGETS = Object.keys({ "self-managed": true, "eks-capability": true } satisfies Record<ArgoCdTarget, true>) as ArgoCdTarget[];

export const command: Command = {
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseOptions(
      argv,
      {
        "k8s-version": { type: "string" },
        crds: { type: "string", multiple: true },
        output: { type: "string" },
        "fail-on": { type: "string" },
        enable: { type: "string", multiple: true },
        disable: { type: "string", multiple: true },
        "show-reachability": { type: "boolean" },
        "platform-crds": { type: "boolean" },
        "rules-config": { type: "string" },
        charts: { type: "string" },
        "no-charts": { type: "boolean" },
        config: { type: "string" },
        argocd: { type: "string" },
        help: { type: "boolean" },
      },
      USAGE,
    );
    if (values.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    const format = values.output ?? "text";
    if (!isOutputFormat(format)) throw new SlipwayError("USAGE", `unknown output format "${format}"`, { fix: `use --output ${OUTPUT_FORMATS.join(", ")}` });
    const failOn = values["fail-on"] ?? "error";
    if (!Object.hasOwn(SEVERITY_RANK, failOn)) throw new SlipwayError("USAGE", `unknown severity "${failOn}" for --fail-on`, { fix: "use --fail-on error, warning or info" });
    if (values.argocd !== undefined && !ARGOCD_TARGETS.includes(values.argocd as ArgoCdTarget)) {
      throw new SlipwayError("USAGE", `unknown Argo CD "${values.argocd}" for --argocd`, { fix: `use --argocd ${ARGOCD_TARGETS.join(" or ")}` });
    }
    const defaults = values["k8s-version"] === undefined || values.argocd === undefined ? await specDefaults(io.cwd, values.config) : undefined;
    const kubernetesVersion = values["k8s-version"] !== undefined ? parseKubernetesVersion(values["k8s-version"]) : defaults!.kubernetesVersion;
    const argocd = (values.argocd as ArgoCdTarget | undefined) ?? defaults!.argocd;
    // Kept so existing scripts run: the add-ons' CRDs are bundled, so the flag has nothing left to add.
    if (values["platform-crds"]) io.stderr("note: --platform-crds is deprecated and does nothing: the CRDs of the add-ons Slipway pins are bundled and always known\n");
    if (positionals.filter((path) => path === "-").length > 1) throw new SlipwayError("USAGE", "standard input (-) can be read only once", { fix: `usage: ${USAGE}` });

    const result = await checkManifests(positionals.length > 0 ? positionals : ["."], {
      kubernetesVersion,
      argocd,
      crdDirectories: values.crds ?? [],
      failOn: failOn as Severity,
      enable: values.enable ?? [],
      disable: values.disable ?? [],
      cwd: io.cwd,
      readStdin: io.readStdin,
      charts: values["no-charts"] ? false : (values.charts ?? true),
      reports: values["show-reachability"] ? ["network-policy"] : [],
      ...(values["rules-config"] ? { ruleOptions: await readRuleOptions(resolve(io.cwd, values["rules-config"])) } : {}),
    });
    const output = createOutput(format, io.stdout);
    output.write(result);
    output.flush();
    return result.failed ? EXIT.findings : EXIT.ok;
  },
};
