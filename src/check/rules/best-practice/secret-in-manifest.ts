/**
 * Template `secret-in-manifest`: a `kind: Secret` with data in a repository is a secret in
 * plain text (base64 is an encoding): everyone who can read the repository or its
 * history can read it. Deliver it through External Secrets, Sealed Secrets or SOPS.
 * A Secret a Helm chart renders at sync time is not in the repository: what reaches the
 * repository is the Application's values, which `secret-in-helm-values` checks.
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { asRecord } from "../support/json.js";

const PARAMS = (zod: typeof z) => zod.object({ ignoredTypes: zod.array(zod.string()) }).strict();

export const secretInManifestTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "secret-in-manifest",
  description: "No Secret object carries data or stringData values in the manifests.",
  params: PARAMS,
  check(context, params, report) {
    for (const secret of context.objects) {
      if (secret.kind !== "Secret" || secret.apiVersion !== "v1" || secret.renderedFrom !== undefined) continue;
      const type = typeof secret.document.type === "string" ? secret.document.type : "Opaque";
      if (params.ignoredTypes.includes(type)) continue;
      const keys = [asRecord(secret.document.data), asRecord(secret.document.stringData)]
        .flatMap((map) => Object.entries(map ?? {}))
        .filter(([, value]) => typeof value === "string" && value.length > 0)
        .map(([key]) => key);
      if (keys.length === 0) continue;
      report(secret, `Secret carries ${[...new Set(keys)].sort().join(", ")} in plain text (base64 is an encoding, not encryption)`);
    }
  },
};
