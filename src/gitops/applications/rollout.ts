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
