/**
 * `reference/hpa-target`: an HPA scales through the target's `scale` subresource, so the
 * target must exist in the HPA's namespace under the API group that serves its kind, and
 * have one. The Argo Rollouts mistake gets its own message: when a Rollout manages the
 * pods, the HPA must target the Rollout, not a Deployment of the same name (a Deployment
 * referenced by a Rollout's workloadRef is kept at zero replicas by the Rollout).
 */
import type { z } from "zod";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import type { SourceObject } from "../../finding.js";
import { asName, asString, getPath } from "../support/json.js";
import { findNamespaced, groupOf, objectsOfKind } from "../support/find-objects.js";
import { chartDestinations } from "../support/input-coverage.js";
import { namespaceOf } from "../support/namespaces.js";
import { hpasOf, scaleTargetOf } from "./hpa-model.js";

const PARAMS = (zod: typeof z) => zod.object({}).strict();

/** API group serving each scalable kind. */
const SCALABLE_GROUPS: Readonly<Record<string, string>> = {
  Deployment: "apps",
  StatefulSet: "apps",
  ReplicaSet: "apps",
  Rollout: "argoproj.io",
};

/** Workload kinds without a scale subresource, which an HPA can never scale. */
const UNSCALABLE_KINDS = new Set(["DaemonSet", "Job", "CronJob", "Pod"]);

/** `namespace/name` of a Deployment → the first Rollout of the namespace whose workloadRef names it. */
function rolloutsByWorkloadRef(objects: readonly SourceObject[]): Map<string, SourceObject> {
  const owners = new Map<string, SourceObject>();
  for (const rollout of objectsOfKind(objects, "Rollout")) {
    const name = asName(getPath(rollout.document, "spec", "workloadRef", "name"));
    if (name === undefined || (asString(getPath(rollout.document, "spec", "workloadRef", "kind")) ?? "Deployment") !== "Deployment") continue;
    const key = JSON.stringify([namespaceOf(rollout), name]);
    if (!owners.has(key)) owners.set(key, rollout);
  }
  return owners;
}

/** Findings about the target point at its `scaleTargetRef`. */
const SCALE_TARGET = ["spec", "scaleTargetRef"] as const;

export const hpaTargetTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "hpa-target",
  description: "An HPA's scaleTargetRef names a scalable object of the input in its namespace.",
  params: PARAMS,
  check(context, _params, report) {
    const charts = chartDestinations(context.objects);
    const owners = rolloutsByWorkloadRef(context.objects);
    for (const hpa of hpasOf(context.objects)) {
      const target = scaleTargetOf(hpa);
      if (!target) continue;
      const namespace = namespaceOf(hpa);
      const described = `${target.kind} ${target.name}`;
      if (UNSCALABLE_KINDS.has(target.kind)) {
        report(hpa, `scaleTargetRef ${described} cannot be scaled: ${target.kind} has no scale subresource`, undefined, ["spec", "scaleTargetRef", "kind"]);
        continue;
      }
      const group = SCALABLE_GROUPS[target.kind];
      if (group === undefined) continue; // a custom kind: whether it has a scale subresource is its CRD's business
      if (groupOf(target.apiVersion) !== group) {
        report(
          hpa,
          `scaleTargetRef apiVersion "${target.apiVersion}" does not serve kind ${target.kind}: use ${group}/${target.kind === "Rollout" ? "v1alpha1" : "v1"}`,
          undefined,
          ["spec", "scaleTargetRef", "apiVersion"],
        );
        continue;
      }
      const found = findNamespaced(context.objects, target.kind, target.name, namespace, group);
      const rollout = findNamespaced(context.objects, "Rollout", target.name, namespace, "argoproj.io");
      if (target.kind === "Deployment" && found) {
        const owner = owners.get(JSON.stringify([namespace, target.name]));
        if (owner) {
          report(
            hpa,
            `scaleTargetRef Deployment ${target.name} is the workloadRef of Rollout ${owner.name}, which keeps it at zero replicas: scale the Rollout`,
            `set scaleTargetRef to apiVersion argoproj.io/v1alpha1, kind Rollout, name ${owner.name}`,
            SCALE_TARGET,
          );
        }
        continue;
      }
      if (found) continue;
      if (target.kind === "Deployment" && rollout) {
        report(
          hpa,
          `scaleTargetRef Deployment ${target.name} is not in the input but Rollout ${target.name} is: an HPA must scale the Rollout`,
          `set scaleTargetRef to apiVersion argoproj.io/v1alpha1, kind Rollout, name ${target.name}`,
          SCALE_TARGET,
        );
      } else if (!charts.has(namespace)) {
        report(hpa, `scaleTargetRef ${described} matches no object in namespace ${namespace}`, undefined, SCALE_TARGET);
      }
    }
  },
};
