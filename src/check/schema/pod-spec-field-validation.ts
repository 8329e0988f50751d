/**
 * Fields of a pod spec the API server's ValidatePodSpec (k8s.io/kubernetes
 * pkg/apis/core/validation) judges one by one, with upstream's messages:
 *
 * - names of other objects: `serviceAccountName`, `nodeName`, `priorityClassName`,
 *   `runtimeClassName` DNS subdomains; `hostname` and `subdomain` DNS labels (not in a
 *   StatefulSet's template, where the controller sets them); readiness
 *   gates' `conditionType` qualified names;
 * - enumerations: `preemptionPolicy`, `os.name`, the pod's `fsGroupChangePolicy` and
 *   `supplementalGroupsPolicy`, a container's `terminationMessagePolicy` and `procMount`;
 * - user and group IDs (pod and containers): between 0 and 2^31-1 (IsValidUserID, IsValidGroupID);
 * - seccomp profiles (pod and containers, validateSeccompProfileField) and AppArmor profiles
 *   (ValidateAppArmorProfileField): a known type, a profile exactly when the type is Localhost;
 * - sysctls (validateSysctls): names in the sysctl grammar, each once.
 *
 * Left to upstream: `schedulerName` (not validated), `imagePullSecrets` names (only a
 * warning). Fields of the wrong type are skipped (the schema step reports them).
 */
import { asArray, asRecord, isSet, type JsonRecord } from "../rules/support/json.js";
import { duplicateValue, invalidValue, unsupportedValue, type FieldPath as Path, type FieldProblem } from "./field-errors.js";
import { dns1123LabelProblems, dns1123SubdomainProblems, qualifiedNameProblems } from "../../manifest/kubernetes-names.js";


const MAX_ID = 2147483647;
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const SYSCTL_MAX_LENGTH = 253;
const SECCOMP_TYPES = ["Localhost", "RuntimeDefault", "Unconfined"];
const APPARMOR_TYPES = ["Localhost", "RuntimeDefault", "Unconfined"];

/** Object names each pod field holds, and the grammar upstream judges them by. */
const NAME_FIELDS: readonly { readonly field: string; readonly grammar: (value: string) => string[]; readonly what: string }[] = [
  { field: "serviceAccountName", grammar: dns1123SubdomainProblems, what: "the ServiceAccount" },
  { field: "nodeName", grammar: dns1123SubdomainProblems, what: "the node" },
  { field: "hostname", grammar: dns1123LabelProblems, what: "the pod's host name (a lowercase RFC 1123 label)" },
  { field: "subdomain", grammar: dns1123LabelProblems, what: "the headless Service of the pod's subdomain (a lowercase RFC 1123 label)" },
  { field: "priorityClassName", grammar: dns1123SubdomainProblems, what: "the PriorityClass" },
  { field: "runtimeClassName", grammar: dns1123SubdomainProblems, what: "the RuntimeClass" },
];

/** Pod identity fields a StatefulSet's controller overwrites, so ValidateStatefulSetSpec clears them before judging the template. */
const STATEFUL_SET_IDENTITY = new Set(["hostname", "subdomain"]);

/**
 * The problems of a pod spec (`specPath` is the pod spec's) and of its containers' fields
 * listed above. `statefulSetTemplate`: the spec is a StatefulSet's template, whose hostname
 * and subdomain are not judged.
 */
export function podSpecFieldProblems(spec: Readonly<JsonRecord>, specPath: Path, statefulSetTemplate = false): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (...steps: (string | number)[]): Path => [...specPath, ...steps];
  for (const { field, grammar, what } of NAME_FIELDS) {
    if (statefulSetTemplate && STATEFUL_SET_IDENTITY.has(field)) continue;
    const value = spec[field];
    if (typeof value !== "string" || value === "") continue;
    for (const detail of grammar(value)) problems.push({ path: at(field), reason: invalidValue(value, detail), fix: `name ${what} as it is named in the cluster` });
  }
  notSupported(spec.preemptionPolicy, at("preemptionPolicy"), ["PreemptLowerPriority", "Never"], problems);
  // validateOS words an unknown name at `os` itself.
  notSupported(asRecord(spec.os)?.name, at("os"), ["linux", "windows"], problems);
  asArray(spec.readinessGates).forEach((gate, index) => {
    const conditionType = asRecord(gate)?.conditionType;
    if (typeof conditionType !== "string") return;
    for (const detail of qualifiedNameProblems(conditionType)) problems.push({ path: at("readinessGates", index, "conditionType"), reason: invalidValue(conditionType, detail), fix: "name the readiness gate's condition type as a qualified name, such as example.com/ready" });
  });

  const securityContext = asRecord(spec.securityContext);
  if (securityContext !== undefined) {
    const contextPath = at("securityContext");
    for (const field of ["runAsUser", "runAsGroup", "fsGroup"]) idProblem(securityContext[field], [...contextPath, field], problems);
    asArray(securityContext.supplementalGroups).forEach((group, index) => idProblem(group, [...contextPath, "supplementalGroups", index], problems));
    notSupported(securityContext.fsGroupChangePolicy, [...contextPath, "fsGroupChangePolicy"], ["Always", "OnRootMismatch"], problems);
    notSupported(securityContext.supplementalGroupsPolicy, [...contextPath, "supplementalGroupsPolicy"], ["Merge", "Strict"], problems);
    profileProblems(securityContext, contextPath, problems);
    sysctlProblems(securityContext, contextPath, problems);
  }

  for (const list of ["initContainers", "containers", "ephemeralContainers"] as const) {
    asArray(spec[list]).forEach((item, index) => {
      const container = asRecord(item);
      if (container === undefined) return;
      const containerPath = at(list, index);
      notSupported(container.terminationMessagePolicy, [...containerPath, "terminationMessagePolicy"], ["File", "FallbackToLogsOnError"], problems);
      const context = asRecord(container.securityContext);
      if (context === undefined) return;
      const contextPath = [...containerPath, "securityContext"];
      for (const field of ["runAsUser", "runAsGroup"]) idProblem(context[field], [...contextPath, field], problems);
      notSupported(context.procMount, [...contextPath, "procMount"], ["Default", "Unmasked"], problems);
      profileProblems(context, contextPath, problems);
    });
  }
  return problems;
}

function notSupported(value: unknown, path: Path, supported: readonly string[], problems: FieldProblem[]): void {
  if (typeof value !== "string" || value === "" || supported.includes(value)) return;
  problems.push({ path, reason: unsupportedValue(value, supported), fix: `use one of ${supported.join(", ")}` });
}

/** IsValidUserID and IsValidGroupID: a 31-bit ID, never negative. */
function idProblem(value: unknown, path: Path, problems: FieldProblem[]): void {
  if (typeof value !== "number" || !Number.isInteger(value) || (value >= 0 && value <= MAX_ID)) return;
  problems.push({ path, reason: `Invalid value: ${value}: must be between 0 and ${MAX_ID}, inclusive`, fix: `use an ID from 0 to ${MAX_ID}` });
}

/** validateSeccompProfileField and ValidateAppArmorProfileField of a pod's or a container's security context. */
function profileProblems(context: JsonRecord, contextPath: Path, problems: FieldProblem[]): void {
  const seccomp = asRecord(context.seccompProfile);
  if (seccomp !== undefined && typeof seccomp.type === "string") {
    const path = [...contextPath, "seccompProfile"];
    notSupported(seccomp.type, [...path, "type"], SECCOMP_TYPES, problems);
    const profile = seccomp.localhostProfile;
    const has = isSet(profile);
    if (seccomp.type === "Localhost" && !has) {
      problems.push({ path: [...path, "localhostProfile"], reason: "Required value: must be set when seccomp type is Localhost", fix: "set localhostProfile to the profile's path under the kubelet's seccomp directory" });
    } else if (seccomp.type !== "Localhost" && has) {
      // Upstream prints the internal struct, field names capitalised.
      problems.push({ path: [...path, "localhostProfile"], reason: invalidValue({ Type: seccomp.type, LocalhostProfile: profile }, "can only be set when seccomp type is Localhost"), fix: "remove localhostProfile, or set type: Localhost" });
    }
  }
  const appArmor = asRecord(context.appArmorProfile);
  if (appArmor !== undefined && typeof appArmor.type === "string") {
    const path = [...contextPath, "appArmorProfile"];
    const profile = appArmor.localhostProfile;
    if (appArmor.type === "Localhost") {
      if (profile === undefined || profile === null || (typeof profile === "string" && profile.trim() === "")) {
        problems.push({ path: [...path, "localhostProfile"], reason: "Required value: must be set when AppArmor type is Localhost", fix: "set localhostProfile to the name of a profile loaded on the nodes" });
      } else if (typeof profile === "string" && profile.trim() !== profile) {
        problems.push({ path: [...path, "localhostProfile"], reason: invalidValue(profile, "must not be padded with whitespace"), fix: "remove the spaces around the profile name" });
      }
    } else if (APPARMOR_TYPES.includes(appArmor.type)) {
      if (isSet(profile)) problems.push({ path: [...path, "localhostProfile"], reason: invalidValue(profile, "can only be set when AppArmor type is Localhost"), fix: "remove localhostProfile, or set type: Localhost" });
    } else {
      notSupported(appArmor.type, [...path, "type"], APPARMOR_TYPES, problems);
    }
  }
}

function sysctlProblems(context: JsonRecord, contextPath: Path, problems: FieldProblem[]): void {
  const names = new Set<string>();
  asArray(context.sysctls).forEach((item, index) => {
    const name = asRecord(item)?.name;
    if (typeof name !== "string") return;
    const path = [...contextPath, "sysctls", index, "name"];
    if (name === "") problems.push({ path, reason: "Required value", fix: "name the sysctl" });
    else if (name.length > SYSCTL_MAX_LENGTH || !SYSCTL_NAME.test(name)) {
      problems.push({ path, reason: invalidValue(name, `must have at most ${SYSCTL_MAX_LENGTH} characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$`), fix: "write the sysctl name as the kernel does, such as net.ipv4.ip_local_port_range" });
    } else if (names.has(name)) problems.push({ path, reason: duplicateValue(name), fix: `set ${name} once` });
    names.add(name);
  });
}
