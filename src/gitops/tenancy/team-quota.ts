/**
 * A team's ResourceQuota and the LimitRange that makes it livable.
 *
 * A quota on requests.* and limits.* makes the API server reject every pod whose
 * containers do not declare those values. The LimitRange fills them in for containers
 * that declare none (init containers, debug containers, third-party manifests), so such
 * pods are admitted and counted against the quota instead of being refused outright.
 * Slipway's own applications always set requests and limits from the spec.
 */
import type { ILimitRange } from "kubernetes-models/v1/LimitRange";
import type { IResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import type { KubeObject } from "../../manifest/kube-object.js";
import type { TeamSpec } from "../../platform-spec/schema.js";
import { MANAGED_BY_LABELS } from "../conventions.js";

/**
 * Defaults for containers that declare nothing: small enough that a forgotten value
 * cannot exhaust a team's quota (the reference quota admits 200 such containers by
 * requests), large enough for a sidecar or a one-off job to start.
 */
export const CONTAINER_DEFAULTS = {
  defaultRequest: { cpu: "100m", memory: "128Mi" },
  default: { cpu: "500m", memory: "512Mi" },
} as const;

export const LIMIT_RANGE_NAME = "container-defaults";

export function resourceQuota(namespace: string, team: string, spec: TeamSpec): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: `${team}-quota`, namespace, labels: { ...MANAGED_BY_LABELS } },
    spec: {
      hard: {
        "requests.cpu": spec.quota.requestsCpu,
        "requests.memory": spec.quota.requestsMemory,
        "limits.cpu": spec.quota.limitsCpu,
        "limits.memory": spec.quota.limitsMemory,
        persistentvolumeclaims: String(spec.quota.persistentVolumeClaims),
      },
    },
  } satisfies IResourceQuota;
}

export function limitRange(namespace: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: { name: LIMIT_RANGE_NAME, namespace, labels: { ...MANAGED_BY_LABELS } },
    spec: {
      limits: [
        {
          type: "Container",
          defaultRequest: { ...CONTAINER_DEFAULTS.defaultRequest },
          default: { ...CONTAINER_DEFAULTS.default },
        },
      ],
    },
  } satisfies ILimitRange;
}
