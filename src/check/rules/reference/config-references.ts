/**
 * `reference/configmap-ref` and `reference/secret-ref`: a pod that needs a ConfigMap or
 * Secret that does not exist never starts (CreateContainerConfigError, or a volume that
 * never mounts). References marked `optional: true` are skipped.
 *
 * Heuristic: a missing ConfigMap (Secret) is only reported when the input carries at
 * least one ConfigMap (Secret, or a producer of Secrets such as an ExternalSecret) in
 * that namespace and no Helm chart is deployed there by an Application: then the input
 * is taken to hold the namespace's configuration; otherwise it is likely managed
 * elsewhere (another repository, an operator, `kubectl create secret`) and the rule is quiet.
 * An object that a controller of the input creates at run time (Argo CD's Secret
 * argocd-redis) exists by the time it is read: see runtime-objects.ts.
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { chartDestinations } from "../support/input-coverage.js";
import { asName, asRecord, asRecords, getPath, type JsonRecord } from "../support/json.js";
import { runtimeObjectsOf } from "../support/runtime-objects.js";
import { workloadsOf, type Workload } from "../support/workloads.js";
import { configSources, type ConfigKind } from "./config-sources.js";

const PARAMS = (zod: typeof z) => zod.object({ kind: zod.enum(["ConfigMap", "Secret"]) }).strict();

interface ConfigReference {
  readonly name: string;
  /** Keys the reference reads, when it names them. */
  readonly keys: readonly string[];
  /** `container "api" env DB_PASSWORD`, `volume "config"`. */
  readonly where: string;
}

const FIELDS: Readonly<Record<ConfigKind, { keyRef: string; envFrom: string; volume: string; volumeName: string }>> = {
  ConfigMap: { keyRef: "configMapKeyRef", envFrom: "configMapRef", volume: "configMap", volumeName: "name" },
  Secret: { keyRef: "secretKeyRef", envFrom: "secretRef", volume: "secret", volumeName: "secretName" },
};

function isRequired(reference: JsonRecord | undefined): reference is JsonRecord {
  return reference !== undefined && reference.optional !== true;
}

function itemKeys(source: JsonRecord): string[] {
  return asRecords(source.items).flatMap((item) => asName(item.key) ?? []);
}

function referencesOf(workload: Workload, kind: ConfigKind): ConfigReference[] {
  const fields = FIELDS[kind];
  const references: ConfigReference[] = [];
  for (const container of workload.containers) {
    const label = `container "${container.name}"`;
    for (const env of asRecords(container.record.env)) {
      const reference = asRecord(getPath(env, "valueFrom", fields.keyRef));
      const name = asName(reference?.name);
      const key = asName(reference?.key);
      if (isRequired(reference) && name) references.push({ name, keys: key ? [key] : [], where: `${label} env ${asName(env.name) ?? "?"}` });
    }
    for (const envFrom of asRecords(container.record.envFrom)) {
      const reference = asRecord(envFrom[fields.envFrom]);
      const name = asName(reference?.name);
      if (isRequired(reference) && name) references.push({ name, keys: [], where: `${label} envFrom` });
    }
  }
  for (const volume of asRecords(workload.podSpec.volumes)) {
    const label = `volume "${asName(volume.name) ?? "?"}"`;
    const direct = asRecord(volume[fields.volume]);
    const directName = asName(direct?.[fields.volumeName]);
    if (isRequired(direct) && directName) references.push({ name: directName, keys: itemKeys(direct), where: label });
    for (const projected of asRecords(getPath(volume, "projected", "sources"))) {
      const source = asRecord(projected[fields.volume]);
      const name = asName(source?.name);
      if (isRequired(source) && name) references.push({ name, keys: itemKeys(source), where: `${label} (projected)` });
    }
  }
  return references;
}

export const configReferenceTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "config-reference",
  description: "ConfigMaps or Secrets that pods read (env, envFrom, volumes) exist with the keys they read.",
  params: PARAMS,
  check(context, params, report) {
    const sources = configSources(context.objects);
    const charts = chartDestinations(context.objects);
    for (const workload of workloadsOf(context.objects)) {
      const namespace = workload.namespace;
      if (!sources.hasAny(params.kind, namespace) || charts.has(namespace)) continue;
      for (const reference of referencesOf(workload, params.kind)) {
        if (sources.isAutomatic(params.kind, reference.name)) continue;
        // Created at run time by a controller of the input (Argo CD's argocd-redis): runtime-objects.ts.
        if (runtimeObjectsOf(context.objects).created(params.kind, namespace, reference.name)) continue;
        const source = sources.lookup(params.kind, namespace, reference.name);
        if (!source) {
          report(workload.source, `${reference.where} reads ${params.kind} ${reference.name}, which is not in namespace ${namespace}`);
          continue;
        }
        const missing = source.keys ? reference.keys.filter((key) => !source.keys?.has(key)) : [];
        if (missing.length === 0) continue;
        const keys = [...(source.keys ?? [])].sort().join(", ") || "none";
        report(
          workload.source,
          `${reference.where} reads key${missing.length > 1 ? "s" : ""} ${missing.map((key) => `"${key}"`).join(", ")} of ${params.kind} ${reference.name}, which has no such key (keys of ${source.producer}: ${keys})`,
          `read a key ${source.producer} defines, or add the key to it`,
        );
      }
    }
  },
};
