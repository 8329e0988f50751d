/**
 * What the API server refuses in a namespace's LimitRange and ResourceQuota (k8s.io/kubernetes
 * pkg/apis/core/validation, ValidateLimitRange and ValidateResourceQuotaSpec), with upstream's
 * messages:
 *
 * - LimitRange: each item's type Pod, Container, PersistentVolumeClaim or a qualified
 *   `domain/name`, once per range; resource names qualified and, unprefixed, standard ones
 *   (cpu, memory, ephemeral-storage and hugepages-* for Pod and Container); no default or
 *   defaultRequest for type Pod; a PersistentVolumeClaim item with a min or max storage; and
 *   per resource min ≤ defaultRequest ≤ default ≤ max, a maxLimitRequestRatio of at least 1
 *   and at most max/min, a default equal to defaultRequest for resources that cannot be
 *   overcommitted (hugepages, extended resources). A Container item is defaulted first, as v1
 *   does (SetDefaults_LimitRangeItem: default from max, defaultRequest from default, then
 *   from min), so `min: 2, max: 1` is also refused for the defaults it implies;
 * - ResourceQuota: hard resource names qualified and, unprefixed, standard quota resources;
 *   amounts not negative, and whole numbers for counts (pods, services, ...); scopes known
 *   (VolumeAttributesClass is standard from 1.34: 1.35 is followed), valid for every standard
 *   resource in hard, and not both of BestEffort/NotBestEffort or Terminating/NotTerminating;
 *   a scopeSelector's scope names known, operators Exists for the five scopes that take no
 *   value, values present with In and NotIn and absent with Exists and DoesNotExist. (The
 *   selector's own "unsupported scope applied to resource" and "conflicting scopes" print the
 *   internal Go struct as the value, and are not judged.)
 *
 * Identical messages are given once, as the API server's aggregate does.
 */
import { asArray, asRecord, type JsonRecord } from "../rules/support/json.js";
import { qualifiedNameProblems } from "../../manifest/kubernetes-names.js";
import { canonicalQuantity, quantityNanos } from "../../manifest/quantity.js";
import { duplicateValue, invalidValue, type FieldPath as Path, type FieldProblem } from "./field-errors.js";

const LIMIT_TYPES = new Set(["Pod", "Container", "PersistentVolumeClaim"]);
const CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);
/** helper.standardResources. */
const STANDARD_RESOURCES = new Set([
  "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
  "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims", "storage", "requests.storage", "services.nodeports", "services.loadbalancers",
]);
/** helper.standardQuotaResources. */
const STANDARD_QUOTA_RESOURCES = new Set([
  "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.storage", "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
  "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "persistentvolumeclaims", "configmaps", "services.nodeports", "services.loadbalancers",
]);
const INTEGER_RESOURCES = new Set(["pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports", "services.loadbalancers"]);
const QUOTA_SCOPES = new Set(["Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity", "VolumeAttributesClass"]);
/** The scopes a scopeSelector may only test with Exists. */
const EXISTS_ONLY_SCOPES = new Set(["BestEffort", "NotBestEffort", "Terminating", "NotTerminating", "CrossNamespacePodAffinity"]);
const CONFLICTING_SCOPES: readonly (readonly [string, string])[] = [["BestEffort", "NotBestEffort"], ["Terminating", "NotTerminating"]];
const POD_COMPUTE = new Set(["cpu", "memory", "limits.cpu", "limits.memory", "requests.cpu", "requests.memory"]);

const isQuotaHugePages = (name: string) => name.startsWith("hugepages-") || name.startsWith("requests.hugepages-");
const isNative = (name: string) => !name.includes("/") || name.includes("kubernetes.io/");

/** helper.IsResourceQuotaScopeValidForResource. */
function scopeValidFor(scope: string, resource: string): boolean {
  switch (scope) {
    case "Terminating":
    case "NotTerminating":
    case "NotBestEffort":
    case "PriorityClass":
    case "CrossNamespacePodAffinity":
      return resource === "pods" || POD_COMPUTE.has(resource);
    case "BestEffort":
      return resource === "pods";
    case "VolumeAttributesClass":
      return resource === "persistentvolumeclaims" || resource === "requests.storage";
    default:
      return true;
  }
}

/** validateResourceName and its container and quota variants: a qualified name, and a standard one when unprefixed. */
function resourceNameProblems(name: string, path: Path, standard: "any" | "container" | "quota"): FieldProblem[] {
  const qualified = qualifiedNameProblems(name).map((detail) => ({ path, reason: invalidValue(name, detail), fix: "name a resource such as cpu, memory or example.com/device" }));
  const problems: FieldProblem[] = [...qualified];
  if (name.includes("/")) {
    if (standard === "container" && qualified.length === 0 && !isNative(name) && qualifiedNameProblems(`requests.${name}`).length > 0) {
      problems.push({ path, reason: invalidValue(name, "doesn't follow extended resource name standard"), fix: "name the extended resource domain/name, short enough to take a requests. prefix" });
    }
    return problems;
  }
  if (qualified.length === 0 && standard !== "quota" && !(STANDARD_RESOURCES.has(name) || isQuotaHugePages(name))) {
    return [{ path, reason: invalidValue(name, "must be a standard resource type or fully qualified"), fix: "name a standard resource (cpu, memory, ephemeral-storage, storage...) or a qualified domain/name" }];
  }
  if (standard === "container" && !(CONTAINER_RESOURCES.has(name) || name.startsWith("hugepages-"))) {
    problems.push({ path, reason: invalidValue(name, "must be a standard resource for containers"), fix: "limit cpu, memory, ephemeral-storage or hugepages-<size> for containers and pods" });
  }
  if (standard === "quota" && qualified.length === 0 && !(STANDARD_QUOTA_RESOURCES.has(name) || isQuotaHugePages(name))) {
    problems.push({ path, reason: invalidValue(name, "must be a standard resource for quota"), fix: "limit a standard quota resource (pods, requests.cpu, limits.memory, persistentvolumeclaims...), or count/<resource> and domain/name ones" });
  }
  if (standard === "quota" && qualified.length > 0) {
    problems.push({ path, reason: invalidValue(name, "must be a standard resource for quota"), fix: "limit a standard quota resource (pods, requests.cpu, limits.memory, persistentvolumeclaims...)" });
  }
  return problems;
}

/** Upstream's field.Path.Key: a resource list's entry is named `max[cpu]`, one step here. */
/** The quantities of a resource list by name, with their text, for those that parse (the schema step reports the rest). */
function quantities(list: unknown): Map<string, { readonly text: string; readonly nanos: bigint }> {
  const found = new Map<string, { readonly text: string; readonly nanos: bigint }>();
  for (const [name, value] of Object.entries(asRecord(list) ?? {})) {
    const text = typeof value === "number" ? String(value) : typeof value === "string" ? value : undefined;
    const nanos = text === undefined ? undefined : quantityNanos(text);
    const shown = text === undefined ? undefined : canonicalQuantity(text);
    if (nanos !== undefined && shown !== undefined) found.set(name, { text: shown, nanos });
  }
  return found;
}

const ceilDiv = (value: bigint, by: bigint) => (value >= 0n ? (value + by - 1n) / by : value / by);

export function limitRangeProblems(spec: Readonly<JsonRecord>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const types = new Set<string>();
  asArray(spec.limits).forEach((item, index) => {
    const limit = asRecord(item);
    if (limit === undefined) return;
    const at: Path = ["spec", "limits", index];
    const type = typeof limit.type === "string" ? limit.type : "";
    const typeProblems = qualifiedNameProblems(type).map((detail) => ({ path: [...at, "type"], reason: invalidValue(type, detail), fix: "set type to Container, Pod or PersistentVolumeClaim" }));
    if (typeProblems.length === 0 && !type.includes("/") && !LIMIT_TYPES.has(type)) typeProblems.push({ path: [...at, "type"], reason: invalidValue(type, "must be a standard limit type or fully qualified"), fix: "set type to Container, Pod or PersistentVolumeClaim" });
    problems.push(...typeProblems);
    if (types.has(type)) problems.push({ path: [...at, "type"], reason: duplicateValue(type), fix: `merge the ${type} items of the LimitRange into one` });
    types.add(type);

    const max = quantities(limit.max);
    const min = quantities(limit.min);
    const defaults = type === "Pod" ? new Map() : quantities(limit.default);
    const defaultRequests = type === "Pod" ? new Map() : quantities(limit.defaultRequest);
    const ratios = quantities(limit.maxLimitRequestRatio);
    if (type === "Container") {
      // SetDefaults_LimitRangeItem, before validation.
      for (const [name, quantity] of max) if (!defaults.has(name)) defaults.set(name, quantity);
      for (const [name, quantity] of defaults) if (!defaultRequests.has(name)) defaultRequests.set(name, quantity);
      for (const [name, quantity] of min) if (!defaultRequests.has(name)) defaultRequests.set(name, quantity);
    }
    const standard = type === "Pod" || type === "Container" ? "container" : "any";
    const names = new Set<string>();
    const listed: [string, ReadonlyMap<string, unknown>][] = [["max", max], ["min", min], ...(type === "Pod" ? [] : ([["default", defaults], ["defaultRequest", defaultRequests]] as [string, ReadonlyMap<string, unknown>][])), ["maxLimitRequestRatio", ratios]];
    for (const [field, list] of listed) {
      for (const name of [...list.keys()].sort()) {
        problems.push(...resourceNameProblems(name, [...at, `${field}[${name}]`], standard));
        names.add(name);
      }
    }
    if (type === "Pod") {
      for (const field of ["default", "defaultRequest"] as const) {
        if (Object.keys(asRecord(limit[field]) ?? {}).length > 0) problems.push({ path: [...at, field], reason: "Forbidden: may not be specified when `type` is 'Pod'", fix: `remove ${field}: a pod's limits are its containers' (put defaults in a Container item)` });
      }
    }
    if (type === "PersistentVolumeClaim" && !min.has("storage") && !max.has("storage")) {
      problems.push({ path: [...at, "limits"], reason: "Required value: either minimum or maximum storage value is required, but neither was provided", fix: "give the PersistentVolumeClaim item a min or max storage, such as max: {storage: 100Gi}" });
    }
    for (const name of [...names].sort()) {
      const key = (field: string): Path => [...at, `${field}[${name}]`];
      const low = min.get(name);
      const high = max.get(name);
      const limitDefault = defaults.get(name);
      const request = defaultRequests.get(name);
      const ratio = ratios.get(name);
      const fix = `keep ${name} in order: min ≤ defaultRequest ≤ default ≤ max (an unset default is max, an unset defaultRequest is default, else min)`;
      if (low && high && low.nanos > high.nanos) problems.push({ path: key("min"), reason: `Invalid value: "${low.text}": min value ${low.text} is greater than max value ${high.text}`, fix });
      if (request && low && low.nanos > request.nanos) problems.push({ path: key("defaultRequest"), reason: `Invalid value: "${request.text}": min value ${low.text} is greater than default request value ${request.text}`, fix });
      if (request && high && request.nanos > high.nanos) problems.push({ path: key("defaultRequest"), reason: `Invalid value: "${request.text}": default request value ${request.text} is greater than max value ${high.text}`, fix });
      if (request && limitDefault && request.nanos > limitDefault.nanos) problems.push({ path: key("defaultRequest"), reason: `Invalid value: "${request.text}": default request value ${request.text} is greater than default limit value ${limitDefault.text}`, fix });
      if (limitDefault && low && low.nanos > limitDefault.nanos) problems.push({ path: key("default"), reason: `Invalid value: "${low.text}": min value ${low.text} is greater than default value ${limitDefault.text}`, fix });
      if (limitDefault && high && limitDefault.nanos > high.nanos) problems.push({ path: key("default"), reason: `Invalid value: "${high.text}": default value ${limitDefault.text} is greater than max value ${high.text}`, fix });
      if (ratio && ratio.nanos < 10n ** 9n) problems.push({ path: key("maxLimitRequestRatio"), reason: `Invalid value: "${ratio.text}": ratio ${ratio.text} is less than 1`, fix: `set maxLimitRequestRatio of ${name} to 1 or more (a limit at most that many times the request)` });
      if (ratio && low && high) {
        const milli = (nanos: bigint) => ceilDiv(nanos, 10n ** 6n);
        const bound = Number(milli(high.nanos)) / Number(milli(low.nanos));
        if (Number(milli(ratio.nanos)) / 1000 > bound) problems.push({ path: key("maxLimitRequestRatio"), reason: `Invalid value: "${ratio.text}": ratio ${ratio.text} is greater than max/min = ${bound.toFixed(6)}`, fix: `lower maxLimitRequestRatio of ${name} to at most max/min (${bound}), or widen min and max` });
      }
      if ((!isNative(name) || name.startsWith("hugepages-")) && limitDefault && request && limitDefault.nanos !== request.nanos) {
        problems.push({ path: key("defaultRequest"), reason: `Invalid value: "${request.text}": default value ${limitDefault.text} must equal to defaultRequest value ${request.text} in ${name}`, fix: `${name} cannot be overcommitted: give it the same default and defaultRequest` });
      }
    }
  });
  return unique(problems);
}

export function resourceQuotaProblems(spec: Readonly<JsonRecord>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const hard = quantities(spec.hard);
  for (const name of Object.keys(asRecord(spec.hard) ?? {}).sort()) {
    const at: Path = ["spec", `hard[${name}]`];
    problems.push(...resourceNameProblems(name, at, "quota"));
    const quantity = hard.get(name);
    if (quantity === undefined) continue;
    if (quantity.nanos < 0n) problems.push({ path: at, reason: `Invalid value: "${quantity.text}": must be greater than or equal to 0`, fix: `set the quota of ${name} to 0 or more` });
    const extended = !isNative(name) && !name.startsWith("requests.") && qualifiedNameProblems(`requests.${name}`).length === 0;
    if ((INTEGER_RESOURCES.has(name) || extended) && ceilDiv(quantity.nanos, 10n ** 6n) % 1000n !== 0n) problems.push({ path: at, reason: `Invalid value: "${quantity.text}": must be an integer`, fix: `count ${name} in whole numbers` });
  }
  const scopes = asArray(spec.scopes).filter((scope): scope is string => typeof scope === "string");
  if (scopes.length > 0) {
    const shown = JSON.stringify(scopes);
    for (const scope of scopes) {
      if (!QUOTA_SCOPES.has(scope)) problems.push({ path: ["spec", "scopes"], reason: `Invalid value: ${shown}: unsupported scope`, fix: `use the scopes ${[...QUOTA_SCOPES].join(", ")}` });
      for (const name of [...hard.keys()].sort()) {
        if ((STANDARD_QUOTA_RESOURCES.has(name) || isQuotaHugePages(name)) && !scopeValidFor(scope, name)) {
          problems.push({ path: ["spec", "scopes"], reason: `Invalid value: ${shown}: unsupported scope applied to resource`, fix: `scope ${scope} does not apply to ${name}: ${scope === "BestEffort" ? "a BestEffort quota limits pods only" : "move that resource to a quota without this scope"}` });
        }
      }
    }
    for (const [one, other] of CONFLICTING_SCOPES) {
      if (scopes.includes(one) && scopes.includes(other)) problems.push({ path: ["spec", "scopes"], reason: `Invalid value: ${shown}: conflicting scopes`, fix: `keep ${one} or ${other}, not both: together they match no pod` });
    }
  }
  const selector: Path = ["spec", "scopeSelector"];
  for (const item of asArray(asRecord(spec.scopeSelector)?.matchExpressions)) {
    const expression = asRecord(item);
    if (expression === undefined) continue;
    const { scopeName, operator } = expression;
    const values = asArray(expression.values);
    if (typeof scopeName === "string" && !QUOTA_SCOPES.has(scopeName)) problems.push({ path: [...selector, "matchExpressions.scopeName"], reason: invalidValue(scopeName, "unsupported scope"), fix: `use one of the scopes ${[...QUOTA_SCOPES].join(", ")}` });
    if (typeof scopeName === "string" && EXISTS_ONLY_SCOPES.has(scopeName) && operator !== "Exists") {
      problems.push({ path: [...selector, "matchExpressions.operator"], reason: invalidValue(operator ?? "", "must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity"), fix: `test scope ${scopeName} with operator: Exists (it takes no values)` });
    }
    if (operator === "In" || operator === "NotIn") {
      if (values.length === 0) problems.push({ path: [...selector, "matchExpressions.values"], reason: "Required value: must be at least one value when `operator` is 'In' or 'NotIn' for scope selector", fix: `list the values ${operator} compares with (such as PriorityClass names)` });
    } else if (operator === "Exists" || operator === "DoesNotExist") {
      if (values.length > 0) problems.push({ path: [...selector, "matchExpressions.values"], reason: invalidValue(values, `must be no value when \`operator\` is 'Exist' or 'DoesNotExist' for scope selector`), fix: `remove the values: ${operator} takes none` });
    } else if (typeof operator === "string") {
      problems.push({ path: [...selector, "matchExpressions.operator"], reason: invalidValue(operator, "not a valid selector operator"), fix: "use In, NotIn, Exists or DoesNotExist" });
    }
  }
  return unique(problems);
}

/** ToAggregate drops repeated messages. */
function unique(problems: readonly FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${JSON.stringify(problem.path)} ${problem.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
