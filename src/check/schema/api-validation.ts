/**
 * The API server's built-in validation beyond the OpenAPI schema (k8s.io/kubernetes
 * `pkg/apis/<group>/validation`): what `kubectl apply` is refused for although every field has
 * the right type. The schema says a name is a string; only this says `Bad_Name` is no
 * DNS subdomain, that a Deployment's selector must match its template's labels, that two
 * containers may not share a name, or that `imagePullPolicy: Sometimes` is no policy.
 *
 * Covered, with upstream's messages (`<field>: <reason>: <detail>`):
 * - metadata (every object): name required (or generateName), name grammar per kind,
 *   namespace a DNS label, label keys and values, annotation keys and total size;
 * - label selectors of controllers: well formed, not empty, matching the template's labels;
 * - pod specs (Pods and the templates of the core controllers, not Argo Rollouts, which
 *   its controller validates): containers present, container and volume names unique and
 *   DNS labels, port names, numbers and protocols, image pull, restart and DNS policies,
 *   volume mounts naming a volume (or a StatefulSet's claim template), an image; one
 *   handler per probe, and hostPort = containerPort with hostNetwork
 *   (probe-and-host-port-validation.ts); names of other objects, enumerations, user and
 *   group IDs, seccomp and AppArmor profiles, sysctls (pod-spec-field-validation.ts);
 *   affinity and topology spread constraints (scheduling-validation.ts);
 *   one source per volume, also in a Rollout's
 *   template, and per PersistentVolume (volume-source-validation.ts);
 * - NetworkPolicies: ports, endPort ranges, peers and ipBlocks (network-policy-validation.ts);
 * - Services: type, ports (required, named when several, unique, in range), targetPort,
 *   nodePort only where it means something, externalName; the fields only some types take
 *   and the headless form only ClusterIP takes (service-type-validation.ts);
 * - ConfigMap and Secret data keys (file names once mounted), not both in data and binaryData;
 *   the keys a typed Secret must hold (secret-validation.ts);
 * - replicas, claim storage, env and envFrom (names, sources, references), Ingress hosts and a
 *   CronJob's concurrencyPolicy (spec-field-validation.ts);
 * - Ingress paths: a known pathType, absolute paths without `//`, `/./` or `/../`; rules or a
 *   default backend, backends, TLS hosts and secrets, the class (ingress-validation.ts);
 * - PodDisruptionBudgets: the cross-field rules;
 * - HorizontalPodAutoscalers: replicas, metrics whose targets fit their type, and the
 *   scaling behavior's windows, policies and selectPolicy (autoscaler-validation.ts);
 * - StorageClasses and PriorityClasses (class-validation.ts);
 * - LimitRanges and ResourceQuotas (quota-validation.ts);
 * - the update strategies of Deployments, DaemonSets and StatefulSets, and a CronJob's
 *   schedule (controller-spec-validation.ts);
 * - RBAC: role references, binding subjects (a ServiceAccount's namespace in a
 *   ClusterRoleBinding), the rules of Roles and ClusterRoles (rbac-validation.ts).
 *
 * Immutable fields need the object already in the cluster; a manifest has none, so they are
 * not judged. Pure: fields of the wrong type are skipped (the schema step reports them).
 */
import { describeObject, type Finding, type SourceObject } from "../finding.js";
import { fieldLine } from "../load/locate-field.js";
import { podTemplateOf } from "../pod-security/pod-templates.js";
import { hostNetworkPortProblems, lifecycleProblems, probeProblems } from "./probe-and-host-port-validation.js";
import { podSpecFieldProblems } from "./pod-spec-field-validation.js";
import { rbacProblems } from "./rbac-validation.js";
import { secretProblems } from "./secret-validation.js";
import { claimSpecProblems, envProblems, specFieldProblems, tolerationProblems } from "./spec-field-validation.js";
import { serviceTypeProblems } from "./service-type-validation.js";
import { networkPolicyProblems } from "./network-policy-validation.js";
import { autoscalerProblems } from "./autoscaler-validation.js";
import { priorityClassProblems, storageClassProblems } from "./class-validation.js";
import { limitRangeProblems, resourceQuotaProblems } from "./quota-validation.js";
import { schedulingProblems } from "./scheduling-validation.js";
import { ingressSpecProblems } from "./ingress-validation.js";
import { persistentVolumeSourceProblems, podVolumeSourceProblems } from "./volume-source-validation.js";
import { controllerSpecProblems, intOrPercentProblems, notMoreThan100Percent } from "./controller-spec-validation.js";
import { asArray, asRecord, asString, isSet, type JsonRecord } from "../rules/support/json.js";
import { duplicateValue, invalidValue, showFieldPath as show, unsupportedValue, type FieldMessage, type FieldPath as Path, type FieldProblem } from "./field-errors.js";
import {
  ANNOTATIONS_MAX_BYTES,
  configKeyProblems,
  dns1035LabelProblems,
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  labelValueProblems,
  pathSegmentNameProblems,
  portNameProblems,
  qualifiedNameProblems,
} from "../../manifest/kubernetes-names.js";

export const API_VALIDATION_RULE_ID = "api-validation";


/** Groups whose kinds are built into the API server: their names follow the table below, not the custom-resource rule. */
const BUILT_IN_GROUPS = new Set([
  "",
  "apps",
  "batch",
  "policy",
  "autoscaling",
  "networking.k8s.io",
  "storage.k8s.io",
  "scheduling.k8s.io",
  "admissionregistration.k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "node.k8s.io",
  "rbac.authorization.k8s.io",
  "apiextensions.k8s.io",
]);

/** Kinds whose name upstream validates with its own function; everything else of the groups above, and custom resources, are DNS subdomains. */
function nameProblems(group: string, kind: string, name: string): string[] {
  if (group === "rbac.authorization.k8s.io") return pathSegmentNameProblems(name);
  if (group === "" && kind === "Namespace") return dns1123LabelProblems(name);
  if (group === "" && kind === "Service") return dns1035LabelProblems(name);
  const problems = dns1123SubdomainProblems(name);
  // The Job a CronJob creates is named after it plus an 11-character suffix, and must stay a label value.
  if (group === "batch" && kind === "CronJob" && name.length > 52) problems.unshift("must be no more than 52 characters");
  return problems;
}

/** Kinds whose metadata this step does not judge: upstream names them with rules of their own (or none). */
function namesUnchecked(group: string, kind: string): boolean {
  return (group === "" && (kind === "Event" || kind === "ComponentStatus" || kind === "List")) || (BUILT_IN_GROUPS.has(group) === false && !group.includes("."));
}

/** An object the API server would refuse, with why. */
export interface RefusedObject {
  readonly object: SourceObject;
  readonly problems: readonly FieldMessage[];
}

/**
 * The objects the API server would refuse, in object order. `isCustomKind(apiVersion/kind)`
 * says whether a CRD serves a kind outside the built-in groups; an object of a kind nothing
 * serves is the `unknown-kind` finding only (often a tool's configuration file, which no API
 * server ever sees).
 */
export function refusedObjects(objects: readonly SourceObject[], isCustomKind: (key: string) => boolean): RefusedObject[] {
  const refused: RefusedObject[] = [];
  for (const object of objects) {
    if (!BUILT_IN_GROUPS.has(groupOf(object.apiVersion)) && !isCustomKind(`${object.apiVersion}/${object.kind}`)) continue;
    let problems: FieldMessage[];
    try {
      problems = objectProblems(object);
    } catch (error) {
      // As with every rule: a bug here is a finding about this object, never the end of the check.
      problems = [{ path: [], message: `the API server's validation could not be evaluated on this object: ${(error as Error).message} (a bug in Slipway to report)`, fix: "report the object and this message to Slipway's maintainers; kubectl apply --dry-run=server gives the API server's verdict meanwhile" }];
    }
    if (problems.length > 0) refused.push({ object, problems });
  }
  return refused;
}

/**
 * Whether the API server's validation of an object of this apiVersion is known without the
 * CRDs: a built-in group's object is judged whatever they define. Parse workers judge such
 * objects as soon as they are parsed, and the others once the CRDs are known.
 */
export function judgedWithoutCustomResources(apiVersion: string): boolean {
  return BUILT_IN_GROUPS.has(groupOf(apiVersion));
}

/** Findings at the line of each field at fault (where the object's text is known), else the object's. */
export function apiValidationFindings(refused: readonly RefusedObject[]): Finding[] {
  return refused.flatMap(({ object, problems }) =>
    problems.map((problem) => ({
      ruleId: API_VALIDATION_RULE_ID,
      severity: "error" as const,
      file: object.file,
      line: fieldLine(object.document, problem.at ?? problem.path) ?? object.line,
      object: describeObject(object),
      message: problem.message,
      fix: problem.fix,
    })),
  );
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}

export function objectProblems(object: Pick<SourceObject, "apiVersion" | "kind" | "document">): FieldMessage[] {
  const group = groupOf(object.apiVersion);
  if (namesUnchecked(group, object.kind)) return [];
  const problems: FieldMessage[] = [];
  metadataProblems(object.document, group, object.kind, problems);
  if (group === "apiextensions.k8s.io" && object.kind === "CustomResourceDefinition") crdNameProblems(object.document, problems);
  if (group === "argoproj.io" && object.kind === "Rollout") {
    // Argo Rollouts' controller validates the template as a ReplicaSet's (ValidateRolloutSpec): only the volume sources are judged here.
    const template = podTemplateOf(object);
    if (template !== undefined) addReasons(problems, podVolumeSourceProblems(template.spec, template.specPath.split(".")));
  }
  if (BUILT_IN_GROUPS.has(group)) {
    controllerSelectorProblems(object, group, problems);
    const template = object.kind === "Rollout" ? undefined : podTemplateOf(object);
    if (template !== undefined && !template.isPod) {
      // ValidatePodTemplateSpec words these at spec.template.labels and .annotations, without "metadata".
      const metadata = asRecord(template.metadata);
      labelProblems(metadata?.labels, [...template.templatePath, "labels"], problems, [...template.templatePath, "metadata", "labels"]);
      annotationProblems(metadata?.annotations, [...template.templatePath, "annotations"], problems);
    }
    if (template !== undefined) podSpecProblems(template.spec, template.specPath.split("."), object.kind, group, claimTemplateNames(object, group), problems);
    if (group === "" && object.kind === "Service") serviceProblems(asRecord(object.document.spec), asRecord(asRecord(object.document.metadata)?.annotations) ?? {}, problems);
    if (group === "networking.k8s.io" && object.kind === "NetworkPolicy") addReasons(problems, networkPolicyProblems(asRecord(object.document.spec) ?? {}));
    if (group === "" && object.kind === "PersistentVolume") {
      const spec = asRecord(object.document.spec);
      if (spec !== undefined) addReasons(problems, persistentVolumeSourceProblems(spec));
    }
    if (group === "policy" && object.kind === "PodDisruptionBudget") disruptionBudgetProblems(asRecord(object.document.spec), problems);
    if (group === "autoscaling" && object.kind === "HorizontalPodAutoscaler") addReasons(problems, autoscalerProblems(object.apiVersion, asRecord(object.document.spec) ?? {}));
    if (group === "storage.k8s.io" && object.kind === "StorageClass") addReasons(problems, storageClassProblems(object.document));
    if (group === "scheduling.k8s.io" && object.kind === "PriorityClass") addReasons(problems, priorityClassProblems(object.document));
    if (group === "" && object.kind === "LimitRange") addReasons(problems, limitRangeProblems(asRecord(object.document.spec) ?? {}));
    if (group === "" && object.kind === "ResourceQuota") addReasons(problems, resourceQuotaProblems(asRecord(object.document.spec) ?? {}));
    if (group === "" && (object.kind === "ConfigMap" || object.kind === "Secret")) dataKeyProblems(object.document, object.kind, problems);
    if (group === "" && object.kind === "Secret") problems.push(...secretProblems(object.document));
    problems.push(...specFieldProblems(group, object.kind, object.document));
    addReasons(problems, controllerSpecProblems(group, object.kind, asRecord(object.document.spec)));
    if (group === "networking.k8s.io" && object.kind === "Ingress") {
      ingressProblems(asRecord(object.document.spec), object.apiVersion === "networking.k8s.io/v1", problems);
      // Backends, TLS and the class of networking.k8s.io/v1 (v1beta1, removed in 1.22, wrote backends otherwise).
      if (object.apiVersion === "networking.k8s.io/v1") addReasons(problems, ingressSpecProblems(asRecord(object.document.spec) ?? {}));
    }
    if (group === "rbac.authorization.k8s.io") {
      addReasons(problems, rbacProblems(object.kind, object.document));
    }
  }
  return problems;
}

/** Problems of the helper modules, which give `<reason>: <detail>` without the field: prefixed with it here. */
function addReasons(problems: FieldMessage[], found: readonly FieldProblem[]): void {
  for (const problem of found) problems.push({ path: problem.path, message: `${show(problem.path)}: ${problem.reason}`, fix: problem.fix, ...(problem.at ? { at: problem.at } : {}) });
}

function invalid(problems: FieldMessage[], path: Path, value: unknown, detail: string, fix: string): void {
  problems.push({ path, message: `${show(path)}: ${invalidValue(value, detail)}`, fix });
}

function required(problems: FieldMessage[], path: Path, detail: string, fix: string): void {
  problems.push({ path, message: `${show(path)}: Required value${detail ? `: ${detail}` : ""}`, fix });
}

function unsupported(problems: FieldMessage[], path: Path, value: unknown, supported: readonly string[], fix?: string): void {
  problems.push({
    path,
    message: `${show(path)}: ${unsupportedValue(value, supported)}`,
    fix: fix ?? `set ${show(path)} to one of ${supported.join(", ")}`,
  });
}

function duplicate(problems: FieldMessage[], path: Path, value: unknown, fix: string): void {
  problems.push({ path, message: `${show(path)}: ${duplicateValue(value)}`, fix });
}

function enumProblem(problems: FieldMessage[], path: Path, value: unknown, supported: readonly string[]): void {
  if (typeof value === "string" && !supported.includes(value)) unsupported(problems, path, value, supported);
}

// ---------------------------------------------------------------------------- metadata

function metadataProblems(document: JsonRecord, group: string, kind: string, problems: FieldMessage[]): void {
  const metadata = asRecord(document.metadata);
  const name = metadata?.name;
  if (typeof name === "string" && name !== "") {
    for (const detail of nameProblems(group, kind, name)) invalid(problems, ["metadata", "name"], name, detail, `rename the ${kind}: ${detail.split(" (e.g.")[0]}`);
  } else if (name === undefined || name === "" || name === null) {
    const generateName = metadata?.generateName;
    if (typeof generateName !== "string" || generateName === "") required(problems, ["metadata", "name"], "name or generateName is required", "give the object a metadata.name");
  }
  const namespace = metadata?.namespace;
  if (typeof namespace === "string" && namespace !== "") {
    for (const detail of dns1123LabelProblems(namespace)) invalid(problems, ["metadata", "namespace"], namespace, detail, "name an existing namespace: a lowercase RFC 1123 label");
  }
  labelProblems(metadata?.labels, ["metadata", "labels"], problems);
  annotationProblems(metadata?.annotations, ["metadata", "annotations"], problems);
}

/** ValidateAnnotations: keys (lower-cased first: an upper-case prefix passes) and the total size. */
function annotationProblems(value: unknown, path: Path, problems: FieldMessage[]): void {
  const annotations = asRecord(value);
  if (annotations === undefined) return;
  let bytes = 0;
  for (const [key, annotation] of Object.entries(annotations)) {
    for (const detail of qualifiedNameProblems(key.toLowerCase())) invalid(problems, path, key, detail, `rename the annotation key "${key}"`);
    bytes += Buffer.byteLength(key) + (typeof annotation === "string" ? Buffer.byteLength(annotation) : 0);
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    problems.push({
      path,
      message: `${show(path)}: Too long: may not be more than ${ANNOTATIONS_MAX_BYTES} bytes (the annotations have ${bytes})`,
      fix: "move the large annotation values into a ConfigMap (a kubectl.kubernetes.io/last-applied-configuration annotation of a large object is a common cause: apply it with --server-side)",
    });
  }
}

/** ValidateLabels. `written`: where the map is in the manifest, when the message names it otherwise. */
function labelProblems(value: unknown, path: Path, problems: FieldMessage[], written: Path = path): void {
  const labels = asRecord(value);
  if (labels === undefined) return;
  for (const [key, label] of Object.entries(labels)) {
    for (const detail of qualifiedNameProblems(key)) {
      problems.push({ path, at: [...written, key], message: `${show(path)}: ${invalidValue(key, detail)}`, fix: `rename the label key "${key}": an optional DNS-subdomain prefix and '/', then at most 63 alphanumerics, '-', '_' or '.'` });
    }
    if (typeof label === "string") {
      // ValidateLabels words a bad value at the map itself; the finding's line is the key's.
      for (const detail of labelValueProblems(label)) {
        problems.push({ path, at: [...written, key], message: `${show(path)}: ${invalidValue(label, detail)}`, fix: `change the value of label "${key}": at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric (or empty)` });
      }
    }
  }
}

function crdNameProblems(document: JsonRecord, problems: FieldMessage[]): void {
  const spec = asRecord(document.spec);
  const plural = asString(asRecord(spec?.names)?.plural);
  const group = asString(spec?.group);
  const name = asString(asRecord(document.metadata)?.name);
  if (plural === undefined || group === undefined || name === undefined) return;
  if (name !== `${plural}.${group}`) invalid(problems, ["metadata", "name"], name, `must be spec.names.plural+"."+spec.group`, `name the CRD ${plural}.${group}`);
}

// ---------------------------------------------------------------------------- selectors

/** Controllers whose selector must select their own template (batch Jobs generate theirs unless manualSelector). */
const SELECTOR_KINDS: Readonly<Record<string, readonly string[]>> = {
  apps: ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"],
  batch: ["Job"],
  "": ["ReplicationController"],
};

function controllerSelectorProblems(object: Pick<SourceObject, "kind" | "document">, group: string, problems: FieldMessage[]): void {
  if (!(SELECTOR_KINDS[group] ?? []).includes(object.kind)) return;
  const spec = asRecord(object.document.spec);
  if (spec === undefined) return;
  const templateLabels = asRecord(asRecord(asRecord(spec.template)?.metadata)?.labels) ?? {};
  if (object.kind === "ReplicationController") {
    // A missing selector defaults to the template's labels.
    const selector = asRecord(spec.selector);
    if (selector === undefined) return;
    labelProblems(selector, ["spec", "selector"], problems);
    if (Object.keys(selector).length > 0 && !Object.entries(selector).every(([key, value]) => templateLabels[key] === value)) selectorMismatch(templateLabels, problems);
    return;
  }
  if (object.kind === "Job" && spec.manualSelector !== true) return;
  if (spec.selector === undefined || spec.selector === null) return; // required: the schema says so
  const selector = asRecord(spec.selector);
  if (selector === undefined) return;
  const matchLabels = asRecord(selector.matchLabels);
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  if (matchLabels !== undefined) labelProblems(matchLabels, ["spec", "selector", "matchLabels"], problems);
  let understood = true;
  expressions.forEach((item, index) => {
    const expression = asRecord(item);
    const path = ["spec", "selector", "matchExpressions", index];
    if (expression === undefined) return void (understood = false);
    const operator = expression.operator;
    const values = asArray(expression.values);
    if (typeof expression.key === "string") for (const detail of qualifiedNameProblems(expression.key)) invalid(problems, [...path, "key"], expression.key, detail, "use a valid label key");
    if (operator === "In" || operator === "NotIn") {
      if (values.length === 0) required(problems, [...path, "values"], "must be specified when `operator` is 'In' or 'NotIn'", "list the label values the expression matches");
    } else if (operator === "Exists" || operator === "DoesNotExist") {
      if (values.length > 0) problems.push({ path: [...path, "values"], message: `${show([...path, "values"])}: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`, fix: "remove values from the expression" });
    } else if (typeof operator === "string") {
      unsupported(problems, [...path, "operator"], operator, ["In", "NotIn", "Exists", "DoesNotExist"]);
      understood = false;
    } else {
      understood = false;
    }
  });
  if (Object.keys(matchLabels ?? {}).length === 0 && expressions.length === 0) {
    invalid(problems, ["spec", "selector"], selector, `empty selector is invalid for ${object.kind.toLowerCase()}`, "select the pods by the labels of spec.template.metadata.labels");
    return;
  }
  if (!understood) return;
  const labels = Object.fromEntries(Object.entries(templateLabels).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const matches =
    Object.entries(matchLabels ?? {}).every(([key, value]) => labels[key] === value) &&
    expressions.every((item) => {
      const expression = asRecord(item) as JsonRecord;
      const key = String(expression.key);
      const values = asArray(expression.values);
      const has = Object.prototype.hasOwnProperty.call(labels, key);
      switch (expression.operator) {
        case "In":
          return has && values.includes(labels[key]);
        case "NotIn":
          return !has || !values.includes(labels[key]);
        case "Exists":
          return has;
        default:
          return !has;
      }
    });
  if (!matches) selectorMismatch(templateLabels, problems);
}

function selectorMismatch(templateLabels: JsonRecord, problems: FieldMessage[]): void {
  invalid(problems, ["spec", "template", "metadata", "labels"], templateLabels, "`selector` does not match template `labels`", "give spec.template.metadata.labels every label spec.selector requires (the selector cannot change once the object exists)");
}

// ---------------------------------------------------------------------------- pods

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
/** Controllers that keep their pods running: their template must restart always. */
const ALWAYS_RESTARTED = new Set(["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController"]);

/** A StatefulSet's volumeClaimTemplates are volumes of its pods, mounted by name like the pod's own. */
function claimTemplateNames(object: Pick<SourceObject, "kind" | "document">, group: string): readonly string[] {
  if (group !== "apps" || object.kind !== "StatefulSet") return [];
  return asArray(asRecord(object.document.spec)?.volumeClaimTemplates).flatMap((claim) => asString(asRecord(asRecord(claim)?.metadata)?.name) ?? []);
}

function podSpecProblems(spec: Readonly<JsonRecord>, specPath: Path, kind: string, group: string, claimNames: readonly string[], problems: FieldMessage[]): void {
  const at = (...steps: (string | number)[]): Path => [...specPath, ...steps];
  if (Array.isArray(spec.containers) && spec.containers.length === 0) required(problems, at("containers"), "", "add at least one container");

  // Mounts may name the pod's volumes and, in a StatefulSet, its claim templates; only the pod's own must be unique here.
  // A volume upstream refuses (its name or its source) is left out of the names mounts may use (ValidateVolumes), so its mounts are "Not found" too.
  const mountable = new Set<string>(claimNames);
  const volumeNames = new Set<string>();
  const sourceProblems = podVolumeSourceProblems(spec, specPath);
  const refusedVolumes = new Set(sourceProblems.map((problem) => problem.path[specPath.length + 1]));
  addReasons(problems, sourceProblems);
  asArray(spec.volumes).forEach((item, index) => {
    const name = asRecord(item)?.name;
    if (typeof name !== "string") return;
    const nameProblems = dns1123LabelProblems(name);
    for (const detail of nameProblems) invalid(problems, at("volumes", index, "name"), name, detail, "name the volume with a lowercase RFC 1123 label");
    if (volumeNames.has(name)) duplicate(problems, at("volumes", index, "name"), name, `give every volume its own name ("${name}" is used twice)`);
    volumeNames.add(name);
    if (nameProblems.length === 0 && !refusedVolumes.has(index)) mountable.add(name);
  });
  asArray(spec.volumes).forEach((item, index) => {
    const claimSpec = asRecord(asRecord(asRecord(asRecord(item)?.ephemeral)?.volumeClaimTemplate)?.spec);
    if (claimSpec !== undefined) problems.push(...claimSpecProblems(claimSpec, at("volumes", index, "ephemeral", "volumeClaimTemplate", "spec")));
  });

  // Upstream validates the containers first, then the init and ephemeral ones against them: the later name is the duplicate.
  const containerNames = new Set<string>();
  for (const list of ["containers", "initContainers", "ephemeralContainers"] as const) {
    asArray(spec[list]).forEach((item, index) => {
      const container = asRecord(item);
      if (container === undefined) return;
      containerProblems(container, at(list, index), kind, spec.volumes === undefined || Array.isArray(spec.volumes) ? mountable : undefined, containerNames, problems);
      addReasons(problems, lifecycleProblems(container, at(list, index), spec));
    });
  }

  const restartPolicy = spec.restartPolicy;
  if (typeof restartPolicy === "string") {
    if (group !== "" || kind !== "Pod") {
      if (ALWAYS_RESTARTED.has(kind) && restartPolicy !== "Always") unsupported(problems, at("restartPolicy"), restartPolicy, ["Always"], `remove ${show(at("restartPolicy"))} (a ${kind} keeps its pods running: only Always is allowed)`);
      else if (group === "batch" && restartPolicy === "Always") unsupported(problems, at("restartPolicy"), restartPolicy, ["OnFailure", "Never"], `set ${show(at("restartPolicy"))} to OnFailure or Never (a Job's pods run to completion)`);
      else enumProblem(problems, at("restartPolicy"), restartPolicy, RESTART_POLICIES);
    } else {
      enumProblem(problems, at("restartPolicy"), restartPolicy, RESTART_POLICIES);
    }
  }
  enumProblem(problems, at("dnsPolicy"), spec.dnsPolicy, DNS_POLICIES);
  labelProblems(spec.nodeSelector, at("nodeSelector"), problems);
  problems.push(...tolerationProblems(spec, specPath));
  addReasons(problems, hostNetworkPortProblems(spec, specPath));
  addReasons(problems, podSpecFieldProblems(spec, specPath, group === "apps" && kind === "StatefulSet"));
  addReasons(problems, schedulingProblems(spec, specPath));
}

function containerProblems(
  container: JsonRecord,
  path: Path,
  kind: string,
  /** Undefined when the pod's volumes cannot be read (the schema step reports them). */
  volumeNames: ReadonlySet<string> | undefined,
  containerNames: Set<string>,
  problems: FieldMessage[],
): void {
  const name = container.name;
  if (typeof name === "string") {
    if (name === "") required(problems, [...path, "name"], "", "name the container");
    else for (const detail of dns1123LabelProblems(name)) invalid(problems, [...path, "name"], name, detail, "name the container with a lowercase RFC 1123 label");
    if (name !== "" && containerNames.has(name)) duplicate(problems, [...path, "name"], name, `give every container (init and ephemeral ones included) its own name ("${name}" is used twice)`);
    containerNames.add(name);
  }
  // Every container needs an image (upstream's validateContainerCommon); only a Pod's may not be padded with spaces
  // (validateContainerOnlyForPod: " " is a placeholder some tools put in templates).
  const image = container.image;
  if (image === undefined || image === null || image === "") required(problems, [...path, "image"], "", "set the container's image");
  else if (kind === "Pod" && typeof image === "string" && image.trim() !== image) invalid(problems, [...path, "image"], image, "must not have leading or trailing whitespace", "remove the spaces around the image");
  enumProblem(problems, [...path, "imagePullPolicy"], container.imagePullPolicy, PULL_POLICIES);
  problems.push(...envProblems(container, path));

  const portNames = new Set<string>();
  asArray(container.ports).forEach((item, index) => {
    const port = asRecord(item);
    if (port === undefined) return;
    const portPath = [...path, "ports", index];
    if (typeof port.name === "string" && port.name !== "") {
      for (const detail of portNameProblems(port.name)) invalid(problems, [...portPath, "name"], port.name, detail, "name the port with at most 15 lowercase letters, digits and '-', at least one letter");
      if (portNames.has(port.name)) duplicate(problems, [...portPath, "name"], port.name, `give every port of the container its own name ("${port.name}" is used twice)`);
      portNames.add(port.name);
    }
    portNumberProblem(problems, [...portPath, "containerPort"], port.containerPort, false);
    portNumberProblem(problems, [...portPath, "hostPort"], port.hostPort, true);
    enumProblem(problems, [...portPath, "protocol"], port.protocol, PROTOCOLS);
  });

  addReasons(problems, probeProblems(container, path));

  const mountPaths = new Set<string>();
  asArray(container.volumeMounts).forEach((item, index) => {
    const mount = asRecord(item);
    if (mount === undefined) return;
    const mountPath = [...path, "volumeMounts", index];
    if (typeof mount.name === "string" && volumeNames !== undefined && !volumeNames.has(mount.name)) {
      problems.push({ path: [...mountPath, "name"], message: `${show([...mountPath, "name"])}: Not found: ${JSON.stringify(mount.name)}`, fix: `add a volume named "${mount.name}" to the pod's volumes, or mount one that exists` });
    }
    if (typeof mount.mountPath === "string") {
      if (mount.mountPath === "") required(problems, [...mountPath, "mountPath"], "", "set where the volume is mounted");
      else if (mountPaths.has(mount.mountPath)) invalid(problems, [...mountPath, "mountPath"], mount.mountPath, "must be unique", "mount each path once per container");
      mountPaths.add(mount.mountPath);
    }
  });
}

function portNumberProblem(problems: FieldMessage[], path: Path, value: unknown, zeroAllowed: boolean): void {
  if (typeof value !== "number" || !Number.isInteger(value)) return;
  if (value === 0 && zeroAllowed) return;
  if (value < 1 || value > 65535) invalid(problems, path, value, "must be between 1 and 65535, inclusive", `use a port number from 1 to 65535 for ${show(path)}`);
}

// ---------------------------------------------------------------------------- services

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

function serviceProblems(spec: JsonRecord | undefined, annotations: JsonRecord, problems: FieldMessage[]): void {
  if (spec === undefined) return;
  const type = typeof spec.type === "string" ? spec.type : "ClusterIP";
  enumProblem(problems, ["spec", "type"], spec.type, SERVICE_TYPES);
  const headless = spec.clusterIP === "None";
  const ports = Array.isArray(spec.ports) ? spec.ports : undefined;
  if (type === "ExternalName") {
    if (typeof spec.externalName !== "string" || spec.externalName === "") required(problems, ["spec", "externalName"], "", "set spec.externalName to the DNS name the Service aliases");
  } else if (!headless && (ports === undefined || ports.length === 0) && SERVICE_TYPES.includes(type)) {
    required(problems, ["spec", "ports"], "", 'list the ports the Service exposes, or make it headless with clusterIP: "None"');
  }
  labelProblems(spec.selector, ["spec", "selector"], problems);
  addReasons(problems, serviceTypeProblems(spec, annotations));
  const names = new Set<string>();
  const numbers = new Set<string>();
  (ports ?? []).forEach((item, index) => {
    const port = asRecord(item);
    if (port === undefined) return;
    const path = ["spec", "ports", index];
    const name = port.name;
    if ((ports?.length ?? 0) > 1 && (name === undefined || name === null || name === "")) required(problems, [...path, "name"], "", "name every port of a Service that has several (such as http and metrics)");
    if (typeof name === "string" && name !== "") {
      for (const detail of dns1123LabelProblems(name)) invalid(problems, [...path, "name"], name, detail, "name the port with a lowercase RFC 1123 label");
      if (names.has(name)) duplicate(problems, [...path, "name"], name, `give every port of the Service its own name ("${name}" is used twice)`);
      names.add(name);
    }
    portNumberProblem(problems, [...path, "port"], port.port, false);
    enumProblem(problems, [...path, "protocol"], port.protocol, PROTOCOLS);
    if (typeof port.port === "number") {
      const protocol = typeof port.protocol === "string" ? port.protocol : "TCP";
      const key = `${port.port}/${protocol}`;
      // Upstream's value is the core.ServicePort it keys by (protocol and port alone), printed as JSON (kube-apiserver v1.35.4).
      const servicePort = { Name: "", Protocol: protocol, AppProtocol: null, Port: port.port, TargetPort: 0, NodePort: 0 };
      if (numbers.has(key)) duplicate(problems, path, servicePort, `expose port ${key} once (or give the duplicate another port or protocol)`);
      numbers.add(key);
    }
    const target = port.targetPort;
    // SetDefaults_Service makes a targetPort of 0 (or "") the port itself.
    if (typeof target === "number") portNumberProblem(problems, [...path, "targetPort"], target, true);
    // A string targetPort is a port name even when it is all digits: upstream refuses "8080" (it needs a letter).
    else if (typeof target === "string" && target !== "") {
      for (const detail of portNameProblems(target)) invalid(problems, [...path, "targetPort"], target, detail, "name a container port (at most 15 lowercase letters, digits and '-') or give its number");
    }
    if (isSet(port.nodePort) && port.nodePort !== 0 && (type === "ClusterIP" || type === "ExternalName")) {
      problems.push({ path: [...path, "nodePort"], message: `${show([...path, "nodePort"])}: Forbidden: may not be used when \`type\` is '${type}'`, fix: "remove nodePort, or make the Service a NodePort or LoadBalancer" });
    }
  });
}

// ---------------------------------------------------------------------------- disruption budgets

function disruptionBudgetProblems(spec: JsonRecord | undefined, problems: FieldMessage[]): void {
  if (spec === undefined) return;
  // Each a non-negative count or a percentage of at most 100% (ValidatePodDisruptionBudgetSpec).
  for (const field of ["minAvailable", "maxUnavailable"] as const) {
    if (!isSet(spec[field])) continue;
    const found: FieldProblem[] = [];
    intOrPercentProblems(spec[field], ["spec", field], found);
    notMoreThan100Percent(spec[field], ["spec", field], found);
    addReasons(problems, found);
  }
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable)) {
    problems.push({ path: ["spec"], message: "spec: Invalid value: minAvailable and maxUnavailable cannot be both set", fix: "keep either minAvailable or maxUnavailable" });
  }
}

// ---------------------------------------------------------------------------- configuration and ingress

function dataKeyProblems(document: JsonRecord, kind: string, problems: FieldMessage[]): void {
  const bags = kind === "ConfigMap" ? (["data", "binaryData"] as const) : (["data", "stringData"] as const);
  for (const bag of bags) {
    const entries = asRecord(document[bag]);
    if (entries === undefined) continue;
    for (const key of Object.keys(entries)) {
      for (const detail of configKeyProblems(key)) problems.push({ path: [bag, key], message: `${bag}[${key}]: ${invalidValue(key, detail)}`, fix: `rename the key "${key}": alphanumerics, '-', '_' and '.' (it becomes a file name when the ${kind} is mounted)` });
    }
  }
  if (kind === "ConfigMap") {
    const binary = asRecord(document.binaryData) ?? {};
    for (const key of Object.keys(asRecord(document.data) ?? {})) {
      if (key in binary) problems.push({ path: ["data", key], message: `data[${key}]: ${invalidValue(key, "duplicate of key present in binaryData")}`, fix: `keep "${key}" in data or in binaryData, not both` });
    }
  }
}

const PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"];
const INVALID_PATH_SEQUENCES = ["//", "/./", "/../", "%2f", "%2F"];
const INVALID_PATH_SUFFIXES = ["/..", "/."];

/** `pathTypeRequired`: networking.k8s.io/v1 has no default for pathType; v1beta1 defaulted it to ImplementationSpecific. */
function ingressProblems(spec: JsonRecord | undefined, pathTypeRequired: boolean, problems: FieldMessage[]): void {
  asArray(spec?.rules).forEach((rule, ruleIndex) => {
    asArray(asRecord(asRecord(rule)?.http)?.paths).forEach((item, pathIndex) => {
      const entry = asRecord(item);
      if (entry === undefined) return;
      const at: Path = ["spec", "rules", ruleIndex, "http", "paths", pathIndex];
      const pathType = entry.pathType ?? (pathTypeRequired ? undefined : "ImplementationSpecific");
      const path = typeof entry.path === "string" ? entry.path : "";
      if (pathType === undefined || pathType === null) return required(problems, [...at, "pathType"], "pathType must be specified", "set pathType: Prefix (or Exact, ImplementationSpecific)");
      if (typeof pathType !== "string") return;
      if (!PATH_TYPES.includes(pathType)) return unsupported(problems, [...at, "pathType"], pathType, PATH_TYPES);
      const fix = "write the path as an absolute, clean URL path such as /api";
      if (pathType === "ImplementationSpecific") {
        if (path !== "" && !path.startsWith("/")) invalid(problems, [...at, "path"], path, "must be an absolute path", fix);
        return;
      }
      if (!path.startsWith("/")) invalid(problems, [...at, "path"], path, "must be an absolute path", fix);
      if (path === "") return;
      for (const sequence of INVALID_PATH_SEQUENCES) if (path.includes(sequence)) invalid(problems, [...at, "path"], path, `must not contain '${sequence}'`, fix);
      for (const suffix of INVALID_PATH_SUFFIXES) if (path.endsWith(suffix)) invalid(problems, [...at, "path"], path, `cannot end with '${suffix}'`, fix);
    });
  });
}
