/**
 * What the API server refuses in the two cluster-wide classes platform repositories define,
 * with upstream's messages:
 *
 * - StorageClass (ValidateStorageClass, k8s.io/kubernetes pkg/apis/storage/validation): a
 *   provisioner, which lower-cased is a qualified name (`ebs.csi.aws.com`); at most 512
 *   parameters of at most 256 KiB together, none with an empty key; reclaimPolicy Delete or
 *   Retain (Recycle is a PersistentVolume's only); volumeBindingMode Immediate or
 *   WaitForFirstConsumer; allowedTopologies whose expressions have a label-name key, given
 *   once per term, with values, and terms that differ (an empty term is refused as a
 *   duplicate, as upstream compares it with the empty entries it starts from);
 * - PriorityClass (ValidatePriorityClass, pkg/apis/scheduling/validation): a name starting
 *   with `system-` only for the two system classes, with their value and globalDefault;
 *   any other class's value at most 1000000000; preemptionPolicy PreemptLowerPriority or Never.
 *
 * Fields of the wrong type are skipped (the schema step reports them).
 */
import { asArray, asRecord, type JsonRecord } from "../rules/support/json.js";
import { qualifiedNameProblems } from "../../manifest/kubernetes-names.js";
import { duplicateValue, invalidValue, unsupportedValue, type FieldPath as Path, type FieldProblem } from "./field-errors.js";

const RECLAIM_POLICIES = ["Delete", "Retain"];
const BINDING_MODES = ["Immediate", "WaitForFirstConsumer"];
const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_BYTES = 256 * 1024;

export function storageClassProblems(document: Readonly<JsonRecord>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const provisioner = document.provisioner;
  if (provisioner === "" || provisioner === undefined || provisioner === null) {
    problems.push({ path: ["provisioner"], reason: "Required value", fix: "name the volume plugin or CSI driver that creates the volumes, such as ebs.csi.aws.com" });
  } else if (typeof provisioner === "string") {
    const lower = provisioner.toLowerCase();
    for (const detail of qualifiedNameProblems(lower)) problems.push({ path: ["provisioner"], reason: invalidValue(lower, detail), fix: "name the provisioner as its CSI driver registers (such as ebs.csi.aws.com): letters, digits, '-', '_' and '.', with an optional 'domain/' prefix" });
  }
  const parameters = asRecord(document.parameters);
  if (parameters !== undefined) {
    const entries = Object.entries(parameters);
    if (entries.length > MAX_PARAMETERS) {
      problems.push({ path: ["parameters"], reason: `Too long: may not be more than ${MAX_PARAMETERS} bytes`, fix: `keep at most ${MAX_PARAMETERS} parameters (there are ${entries.length})` });
    } else {
      let bytes = 0;
      for (const [key, value] of entries) {
        if (key === "") problems.push({ path: ["parameters"], reason: 'Invalid value: "": field can not be empty.', fix: "give every parameter a name, or remove the one without" });
        bytes += Buffer.byteLength(key) + (typeof value === "string" ? Buffer.byteLength(value) : 0);
      }
      if (bytes > MAX_PARAMETERS_BYTES) problems.push({ path: ["parameters"], reason: `Too long: may not be more than ${MAX_PARAMETERS_BYTES} bytes`, fix: `shorten the parameters (${bytes} bytes of names and values together)` });
    }
  }
  if (typeof document.reclaimPolicy === "string" && !RECLAIM_POLICIES.includes(document.reclaimPolicy)) {
    problems.push({ path: ["reclaimPolicy"], reason: unsupportedValue(document.reclaimPolicy, RECLAIM_POLICIES), fix: "set reclaimPolicy to Delete (the default) or Retain: a dynamically provisioned volume cannot be recycled" });
  }
  if (typeof document.volumeBindingMode === "string" && !BINDING_MODES.includes(document.volumeBindingMode)) {
    problems.push({ path: ["volumeBindingMode"], reason: unsupportedValue(document.volumeBindingMode, BINDING_MODES), fix: "set volumeBindingMode to Immediate (the default) or WaitForFirstConsumer" });
  }
  allowedTopologyProblems(document.allowedTopologies, problems);
  return problems;
}

/** validateAllowedTopologies and ValidateTopologySelectorTerm. */
function allowedTopologyProblems(value: unknown, problems: FieldProblem[]): void {
  const seen: string[] = [];
  asArray(value).forEach((item, index) => {
    const term = asRecord(item);
    if (term === undefined) return;
    const expressionsPath: Path = ["allowedTopologies", index, "matchLabelExpressions"];
    const byKey = new Map<string, string[]>();
    asArray(term.matchLabelExpressions).forEach((entry, expressionIndex) => {
      const expression = asRecord(entry);
      if (expression === undefined) return;
      const at: Path = [...expressionsPath, expressionIndex];
      const values = asArray(expression.values).filter((v): v is string => typeof v === "string");
      if (values.length === 0) problems.push({ path: [...at, "values"], reason: "Required value", fix: "list the label values (such as zones) the volumes may be created in" });
      values.forEach((v, valueIndex) => {
        if (values.indexOf(v) !== valueIndex) problems.push({ path: [...at, "values", valueIndex], reason: duplicateValue(v), fix: `list "${v}" once` });
      });
      const key = typeof expression.key === "string" ? expression.key : "";
      if (typeof expression.key === "string") {
        for (const detail of qualifiedNameProblems(key)) problems.push({ path: [...at, "key"], reason: invalidValue(key, detail), fix: "use a node label key, such as topology.kubernetes.io/zone" });
      }
      if (byKey.has(key)) problems.push({ path: [...at, "key"], reason: duplicateValue(key), fix: `give key "${key}" once in the term and list all its values there` });
      byKey.set(key, [...new Set(values)].sort());
    });
    const shape = JSON.stringify([...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    // Upstream compares each term with earlier ones and with as many empty entries as there are terms.
    if (byKey.size === 0 || seen.includes(shape)) problems.push({ path: expressionsPath, reason: 'Duplicate value: ""', fix: byKey.size === 0 ? "give the term at least one matchLabelExpression, or remove it" : "remove the repeated term" });
    seen.push(shape);
  });
}

/** SystemPriorityClasses: the only classes whose names may start with `system-`. */
const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = { "system-node-critical": 2000001000, "system-cluster-critical": 2000000000 };
const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
const PREEMPTION_POLICIES = ["PreemptLowerPriority", "Never"];

export function priorityClassProblems(document: Readonly<JsonRecord>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = asRecord(document.metadata)?.name;
  const value = typeof document.value === "number" ? document.value : 0;
  const globalDefault = document.globalDefault === true;
  if (typeof name === "string" && name.startsWith("system-")) {
    const systemValue = SYSTEM_PRIORITY_CLASSES[name];
    const error =
      systemValue === undefined ? `${name} is not a known system priority class`
      : systemValue !== value ? `value of ${name} PriorityClass must be ${systemValue}`
      : globalDefault ? `globalDefault of ${name} PriorityClass must be false`
      : undefined;
    if (error !== undefined) problems.push({ path: ["metadata", "name"], reason: `Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: ${error}`, fix: "rename the PriorityClass without the system- prefix (the API server creates system-node-critical and system-cluster-critical itself)" });
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    problems.push({ path: ["value"], reason: `Forbidden: maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`, fix: `set value to at most ${HIGHEST_USER_DEFINABLE_PRIORITY}; higher values are the system classes', which pods use by priorityClassName` });
  }
  if (typeof document.preemptionPolicy === "string" && !PREEMPTION_POLICIES.includes(document.preemptionPolicy)) {
    problems.push({ path: ["preemptionPolicy"], reason: unsupportedValue(document.preemptionPolicy, PREEMPTION_POLICIES), fix: "set preemptionPolicy to PreemptLowerPriority (the default) or Never" });
  }
  return problems;
}
