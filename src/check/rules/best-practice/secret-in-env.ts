/**
 * Template `secret-in-env`: an environment variable named like a credential with a
 * literal `value` puts the credential in the manifest (and in `kubectl describe`).
 * Names that point at a secret rather than hold one (`_FILE`, `_PATH`, `_NAME`, ...)
 * and values that only expand other variables (`$(DB_PASSWORD)`) are not reported.
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { asRecord, asString } from "../support/json.js";
import { workloadsOf } from "../support/workloads.js";

const PARAMS = (zod: typeof z) =>
  zod
    .object({
      /** Case-insensitive regular expression of names that hold credentials. */
      namePattern: zod.string().min(1),
      /** Case-insensitive regular expression of names that only refer to one. */
      ignoredNamePattern: zod.string(),
    })
    .strict();

const VARIABLE_ONLY = /^(\$\([A-Za-z_][A-Za-z0-9_]*\))+$/;

export const secretInEnvTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "secret-in-env",
  description: "No container environment variable named like a credential has a literal value.",
  params: PARAMS,
  check(context, params, report) {
    const names = new RegExp(params.namePattern, "i");
    const ignored = params.ignoredNamePattern ? new RegExp(params.ignoredNamePattern, "i") : undefined;
    for (const workload of workloadsOf(context.objects)) {
      for (const container of workload.containers) {
        const variables = Array.isArray(container.record.env) ? (container.record.env as unknown[]) : [];
        variables.forEach((variable, index) => {
          const env = asRecord(variable);
          const name = asString(env?.name);
          const value = asString(env?.value);
          if (!name || !value || !names.test(name) || ignored?.test(name) || VARIABLE_ONLY.test(value)) return;
          report(
            workload.source,
            `container "${container.name}" env ${name} holds a literal value that looks like a secret`,
            `move the value into a Secret (e.g. through an ExternalSecret) and read it with valueFrom.secretKeyRef`,
            container.path && [...container.path, "env", index, "value"],
          );
        });
      }
    }
  },
};
