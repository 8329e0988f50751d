/**
 * Setting the SELinux type is restricted, and setting a custom SELinux user or role is forbidden.
 *
 * Restricted fields:
 *   spec.securityContext.seLinuxOptions.type
 *   spec.containers[*].securityContext.seLinuxOptions.type
 *   spec.initContainers[*].securityContext.seLinuxOptions.type
 *   spec.ephemeralContainers[*].securityContext.seLinuxOptions.type
 * Allowed values: undefined, "", container_t, container_init_t, container_kvm_t;
 *   from v1.31 also container_engine_t
 *
 * Restricted fields: the same paths' seLinuxOptions.user and seLinuxOptions.role
 * Allowed values: undefined, ""
 */
import { ALLOWED, allContainers, joinQuote, pluralize, sortedSet, type Check, type CheckPodFunction } from "../check.js";
import type { SELinuxOptions } from "../pod-spec.js";

const ALLOWED_TYPES_V1_DOT_0: ReadonlySet<string> = new Set(["", "container_t", "container_init_t", "container_kvm_t"]);
const ALLOWED_TYPES_V1_DOT_31: ReadonlySet<string> = new Set([...ALLOWED_TYPES_V1_DOT_0, "container_engine_t"]);

function seLinuxOptions(allowedTypes: ReadonlySet<string>): CheckPodFunction {
  return (_podMetadata, podSpec) => {
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const valid = (options: SELinuxOptions): boolean => {
      let ok = true;
      if (!allowedTypes.has(options.type)) {
        ok = false;
        badTypes.push(options.type);
      }
      if (options.user.length > 0) {
        ok = false;
        setUser = true;
      }
      if (options.role.length > 0) {
        ok = false;
        setRole = true;
      }
      return ok;
    };
    const badSetters: string[] = [];
    const podOptions = podSpec.securityContext?.seLinuxOptions;
    if (podOptions && !valid(podOptions)) badSetters.push("pod");
    const badContainers: string[] = [];
    for (const container of allContainers(podSpec)) {
      const options = container.securityContext?.seLinuxOptions;
      if (options && !valid(options)) badContainers.push(container.name);
    }
    if (badContainers.length > 0) {
      badSetters.push(`${pluralize("container", "containers", badContainers.length)} ${joinQuote(badContainers)}`);
    }
    if (badSetters.length === 0) return ALLOWED;
    const badData: string[] = [];
    const types = sortedSet(badTypes);
    if (types.length > 0) badData.push(`${pluralize("type", "types", types.length)} ${joinQuote(types)}`);
    if (setUser) badData.push("user may not be set");
    if (setRole) badData.push("role may not be set");
    return {
      allowed: false,
      forbiddenReason: "seLinuxOptions",
      forbiddenDetail: `${badSetters.join(" and ")} set forbidden securityContext.seLinuxOptions: ${badData.join("; ")}`,
    };
  };
}

export const seLinuxOptionsCheck: Check = {
  id: "seLinuxOptions",
  level: "baseline",
  versions: [
    { minimumVersion: 0, checkPod: seLinuxOptions(ALLOWED_TYPES_V1_DOT_0) },
    { minimumVersion: 31, checkPod: seLinuxOptions(ALLOWED_TYPES_V1_DOT_31) },
  ],
};
