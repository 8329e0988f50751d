/**
 * Labels and port names of an application's pods, shared by the objects that select them
 * (Rollout, Services, PodDisruptionBudget, spread constraints) and by the tenancy network
 * policies, so a selector can never drift from the pods it is meant to match.
 */
import { APP_NAME_LABEL, MANAGED_BY_LABELS } from "../conventions.js";

/** Container port names: Services and probes refer to ports by name, never by number. */
export const HTTP_PORT_NAME = "http";
export const METRICS_PORT_NAME = "metrics";

/** Label Argo Rollouts puts on every pod of a ReplicaSet; ServiceMonitor copies it into metrics. */
export const ROLLOUTS_POD_TEMPLATE_HASH_LABEL = "rollouts-pod-template-hash";

/** Selects every pod of the application, stable and canary alike. */
export function applicationSelector(application: string): Record<string, string> {
  return { [APP_NAME_LABEL]: application };
}

/** Labels of the application's objects and pods. */
export function applicationLabels(application: string): Record<string, string> {
  return { ...applicationSelector(application), ...MANAGED_BY_LABELS };
}
