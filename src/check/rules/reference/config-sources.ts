/**
 * Which ConfigMaps and Secrets the input provides, per namespace, and their keys where
 * known. Secrets are also produced by ExternalSecrets (`target.name`, default the
 * ExternalSecret's name), ClusterExternalSecrets (in every namespace they select),
 * SealedSecrets and cert-manager Certificates (`secretName`).
 */
import type { SourceObject } from "../../finding.js";
import { asName, asRecord, asRecords, getPath } from "../support/json.js";
import { memoizeByObjects } from "../support/memoize.js";
import { namespaceOf } from "../support/namespaces.js";

export type ConfigKind = "ConfigMap" | "Secret";

export interface ConfigSource {
  /** What produces it, for messages: `ExternalSecret api-credentials`. */
  readonly producer: string;
  /** Keys when known; undefined when the producer decides them at run time. */
  readonly keys?: ReadonlySet<string>;
}

/** Namespace used for producers that fill every namespace they select. */
export const ANY_NAMESPACE = "*";

/** Created by the kube-root-ca controller in every namespace. */
const AUTOMATIC_CONFIG_MAPS = new Set(["kube-root-ca.crt"]);

export interface ConfigSources {
  lookup(kind: ConfigKind, namespace: string, name: string): ConfigSource | undefined;
  /** Whether the input carries any source of this kind in the namespace. */
  hasAny(kind: ConfigKind, namespace: string): boolean;
  isAutomatic(kind: ConfigKind, name: string): boolean;
}

function keysOf(...maps: unknown[]): Set<string> {
  return new Set(maps.flatMap((map) => Object.keys(asRecord(map) ?? {})));
}

function externalSecretKeys(spec: unknown): Set<string> | undefined {
  // dataFrom and templates decide keys at run time.
  if (asRecords(getPath(spec, "dataFrom")).length > 0 || getPath(spec, "target", "template") !== undefined) return undefined;
  return new Set(asRecords(getPath(spec, "data")).flatMap((entry) => asName(entry.secretKey) ?? []));
}

/** Kinds that produce a ConfigMap or Secret: every other object is passed over without reading it. */
const PRODUCER_KINDS: ReadonlySet<string> = new Set(["ConfigMap", "Secret", "ExternalSecret", "ClusterExternalSecret", "SealedSecret", "Certificate"]);

function sourcesOf(object: SourceObject): { kind: ConfigKind; namespace: string; name: string; source: ConfigSource }[] {
  if (!PRODUCER_KINDS.has(object.kind)) return [];
  const namespace = namespaceOf(object);
  const producer = `${object.kind} ${object.name}`;
  const group = object.apiVersion.split("/")[0];
  if (object.kind === "ConfigMap" && object.apiVersion === "v1") {
    const keys = keysOf(object.document.data, object.document.binaryData);
    return [{ kind: "ConfigMap", namespace, name: object.name, source: { producer, keys } }];
  }
  if (object.kind === "Secret" && object.apiVersion === "v1") {
    const keys = keysOf(object.document.data, object.document.stringData);
    return [{ kind: "Secret", namespace, name: object.name, source: { producer, keys } }];
  }
  if (object.kind === "ExternalSecret" && group === "external-secrets.io") {
    const name = asName(getPath(object.document, "spec", "target", "name")) ?? object.name;
    const keys = externalSecretKeys(object.document.spec);
    return [{ kind: "Secret", namespace, name, source: { producer, ...(keys ? { keys } : {}) } }];
  }
  if (object.kind === "ClusterExternalSecret" && group === "external-secrets.io") {
    const spec = getPath(object.document, "spec", "externalSecretSpec");
    const name = asName(getPath(spec, "target", "name")) ?? asName(getPath(object.document, "spec", "externalSecretName")) ?? object.name;
    return [{ kind: "Secret", namespace: ANY_NAMESPACE, name, source: { producer } }];
  }
  if (object.kind === "SealedSecret" && group === "bitnami.com") {
    const name = asName(getPath(object.document, "spec", "template", "metadata", "name")) ?? object.name;
    return [{ kind: "Secret", namespace, name, source: { producer } }];
  }
  if (object.kind === "Certificate" && group === "cert-manager.io") {
    const name = asName(getPath(object.document, "spec", "secretName"));
    return name ? [{ kind: "Secret", namespace, name, source: { producer, keys: new Set(["tls.crt", "tls.key", "ca.crt"]) } }] : [];
  }
  return [];
}

/** The ConfigMaps and Secrets of the input and what produces them (derived once per input: two rules read them). */
export const configSources = memoizeByObjects((objects: readonly SourceObject[]): ConfigSources => {
  const byKey = new Map<string, ConfigSource>();
  const namespaces = new Set<string>();
  for (const object of objects) {
    for (const { kind, namespace, name, source } of sourcesOf(object)) {
      byKey.set(`${kind}/${namespace}/${name}`, source);
      if (!(kind === "ConfigMap" && AUTOMATIC_CONFIG_MAPS.has(name))) namespaces.add(`${kind}/${namespace}`);
    }
  }
  return {
    lookup: (kind, namespace, name) => byKey.get(`${kind}/${namespace}/${name}`) ?? byKey.get(`${kind}/${ANY_NAMESPACE}/${name}`),
    hasAny: (kind, namespace) => namespaces.has(`${kind}/${namespace}`),
    isAutomatic: (kind, name) => kind === "ConfigMap" && AUTOMATIC_CONFIG_MAPS.has(name),
  };
});
