/**
 * `slipway check`: validate and lint manifests (files, folders, kustomizations, stdin).
 * Exit 0 when nothing reaches --fail-on, 1 when something does, 2 on a usage error.
 */
import { SlipwayError } from "../../errors.js";
import { KUBERNETES } from "../../versions.js";
import { checkManifests } from "../../check/check.js";
import { platformCrdDirectories } from "../../tools/go-module-crds.js";
import { SEVERITY_RANK, type Severity } from "../../check/finding.js";
import { createOutput, isOutputFormat, OUTPUT_FORMATS } from "../../check/output/output.js";
import type { Command } from "../command.js";
import { EXIT } from "../command.js";
import { parseOptions } from "../parse-options.js";

const USAGE = "slipway check [PATHS...|-] [--k8s-version V] [--crds DIR]... [--platform-crds] [--output text|json|sarif] [--fail-on error|warning|info] [--show-reachability]";

const HELP = `${USAGE}

  PATHS                 files and folders of manifests (default: .); - reads standard input
  --k8s-version V       target Kubernetes version (default: ${KUBERNETES.defaultVersion}; schemas for ${Object.keys(KUBERNETES.schemaRelease).join(", ")})
  --crds DIR            folder of CustomResourceDefinitions (repeatable); CRDs in the input are used too
  --platform-crds       also use the CRDs of the add-on versions Slipway pins, from their Go modules (needs Go)
  --output FORMAT       text (default), json or sarif
  --fail-on SEVERITY    lowest severity that fails the check: error (default), warning or info
  --enable RULE         run only these rules (repeatable; a rule id, id prefix or category)
  --disable RULE        skip these rules (repeatable; a rule id, id prefix or category)
  --show-reachability   print the network-policy reachability matrix
`;

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
    const kubernetesVersion = (values["k8s-version"] ?? KUBERNETES.defaultVersion).replace(/^v/, "");
    if (KUBERNETES.schemaRelease[kubernetesVersion] === undefined) {
      throw new SlipwayError("USAGE", `no schemas for Kubernetes ${kubernetesVersion}`, { fix: `use --k8s-version ${Object.keys(KUBERNETES.schemaRelease).join(" or ")}` });
    }
    if (positionals.filter((path) => path === "-").length > 1) throw new SlipwayError("USAGE", "standard input (-) can be read only once", { fix: `usage: ${USAGE}` });

    const result = await checkManifests(positionals.length > 0 ? positionals : ["."], {
      kubernetesVersion,
      crdDirectories: [...(values.crds ?? []), ...(values["platform-crds"] ? await platformCrdDirectories() : [])],
      failOn: failOn as Severity,
      enable: values.enable ?? [],
      disable: values.disable ?? [],
      cwd: io.cwd,
      readStdin: io.readStdin,
      reports: values["show-reachability"] ? ["network-policy"] : [],
    });
    const output = createOutput(format, io.stdout);
    output.write(result);
    output.flush();
    return result.failed ? EXIT.findings : EXIT.ok;
  },
};
