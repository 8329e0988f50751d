/**
 * Where each workload kind keeps its pod (upstream admission's PodSpecExtractor, plus Argo
 * Rollouts): the pod itself for a Pod, `template` for a PodTemplate, `spec.template` for
 * controllers, `spec.jobTemplate.spec.template` for a CronJob. A Rollout with
 * `spec.workloadRef` borrows a Deployment's template and has none of its own.
 *
 * The one pod-template reader of the checker: Pod Security, the lint rules' workloads
 * (rules/support/workloads.ts) and the pod-scoped field deprecations all read pods here,
 * so every one of them sees the same kinds, matched by API group and kind. They read them
 * through `podTemplatesOf`, which finds each object's pod once per input: most objects of
 * a repository carry none, and the rules then visit only those that do.
 */
import type { SourceObject } from "../finding.js";
import { memoizeByObjects } from "../rules/support/memoize.js";
import { asRecord } from "../rules/support/json.js";

export interface PodTemplate {
  /** The pod's (or template's) metadata, untrusted JSON. */
  readonly metadata: unknown;
  /** The pod spec, untrusted JSON (an object). */
  readonly spec: Readonly<Record<string, unknown>>;
  /** Path of the spec in the object, for messages: `spec.template.spec`. */
  readonly specPath: string;
  /** Path of the template (the object itself for a Pod: `[]`); its `metadata` and `spec` are below. */
  readonly templatePath: readonly string[];
  /** A Pod, rather than a template the API server defaults slightly differently. */
  readonly isPod: boolean;
}

type TemplateLocation = readonly string[];

const TEMPLATE_PATHS: Readonly<Record<string, Readonly<Record<string, TemplateLocation>>>> = {
  "": { Pod: [], PodTemplate: ["template"], ReplicationController: ["spec", "template"] },
  apps: { Deployment: ["spec", "template"], StatefulSet: ["spec", "template"], DaemonSet: ["spec", "template"], ReplicaSet: ["spec", "template"] },
  extensions: { Deployment: ["spec", "template"], DaemonSet: ["spec", "template"], ReplicaSet: ["spec", "template"] },
  batch: { Job: ["spec", "template"], CronJob: ["spec", "jobTemplate", "spec", "template"] },
  "argoproj.io": { Rollout: ["spec", "template"] },
};

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}

/** Kinds that carry a pod, as `group/Kind` (core group empty): for documentation. */
export const POD_TEMPLATE_KINDS: readonly string[] = Object.entries(TEMPLATE_PATHS).flatMap(([group, kinds]) =>
  Object.keys(kinds).map((kind) => (group === "" ? kind : `${group}/${kind}`)),
);

/** The pod an object runs, or undefined when it runs none or it cannot be read. */
export function podTemplateOf(object: Pick<SourceObject, "apiVersion" | "kind" | "document">): PodTemplate | undefined {
  const location = TEMPLATE_PATHS[groupOf(object.apiVersion)]?.[object.kind];
  if (location === undefined) return undefined;
  if (object.kind === "Rollout" && asRecord(asRecord(object.document.spec)?.workloadRef) !== undefined) return undefined;
  let template: Readonly<Record<string, unknown>> | undefined = object.document;
  for (const key of location) template = asRecord(template?.[key]);
  const spec = asRecord(template?.spec);
  if (template === undefined || spec === undefined) return undefined;
  return {
    metadata: template.metadata,
    spec,
    specPath: [...location, "spec"].join("."),
    templatePath: location,
    isPod: location.length === 0,
  };
}

/** An object of the input that runs a pod, with that pod. */
export interface PodCarrier {
  readonly object: SourceObject;
  readonly template: PodTemplate;
}

/** The input's pods: read once per input, in input order, and keyed by object for the rules that walk every object. */
export interface PodTemplateIndex {
  readonly carriers: readonly PodCarrier[];
  readonly byObject: ReadonlyMap<SourceObject, PodTemplate>;
}

/** Every object of the input that runs a pod, with its pod (derived once per input). */
export const podTemplatesOf = memoizeByObjects((objects: readonly SourceObject[]): PodTemplateIndex => {
  const carriers: PodCarrier[] = [];
  const byObject = new Map<SourceObject, PodTemplate>();
  for (const object of objects) {
    const template = podTemplateOf(object);
    if (template === undefined) continue;
    carriers.push({ object, template });
    byObject.set(object, template);
  }
  return { carriers, byObject };
});
