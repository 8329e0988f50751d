/**
 * Field rules of the API server's validation (k8s.io/kubernetes pkg/apis/<group>/validation) that
 * a schema cannot express, for the kinds platform repositories hold most, with upstream's
 * messages:
 *
 * - controllers (Deployment, ReplicaSet, DaemonSet, StatefulSet, ReplicationController, Job,
 *   CronJob and its Job template): counts and durations not negative (ValidateNonnegativeField:
 *   replicas, minReadySeconds, revisionHistoryLimit, backoffLimit, history limits...), a
 *   Deployment's progress deadline (600 when unset) past minReadySeconds, a StatefulSet's podManagementPolicy
 *   and claim retention policy, a Job's completionMode;
 * - the claim spec of a PersistentVolumeClaim, a StatefulSet claim template and an ephemeral
 *   volume (ValidatePersistentVolumeClaimSpec): access modes, a positive storage request, the
 *   class name, the volume mode;
 * - a container's env and envFrom (ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom): names
 *   (relaxed: printable ASCII but '='), one valueFrom source and no `value` beside it, the
 *   ConfigMap and Secret names and keys referenced, the pod fields (fieldRef) and container
 *   resources (resourceFieldRef) an env var can read, one source per envFrom entry;
 * - Ingress rule hosts: a DNS subdomain, or a wildcard one (`*.example.com`), never an IP
 *   address (validateIngressRules);
 * - a CronJob's `concurrencyPolicy` among Allow, Forbid and Replace (validateConcurrencyPolicy);
 * - a pod's tolerations (ValidateTolerations): a key that is a label name, Exists when the
 *   key is empty, no value with Exists, a label value with Equal, `tolerationSeconds` only
 *   with NoExecute, a known effect (Lt and Gt depend on a feature gate and are not judged).
 *
 * Fields of the wrong type are skipped (the schema step reports them).
 */
import { asArray, asRecord, isSet, type JsonRecord } from "../rules/support/json.js";
import { parseIpSloppy } from "../../manifest/ip-address.js";
import { quantityNanos } from "../../manifest/quantity.js";
import { configKeyProblems, dns1123SubdomainProblems, labelValueProblems, qualifiedNameProblems, wildcardDns1123SubdomainProblems } from "../../manifest/kubernetes-names.js";
import { invalidValue, showFieldPath as show, unsupportedValue, type FieldMessage, type FieldPath as Path } from "./field-errors.js";

/** apps/v1 SetDefaults_Deployment's progressDeadlineSeconds. */
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

/**
 * The counts and durations of each controller's spec that ValidateNonnegativeField refuses
 * below 0, in upstream's order (ValidateDeploymentSpec, ValidateReplicaSetSpec,
 * ValidateDaemonSetSpec, ValidateStatefulSetSpec, ValidateReplicationControllerSpec,
 * validateJobSpec, validateCronJobSpec). A StatefulSet's `ordinals.start` is named so upstream.
 */
const NONNEGATIVE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "apps/Deployment": ["replicas", "minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds"],
  "apps/ReplicaSet": ["replicas", "minReadySeconds"],
  "apps/DaemonSet": ["minReadySeconds", "revisionHistoryLimit"],
  "apps/StatefulSet": ["replicas", "minReadySeconds", "ordinals.start"],
  "/ReplicationController": ["minReadySeconds", "replicas"],
  "batch/Job": ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished", "backoffLimitPerIndex", "maxFailedIndexes"],
  "batch/CronJob": ["startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"],
};
const CLAIM_RETENTION_POLICIES = ["Retain", "Delete"];
const COMPLETION_MODES = ["NonIndexed", "Indexed"];

function controllerFieldProblems(group: string, kind: string, spec: JsonRecord, specPath: Path, problems: FieldMessage[]): void {
  for (const name of NONNEGATIVE_FIELDS[`${group}/${kind}`] ?? []) {
    const value = name.split(".").reduce<unknown>((parent, step) => asRecord(parent)?.[step], spec);
    if (typeof value !== "number" || value >= 0) continue;
    const at = [...specPath, name];
    problems.push({ path: [...specPath, ...name.split(".")], message: `${show(at)}: Invalid value: ${value}: must be greater than or equal to 0`, fix: `set ${show(at)} to 0 or more` });
  }
  const unsupported = (path: Path, value: unknown, supported: readonly string[]) => {
    if (typeof value === "string" && !supported.includes(value)) problems.push({ path, message: `${show(path)}: ${unsupportedValue(value, supported)}`, fix: `set ${show(path)} to ${supported.join(" or ")}` });
  };
  if (group === "apps" && kind === "Deployment") {
    const { minReadySeconds, progressDeadlineSeconds } = spec;
    const minimum = typeof minReadySeconds === "number" ? minReadySeconds : 0;
    // apps/v1 (the only version served since 1.16) defaults an unset deadline to 600 s before validating it, so a minReadySeconds of 600 or more is refused too.
    const written = typeof progressDeadlineSeconds === "number";
    const deadline = written ? progressDeadlineSeconds : progressDeadlineSeconds === undefined || progressDeadlineSeconds === null ? DEFAULT_PROGRESS_DEADLINE_SECONDS : undefined;
    if (deadline !== undefined && deadline <= minimum) {
      const at = [...specPath, "progressDeadlineSeconds"];
      problems.push({
        path: at,
        message: `${show(at)}: Invalid value: ${deadline}: must be greater than minReadySeconds`,
        fix: written ? `set progressDeadlineSeconds above minReadySeconds (${minimum}); the default is 600` : `progressDeadlineSeconds defaults to 600: set it above minReadySeconds (${minimum}), or lower minReadySeconds below 600`,
        ...(written ? {} : { at: [...specPath, "minReadySeconds"] }),
      });
    }
  }
  if (group === "apps" && kind === "StatefulSet") {
    const policy = spec.podManagementPolicy;
    if (typeof policy === "string" && policy !== "" && policy !== "OrderedReady" && policy !== "Parallel") {
      const at = [...specPath, "podManagementPolicy"];
      problems.push({ path: at, message: `${show(at)}: ${invalidValue(policy, "must be 'OrderedReady' or 'Parallel'")}`, fix: "set podManagementPolicy to OrderedReady (the default) or Parallel" });
    }
    const retention = asRecord(spec.persistentVolumeClaimRetentionPolicy);
    for (const when of ["whenDeleted", "whenScaled"]) unsupported([...specPath, "persistentVolumeClaimRetentionPolicy", when], retention?.[when], CLAIM_RETENTION_POLICIES);
  }
  if (group === "batch" && kind === "Job") unsupported([...specPath, "completionMode"], spec.completionMode, COMPLETION_MODES);
}
const CONCURRENCY_POLICIES = ["Allow", "Forbid", "Replace"];

export function specFieldProblems(group: string, kind: string, document: JsonRecord): FieldMessage[] {
  const problems: FieldMessage[] = [];
  const spec = asRecord(document.spec);
  if (spec === undefined) return problems;
  controllerFieldProblems(group, kind, spec, ["spec"], problems);
  if (group === "batch" && kind === "CronJob") {
    const jobSpec = asRecord(asRecord(spec.jobTemplate)?.spec);
    if (jobSpec !== undefined) controllerFieldProblems("batch", "Job", jobSpec, ["spec", "jobTemplate", "spec"], problems);
  }
  if (group === "" && kind === "PersistentVolumeClaim") problems.push(...claimSpecProblems(spec, ["spec"]));
  if (group === "apps" && kind === "StatefulSet") {
    asArray(spec.volumeClaimTemplates).forEach((template, index) => {
      const claimSpec = asRecord(asRecord(template)?.spec);
      if (claimSpec !== undefined) problems.push(...claimSpecProblems(claimSpec, ["spec", "volumeClaimTemplates", index, "spec"]));
    });
  }
  if (group === "networking.k8s.io" && kind === "Ingress") ingressHostProblems(spec, problems);
  if (group === "batch" && kind === "CronJob" && typeof spec.concurrencyPolicy === "string" && spec.concurrencyPolicy !== "" && !CONCURRENCY_POLICIES.includes(spec.concurrencyPolicy)) {
    problems.push({
      path: ["spec", "concurrencyPolicy"],
      message: `spec.concurrencyPolicy: ${unsupportedValue(spec.concurrencyPolicy, CONCURRENCY_POLICIES)}`,
      fix: "set spec.concurrencyPolicy to Allow, Forbid or Replace",
    });
  }
  return problems;
}

/** ValidateEnv: env var names are relaxed from 1.32 on (RelaxedEnvironmentVariableValidation, on by default in every version checked). */
const ENV_NAME_MESSAGE = "a valid environment variable name must consist only of printable ASCII characters other than '='";
/** validEnvDownwardAPIFieldPathExpressions: the pod fields an env var can read. */
const ENV_FIELD_PATHS = ["metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"];
/** ConvertDownwardAPIFieldLabel (pkg/apis/core/pods): the field labels of a pod, before the caller's own list narrows them. */
const CONVERTIBLE_FIELD_PATHS = new Set(["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs", "spec.host"]);
/** validContainerResourceFieldPathExpressions, and the huge-pages prefixes also allowed. */
const CONTAINER_RESOURCE_FIELDS = ["limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"];

function envNameProblem(name: string): string | undefined {
  // IsRelaxedEnvVarName: printable ASCII (space to '~') other than '='.
  return /^[ -<>-~]*$/.test(name) ? undefined : ENV_NAME_MESSAGE;
}

/**
 * A downward-API `fieldRef.fieldPath` (validateObjectFieldSelector): a field label the pod
 * conversion knows, a subscript only on labels and annotations (with a label-key-like
 * subscript), else one of `supported`. `at` is the fieldRef's path.
 */
export function fieldRefProblems(fieldPath: string, supported: readonly string[], at: Path): FieldMessage[] {
  const fieldPathAt = [...at, "fieldPath"];
  const fix = `read one of ${supported.join(", ")}, or a label or annotation as metadata.labels['key']`;
  const subscripted = /^(.+?)\['(.*)'\]$/s.exec(fieldPath);
  if (subscripted !== null) {
    const [, path = "", subscript = ""] = subscripted;
    if (path !== "metadata.labels" && path !== "metadata.annotations") {
      return [{ path: fieldPathAt, message: `${show(fieldPathAt)}: ${invalidValue(fieldPath, `error converting fieldPath: field label does not support subscript: ${fieldPath}`)}`, fix }];
    }
    // Annotation keys are lower-cased first, as ValidateAnnotations does.
    const key = path === "metadata.annotations" ? subscript.toLowerCase() : subscript;
    return qualifiedNameProblems(key).map((detail) => ({ path: at, message: `${show(at)}: ${invalidValue(key, detail)}`, fix: `name a valid ${path === "metadata.labels" ? "label" : "annotation"} key in ${fieldPath}` }));
  }
  if (!CONVERTIBLE_FIELD_PATHS.has(fieldPath)) {
    return [{ path: fieldPathAt, message: `${show(fieldPathAt)}: ${invalidValue(fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`)}`, fix }];
  }
  const internal = fieldPath === "spec.host" ? "spec.nodeName" : fieldPath;
  if (supported.includes(internal)) return [];
  return [{ path: fieldPathAt, message: `${show(fieldPathAt)}: ${unsupportedValue(internal, supported)}`, fix }];
}

/** validateConfigMapKeySelector and validateSecretKeySelector: a DNS-subdomain name (empty is refused too) and a config key. */
function keySelectorProblems(selector: JsonRecord, at: Path, kind: string): FieldMessage[] {
  const problems: FieldMessage[] = [];
  const name = selector.name === undefined || selector.name === null ? "" : selector.name;
  if (typeof name === "string") {
    for (const detail of dns1123SubdomainProblems(name)) problems.push({ path: [...at, "name"], message: `${show([...at, "name"])}: ${invalidValue(name, detail)}`, fix: `name the ${kind} the variable reads (a lowercase DNS subdomain such as api-token)` });
  }
  const key = selector.key;
  if (key === "" || key === null) problems.push({ path: [...at, "key"], message: `${show([...at, "key"])}: Required value`, fix: `name the key of the ${kind} the variable reads` });
  else if (typeof key === "string") {
    for (const detail of configKeyProblems(key)) problems.push({ path: [...at, "key"], message: `${show([...at, "key"])}: ${invalidValue(key, detail)}`, fix: `name a key of the ${kind}: alphanumerics, '-', '_' and '.'` });
  }
  return problems;
}

/** validateConfigMapEnvSource and validateSecretEnvSource: a name, a DNS subdomain. */
function envSourceNameProblems(source: JsonRecord, at: Path, kind: string): FieldMessage[] {
  const name = source.name;
  if (name === undefined || name === null || name === "") return [{ path: [...at, "name"], message: `${show([...at, "name"])}: Required value`, fix: `name the ${kind} whose keys become env vars` }];
  if (typeof name !== "string") return [];
  return dns1123SubdomainProblems(name).map((detail) => ({ path: [...at, "name"], message: `${show([...at, "name"])}: ${invalidValue(name, detail)}`, fix: `name the ${kind} with a lowercase DNS subdomain` }));
}

/** A container's env and envFrom (`path` is the container's), as ValidateEnv and ValidateEnvFrom judge them. */
export function envProblems(container: JsonRecord, path: Path): FieldMessage[] {
  const problems: FieldMessage[] = [];
  asArray(container.env).forEach((item, index) => {
    const variable = asRecord(item);
    if (variable === undefined) return;
    const label = typeof variable.name === "string" && variable.name !== "" ? variable.name : String(index);
    const namePath = [...path, "env", index, "name"];
    if (variable.name === "") problems.push({ path: namePath, message: `${show(namePath)}: Required value`, fix: "name the env var" });
    else if (typeof variable.name === "string") {
      const detail = envNameProblem(variable.name);
      if (detail !== undefined) problems.push({ path: namePath, message: `${show(namePath)}: ${invalidValue(variable.name, detail)}`, fix: "name the env var without '=' or control characters (such as LOG_LEVEL)" });
    }
    const valueFrom = asRecord(variable.valueFrom);
    if (valueFrom === undefined) return;
    const at = [...path, "env", index, "valueFrom"];
    const fieldRef = asRecord(valueFrom.fieldRef);
    if (fieldRef !== undefined && typeof fieldRef.fieldPath === "string" && fieldRef.fieldPath !== "") problems.push(...fieldRefProblems(fieldRef.fieldPath, ENV_FIELD_PATHS, [...at, "fieldRef"]));
    const resourceFieldRef = asRecord(valueFrom.resourceFieldRef);
    const resource = resourceFieldRef?.resource;
    if (typeof resource === "string" && resource !== "" && !CONTAINER_RESOURCE_FIELDS.includes(resource) && !resource.startsWith("requests.hugepages-") && !resource.startsWith("limits.hugepages-")) {
      const resourcePath = [...at, "resourceFieldRef", "resource"];
      problems.push({ path: resourcePath, message: `${show(resourcePath)}: ${unsupportedValue(resource, CONTAINER_RESOURCE_FIELDS)}`, fix: `read one of ${CONTAINER_RESOURCE_FIELDS.join(", ")}` });
    }
    const configMapKeyRef = asRecord(valueFrom.configMapKeyRef);
    if (configMapKeyRef !== undefined) problems.push(...keySelectorProblems(configMapKeyRef, [...at, "configMapKeyRef"], "ConfigMap"));
    const secretKeyRef = asRecord(valueFrom.secretKeyRef);
    if (secretKeyRef !== undefined) problems.push(...keySelectorProblems(secretKeyRef, [...at, "secretKeyRef"], "Secret"));
    const sources = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef"].filter((key) => isSet(valueFrom[key])).length;
    // Upstream's order: no source first, then a value beside one, then several.
    if (sources === 0) {
      problems.push({ path: at, message: `${show(at)}: Invalid value: "": must specify one of: \`fieldRef\`, \`resourceFieldRef\`, \`configMapKeyRef\`, \`secretKeyRef\` or \`fileKeyRef\``, fix: `give env ${label} a valueFrom source (such as secretKeyRef), or remove valueFrom` });
    } else if (typeof variable.value === "string" && variable.value !== "") {
      problems.push({ path: at, message: `${show(at)}: Invalid value: "": may not be specified when \`value\` is not empty`, fix: `keep either value or valueFrom in env ${label}` });
    } else if (sources > 1) {
      problems.push({ path: at, message: `${show(at)}: Invalid value: "": may not have more than one field specified at a time`, fix: `keep one source in the valueFrom of env ${label}` });
    }
  });
  asArray(container.envFrom).forEach((item, index) => {
    const source = asRecord(item);
    if (source === undefined) return;
    const at = [...path, "envFrom", index];
    if (typeof source.prefix === "string" && source.prefix !== "") {
      const detail = envNameProblem(source.prefix);
      if (detail !== undefined) problems.push({ path: [...at, "prefix"], message: `${show([...at, "prefix"])}: ${invalidValue(source.prefix, detail)}`, fix: "use a prefix without '=' or control characters (such as APP_)" });
    }
    const configMapRef = asRecord(source.configMapRef);
    const secretRef = asRecord(source.secretRef);
    if (configMapRef !== undefined) problems.push(...envSourceNameProblems(configMapRef, [...at, "configMapRef"], "ConfigMap"));
    if (secretRef !== undefined) problems.push(...envSourceNameProblems(secretRef, [...at, "secretRef"], "Secret"));
    const sources = [source.configMapRef, source.secretRef].filter(isSet).length;
    // Upstream words these at envFrom itself, without the index.
    const listPath = [...path, "envFrom"];
    if (sources === 0) problems.push({ path: listPath, message: `${show(listPath)}: Invalid value: "": must specify one of: \`configMapRef\` or \`secretRef\``, fix: `give envFrom[${index}] a configMapRef or a secretRef` });
    else if (sources > 1) problems.push({ path: listPath, message: `${show(listPath)}: Invalid value: "": may not have more than one field specified at a time`, fix: `split envFrom[${index}] into one entry per ConfigMap or Secret` });
  });
  return problems;
}

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** A pod spec's tolerations (`specPath` is the pod spec's). */
export function tolerationProblems(podSpec: Readonly<JsonRecord>, specPath: Path): FieldMessage[] {
  const problems: FieldMessage[] = [];
  asArray(podSpec.tolerations).forEach((item, index) => {
    const toleration = asRecord(item);
    if (toleration === undefined) return;
    const at = (field: string): Path => [...specPath, "tolerations", index, field];
    const text = (value: unknown) => (typeof value === "string" ? value : "");
    const key = text(toleration.key);
    const operator = text(toleration.operator);
    const value = text(toleration.value);
    const effect = text(toleration.effect);
    const fix = "write the toleration as key, operator (Equal with a value, or Exists without one) and effect (NoSchedule, PreferNoSchedule or NoExecute)";
    const invalid = (field: string, bad: string, detail: string) => problems.push({ path: at(field), message: `${show(at(field))}: ${invalidValue(bad, detail)}`, fix });
    if (key !== "") for (const detail of qualifiedNameProblems(key)) invalid("key", key, detail);
    if (key === "" && operator !== "Exists") invalid("operator", operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"');
    if (isSet(toleration.tolerationSeconds) && effect !== "NoExecute") invalid("effect", effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
    if (operator === "Equal" || operator === "") {
      const details = labelValueProblems(value);
      if (details.length > 0) invalid("operator", value, details.join(";"));
    } else if (operator === "Exists") {
      if (value !== "") invalid("operator", value, "value must be empty when `operator` is 'Exists'");
    } else if (operator !== "Lt" && operator !== "Gt") {
      problems.push({ path: at("operator"), message: `${show(at("operator"))}: ${unsupportedValue(operator, ["Equal", "Exists"])}`, fix });
    }
    if (effect !== "" && !TAINT_EFFECTS.includes(effect)) {
      problems.push({ path: at("effect"), message: `${show(at("effect"))}: ${unsupportedValue(effect, TAINT_EFFECTS)}`, fix });
    }
  });
  return problems;
}

const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
const VOLUME_MODES = ["Block", "Filesystem"];

/**
 * ValidatePersistentVolumeClaimSpec, for a claim, a StatefulSet's claim template and an
 * ephemeral volume's (`path` is the claim spec's): access modes (at least one, known, and
 * ReadWriteOncePod alone), a positive storage request, the class a DNS subdomain (empty
 * means no class), a known volume mode. Fields of the wrong type are the schema step's.
 */
export function claimSpecProblems(claimSpec: JsonRecord, path: Path): FieldMessage[] {
  const problems: FieldMessage[] = [];
  const at = (...steps: string[]) => [...path, ...steps];
  const modes = claimSpec.accessModes;
  if (modes === undefined || modes === null || (Array.isArray(modes) && modes.length === 0)) {
    problems.push({ path: at("accessModes"), message: `${show(at("accessModes"))}: Required value: at least 1 access mode is required`, fix: "set accessModes, such as [ReadWriteOnce]" });
  }
  let onePod = false;
  let others = false;
  for (const mode of asArray(modes)) {
    if (typeof mode !== "string") continue;
    if (!ACCESS_MODES.includes(mode)) {
      problems.push({ path: at("accessModes"), message: `${show(at("accessModes"))}: ${unsupportedValue(mode, ACCESS_MODES)}`, fix: `write the access mode in full: ${ACCESS_MODES.join(", ")} (RWO is kubectl's abbreviation, not the API's)` });
    } else if (mode === "ReadWriteOncePod") onePod = true;
    else others = true;
  }
  if (onePod && others) problems.push({ path: at("accessModes"), message: `${show(at("accessModes"))}: Forbidden: may not use ReadWriteOncePod with other access modes`, fix: "keep ReadWriteOncePod alone, or drop it" });

  const resources = claimSpec.resources;
  const requests = asRecord(asRecord(resources)?.requests);
  // A resources or requests of the wrong type is the schema step's finding.
  const wrongType = (resources !== undefined && resources !== null && asRecord(resources) === undefined) || (requests === undefined && asRecord(resources)?.requests != null);
  const storage = requests?.storage;
  const storagePath = `${show(path)}.resources[storage]`;
  if (!wrongType && (storage === undefined || storage === null)) {
    problems.push({ path: at("resources"), message: `${storagePath}: Required value`, fix: `set ${show(path)}.resources.requests.storage to the size the claim needs, such as 10Gi` });
  } else if (typeof storage === "string" || typeof storage === "number") {
    // ValidatePositiveQuantityValue.
    const nanos = quantityNanos(String(storage));
    if (nanos !== undefined && nanos <= 0n) problems.push({ path: at("resources", "requests", "storage"), message: `${storagePath}: ${invalidValue(String(storage), "must be greater than zero")}`, fix: "request a positive size, such as 10Gi" });
  }

  const storageClass = claimSpec.storageClassName;
  if (typeof storageClass === "string" && storageClass !== "") {
    for (const detail of dns1123SubdomainProblems(storageClass)) problems.push({ path: at("storageClassName"), message: `${show(at("storageClassName"))}: ${invalidValue(storageClass, detail)}`, fix: "name a StorageClass (a lowercase DNS subdomain such as gp3)" });
  }
  const volumeMode = claimSpec.volumeMode;
  if (typeof volumeMode === "string" && !VOLUME_MODES.includes(volumeMode)) {
    problems.push({ path: at("volumeMode"), message: `${show(at("volumeMode"))}: ${unsupportedValue(volumeMode, VOLUME_MODES)}`, fix: "set volumeMode to Filesystem (the default) or Block" });
  }
  return problems;
}

function ingressHostProblems(spec: JsonRecord, problems: FieldMessage[]): void {
  asArray(spec.rules).forEach((rule, index) => {
    const host = asRecord(rule)?.host;
    if (typeof host !== "string" || host === "") return;
    const at: Path = ["spec", "rules", index, "host"];
    const fix = "write the host as a lowercase DNS name (such as shop.example.com or *.example.com); an Ingress host cannot be an IP address";
    if (parseIpSloppy(host) !== undefined) problems.push({ path: at, message: `${show(at)}: ${invalidValue(host, "must be a DNS name, not an IP address")}`, fix });
    const details = host.includes("*") ? wildcardDns1123SubdomainProblems(host) : dns1123SubdomainProblems(host);
    for (const detail of details) problems.push({ path: at, message: `${show(at)}: ${invalidValue(host, detail)}`, fix });
  });
}

