/**
 * A pod in a user namespace (`spec.hostUsers: false`) maps root in the container to an
 * unprivileged host user, so from policy v1.35 some checks relax for it (KEP-127).
 */
import type { PodSpec } from "../pod-spec.js";

export function inUserNamespace(podSpec: PodSpec): boolean {
  return podSpec.hostUsers === false;
}
