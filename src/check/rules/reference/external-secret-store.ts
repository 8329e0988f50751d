/**
 * `reference/external-secret-store`: an ExternalSecret reads through a SecretStore of its
 * namespace or a ClusterSecretStore (`secretStoreRef.kind`, default SecretStore), also
 * per entry (`data[].sourceRef.storeRef`, `dataFrom[].sourceRef.storeRef`). A
 * ClusterExternalSecret can only use ClusterSecretStores reliably across namespaces.
 */
import type { z } from "zod";
import type { SourceObject } from "../../finding.js";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { asName, asRecord, asRecords, asString, getPath } from "../support/json.js";
import { findClusterScoped, findNamespaced } from "../support/find-objects.js";
import { namespaceOf } from "../support/namespaces.js";

const PARAMS = (zod: typeof z) => zod.object({}).strict();

interface StoreReference {
  readonly kind: string;
  readonly name: string;
  readonly where: string;
}

function storeReferences(spec: unknown): StoreReference[] {
  const record = asRecord(spec);
  const references: StoreReference[] = [];
  const add = (reference: unknown, where: string): void => {
    const name = asName(asRecord(reference)?.name);
    if (name) references.push({ kind: asString(asRecord(reference)?.kind) ?? "SecretStore", name, where });
  };
  add(record?.secretStoreRef, "secretStoreRef");
  asRecords(record?.data).forEach((entry, index) => add(getPath(entry, "sourceRef", "storeRef"), `data[${index}].sourceRef.storeRef`));
  asRecords(record?.dataFrom).forEach((entry, index) => add(getPath(entry, "sourceRef", "storeRef"), `dataFrom[${index}].sourceRef.storeRef`));
  return references;
}

function isExternalSecretsKind(object: SourceObject, kind: string): boolean {
  return object.kind === kind && object.apiVersion.startsWith("external-secrets.io/");
}

export const externalSecretStoreTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "external-secret-store",
  description: "The SecretStore or ClusterSecretStore an ExternalSecret reads through is in the input.",
  params: PARAMS,
  check(context, _params, report) {
    for (const object of context.objects) {
      const clusterWide = isExternalSecretsKind(object, "ClusterExternalSecret");
      if (!clusterWide && !isExternalSecretsKind(object, "ExternalSecret")) continue;
      const spec = clusterWide ? getPath(object.document, "spec", "externalSecretSpec") : object.document.spec;
      for (const reference of storeReferences(spec)) {
        if (reference.kind === "ClusterSecretStore") {
          if (findClusterScoped(context.objects, "ClusterSecretStore", reference.name, "external-secrets.io")) continue;
          report(object, `${reference.where} names ClusterSecretStore ${reference.name}, which is not in the input`);
        } else if (reference.kind === "SecretStore" && !clusterWide) {
          const namespace = namespaceOf(object);
          if (findNamespaced(context.objects, "SecretStore", reference.name, namespace, "external-secrets.io")) continue;
          const cluster = findClusterScoped(context.objects, "ClusterSecretStore", reference.name, "external-secrets.io");
          report(
            object,
            `${reference.where} names SecretStore ${reference.name}, which is not in namespace ${namespace}${cluster ? `; a ClusterSecretStore ${reference.name} exists: set kind: ClusterSecretStore` : ""}`,
          );
        }
      }
    }
  },
};
