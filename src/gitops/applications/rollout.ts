/**
 * The Argo Rollouts Rollout of an application: its pods, and the canary that replaces
 * them on every change of the pod template.
 *
 * Steps come from the spec: `setWeight` then `pause` (with a duration, or none for a
 * manual promotion). The success-rate analysis runs in the background from the second
 * step on, when canary pods exist and serve traffic, and aborts the rollout when it
 * fails. With a public host the ALB splits requests exactly by weight; without one the
 * split is by replica count through the root Service.
 *
 * `replicas` is only the initial size: the HPA owns it afterwards, and the Argo CD
 * Application ignores differences on it so a sync never resets the HPA's decision.
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import type { ApplicationSpec, PlatformSpec } from "../../platform-spec/schema.js";
import { CRD_API_VERSIONS } from "../../versions.js";
import { CANARY_HASH_ARGUMENT, analysisTemplateName } from "./analysis-template.js";
import { applicationLabels, applicationSelector } from "./labels.js";
import { podTemplate } from "./pod-template.js";
import { SERVICE_HTTP_PORT, serviceName } from "./services.js";

/** Old ReplicaSets kept for `kubectl argo rollouts undo`. */
export const REVISION_HISTORY_LIMIT = 3;

/**
 * Argo Rollouts' `maxSurge` when a canary sets none (defaults.go, DefaultMaxSurge "25%"),
 * resolved against spec.replicas rounding up, as a Deployment's is (resolveFenceposts).
 * Slipway's Rollouts set neither maxSurge nor maxUnavailable.
 */
export const DEFAULT_CANARY_MAX_SURGE_PERCENT = 25;

/** What the canary peak depends on: the public host (traffic routing) and the step weights. */
export interface CanaryShape {
  readonly host?: string | undefined;
  readonly canary: { readonly steps: readonly { readonly weight: number }[] };
}

/**
 * Most pods the Rollout plans at once while a canary goes through its steps, promotion
 * and an abort, when `replicas` is spec.replicas (Argo Rollouts' utils/replicaset/canary.go):
 *
 * - **With a host** (ALB traffic routing) the stable ReplicaSet stays at full size until
 *   the rollout completes, the canary grows to ceil(replicas × weight / 100) and to all
 *   replicas at promotion, and the old pods go only after scaleDownDelaySeconds (30 s):
 *   twice the replicas.
 * - **Without** (weights approximated by replica counts) both ReplicaSets round up, and
 *   each step first scales the canary up within replicas + maxSurge (+1 when the weight
 *   does not divide the replicas evenly), then scales the stable down: the peak of a step
 *   is min(previous stable + new canary, that limit); an abort scales the stable back up
 *   within replicas + maxSurge while the canary is still there.
 */
export function canaryPeakPods(application: CanaryShape, replicas: number): number {
  const canaryAt = (weight: number) => Math.ceil((replicas * weight) / 100);
  const stableAt = (weight: number) => Math.ceil((replicas * (100 - weight)) / 100);
  if (application.host !== undefined) return replicas + canaryAt(100);
  const maxSurge = Math.ceil((replicas * DEFAULT_CANARY_MAX_SURGE_PERCENT) / 100);
  const weights = [...application.canary.steps.map((step) => step.weight), 100];
  let peak = replicas;
  let previous = 0;
  for (const weight of weights) {
    const extra = (replicas * weight) % 100 === 0 ? 0 : 1;
    peak = Math.max(peak, Math.min(stableAt(previous) + canaryAt(weight), replicas + maxSurge + extra));
    previous = weight;
  }
  const largestCanary = Math.max(...weights.slice(0, -1).map(canaryAt), 0);
  return Math.max(peak, Math.min(replicas + largestCanary, replicas + maxSurge));
}

export function canarySteps(application: ApplicationSpec): Record<string, unknown>[] {
  return application.canary.steps.flatMap((step) => [
    { setWeight: step.weight },
    { pause: step.pause === undefined ? {} : { duration: step.pause } },
  ]);
}

export function rollout(name: string, application: ApplicationSpec, spec: PlatformSpec, names: PlatformNames): KubeObject {
  return {
    apiVersion: CRD_API_VERSIONS.argoRollouts,
    kind: "Rollout",
    metadata: { name, namespace: application.namespace, labels: applicationLabels(name) },
    spec: {
      replicas: application.replicas,
      revisionHistoryLimit: REVISION_HISTORY_LIMIT,
      selector: { matchLabels: applicationSelector(name) },
      template: podTemplate(name, application, spec, names),
      strategy: {
        canary: {
          stableService: serviceName(name, "stable"),
          canaryService: serviceName(name, "canary"),
          steps: canarySteps(application),
          analysis: {
            templates: [{ templateName: analysisTemplateName(name) }],
            // Step 0 is the first setWeight: analysis starts once canary pods exist.
            startingStep: 1,
            args: [{ name: CANARY_HASH_ARGUMENT, valueFrom: { podTemplateHashValue: "Latest" } }],
          },
          ...(application.host === undefined
            ? {}
            : { trafficRouting: { alb: { ingress: name, servicePort: SERVICE_HTTP_PORT } } }),
        },
      },
    },
  };
}
