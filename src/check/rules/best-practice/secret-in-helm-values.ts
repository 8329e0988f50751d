/**
 * Template `secret-in-helm-values`: inline Helm values of an Argo CD Application
 * (`helm.values`, `helm.valuesObject`, `helm.parameters`) live in the repository, so a
 * password, token or webhook URL written there is in plain text. A value is reported when
 * its key is named like a credential (and does not merely name an existing Secret, key or
 * file) or when it is a URL of a webhook service whose path is the credential (Slack,
 * Discord, Microsoft Teams). Values that are references for a later stage (`$__file{}`,
 * `${VAR}`, `{{ }}`, `<path:...>`, `ENC[...]`) are not. The value is never printed.
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { applicationSources, isApplication, parsedValuesString, valuesObject } from "../support/argocd-sources.js";
import { asArray, asRecord, asRecords, asString } from "../support/json.js";

const PARAMS = (zod: typeof z) =>
  zod
    .object({
      keyPattern: zod.string().min(1),
      ignoredKeyPattern: zod.string(),
      webhookUrlPattern: zod.string().min(1),
    })
    .strict();

const REFERENCE_VALUE = /^\$|\{\{|<path:|^ENC\[|^vault:|^ref\+/;

interface Leaf {
  readonly path: string;
  readonly key: string;
  readonly value: string;
}

function leaves(value: unknown, path: string, key: string, into: Leaf[], depth = 0): Leaf[] {
  if (depth > 64) return into; // values this deep are not configuration; stop rather than overflow
  if (typeof value === "string") into.push({ path, key, value });
  else if (Array.isArray(value)) value.forEach((item, index) => leaves(item, `${path}[${index}]`, key, into, depth + 1));
  else {
    const record = asRecord(value);
    for (const [childKey, child] of Object.entries(record ?? {})) {
      leaves(child, path ? `${path}.${childKey}` : childKey, childKey, into, depth + 1);
    }
  }
  return into;
}

export const secretInHelmValuesTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "secret-in-helm-values",
  description: "Inline Helm values of Argo CD Applications hold no literal credentials or webhook URLs.",
  params: PARAMS,
  check(context, params, report) {
    const keyPattern = new RegExp(params.keyPattern, "i");
    const ignoredKey = params.ignoredKeyPattern ? new RegExp(params.ignoredKeyPattern, "i") : undefined;
    const webhook = new RegExp(params.webhookUrlPattern, "i");
    for (const application of context.objects.filter(isApplication)) {
      const sources = applicationSources(application);
      const single = asRecord(asRecord(application.document.spec)?.source) !== undefined;
      sources.forEach((source, index) => {
        const prefix = single && index === 0 ? "helm" : `sources[${single ? index - 1 : index}].helm`;
        const found: Leaf[] = [
          ...leaves(parsedValuesString(source), "", "", []).map((leaf) => ({ ...leaf, path: `${prefix}.values ${leaf.path}` })),
          ...leaves(valuesObject(source), "", "", []).map((leaf) => ({ ...leaf, path: `${prefix}.valuesObject ${leaf.path}` })),
        ];
        for (const parameter of asRecords(asArray(asRecord(source.helm)?.parameters))) {
          const name = asString(parameter.name);
          const value = asString(parameter.value);
          if (name && value !== undefined) found.push({ path: `${prefix}.parameters ${name}`, key: name.split(".").pop() ?? name, value });
        }
        for (const leaf of found) {
          if (leaf.value.trim() === "" || REFERENCE_VALUE.test(leaf.value.trim())) continue;
          if (webhook.test(leaf.value)) {
            report(application, `${leaf.path} holds a webhook URL whose path is a credential`);
          } else if (keyPattern.test(leaf.key) && !ignoredKey?.test(leaf.key)) {
            report(application, `${leaf.path} holds a literal value that looks like a secret`);
          }
        }
      });
    }
  },
};
