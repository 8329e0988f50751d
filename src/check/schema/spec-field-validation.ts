/**
 * Field rules of the API server's validation (k8s.io/kubernetes pkg/apis/<group>/validation) that
 * a schema cannot express, for the kinds platform repositories hold most, with upstream's
 * messages:
 *
 * - controllers (Deployment, ReplicaSet, StatefulSet, ReplicationController): `spec.replicas`
 *   not negative (ValidateNonnegativeField);
 * - a PersistentVolumeClaim's and a StatefulSet claim template's `spec.resources.requests.storage`
 *   (ValidatePersistentVolumeClaimSpec: a claim says how much it needs);
 * - a container's env var with both `value` and `valueFrom` (validateEnvVarValueFrom);
 * - Ingress rule hosts: a DNS subdomain, or a wildcard one (`*.example.com`), never an IP
 *   address (validateIngressRules);
 * - a CronJob's `concurrencyPolicy` among Allow, Forbid and Replace (validateConcurrencyPolicy);
 * - a pod's tolerations (ValidateTolerations): a key that is a label name, Exists when the
 *   key is empty, no value with Exists, a label value with Equal, `tolerationSeconds` only
 *   with NoExecute, a known effect (Lt and Gt depend on a feature gate and are not judged).
 *
 * Fields of the wrong type are skipped (the schema step reports them).
 */
import { asArray, asRecord, type JsonRecord } from "../rules/support/json.js";
import { parseIpSloppy } from "../../manifest/ip-address.js";
import { dns1123SubdomainProblems, labelValueProblems, qualifiedNameProblems, wildcardDns1123SubdomainProblems } from "../../manifest/kubernetes-names.js";

type Path = readonly (string | number)[];

export interface SpecFieldProblem {
  readonly path: Path;
  readonly message: string;
  readonly fix: string;
}

const REPLICATED_KINDS: Readonly<Record<string, string>> = { Deployment: "apps", ReplicaSet: "apps", StatefulSet: "apps", ReplicationController: "" };
const CONCURRENCY_POLICIES = ["Allow", "Forbid", "Replace"];

export function specFieldProblems(group: string, kind: string, document: JsonRecord): SpecFieldProblem[] {
  const problems: SpecFieldProblem[] = [];
  const spec = asRecord(document.spec);
  if (spec === undefined) return problems;
  if (REPLICATED_KINDS[kind] === group && typeof spec.replicas === "number" && spec.replicas < 0) {
    problems.push({ path: ["spec", "replicas"], message: `spec.replicas: Invalid value: ${spec.replicas}: must be greater than or equal to 0`, fix: "set spec.replicas to 0 or more" });
  }
  if (group === "" && kind === "PersistentVolumeClaim") claimStorageProblem(spec, ["spec"], problems);
  if (group === "apps" && kind === "StatefulSet") {
    asArray(spec.volumeClaimTemplates).forEach((template, index) => {
      const claimSpec = asRecord(asRecord(template)?.spec);
      if (claimSpec !== undefined) claimStorageProblem(claimSpec, ["spec", "volumeClaimTemplates", index, "spec"], problems);
    });
  }
  if (group === "networking.k8s.io" && kind === "Ingress") ingressHostProblems(spec, problems);
  if (group === "batch" && kind === "CronJob" && typeof spec.concurrencyPolicy === "string" && spec.concurrencyPolicy !== "" && !CONCURRENCY_POLICIES.includes(spec.concurrencyPolicy)) {
    problems.push({
      path: ["spec", "concurrencyPolicy"],
      message: `spec.concurrencyPolicy: Unsupported value: ${JSON.stringify(spec.concurrencyPolicy)}: supported values: ${CONCURRENCY_POLICIES.map((value) => JSON.stringify(value)).join(", ")}`,
      fix: "set spec.concurrencyPolicy to Allow, Forbid or Replace",
    });
  }
  return problems;
}

/** A container's env vars (`path` is the container's): `value` and `valueFrom` exclude each other. */
export function envValueProblems(container: JsonRecord, path: Path): SpecFieldProblem[] {
  const problems: SpecFieldProblem[] = [];
  asArray(container.env).forEach((item, index) => {
    const variable = asRecord(item);
    if (variable === undefined || typeof variable.value !== "string" || variable.value === "" || asRecord(variable.valueFrom) === undefined) return;
    const at = [...path, "env", index, "valueFrom"];
    problems.push({ path: at, message: `${show(at)}: Invalid value: "": may not be specified when \`value\` is not empty`, fix: `keep either value or valueFrom in env ${typeof variable.name === "string" ? variable.name : index}` });
  });
  return problems;
}

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** A pod spec's tolerations (`specPath` is the pod spec's). */
export function tolerationProblems(podSpec: Readonly<JsonRecord>, specPath: Path): SpecFieldProblem[] {
  const problems: SpecFieldProblem[] = [];
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
    const invalid = (field: string, bad: string, detail: string) => problems.push({ path: at(field), message: `${show(at(field))}: Invalid value: ${JSON.stringify(bad)}: ${detail}`, fix });
    if (key !== "") for (const detail of qualifiedNameProblems(key)) invalid("key", key, detail);
    if (key === "" && operator !== "Exists") invalid("operator", operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"');
    if (toleration.tolerationSeconds !== undefined && toleration.tolerationSeconds !== null && effect !== "NoExecute") invalid("effect", effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
    if (operator === "Equal" || operator === "") {
      const details = labelValueProblems(value);
      if (details.length > 0) invalid("operator", value, details.join(";"));
    } else if (operator === "Exists") {
      if (value !== "") invalid("operator", value, "value must be empty when `operator` is 'Exists'");
    } else if (operator !== "Lt" && operator !== "Gt") {
      problems.push({ path: at("operator"), message: `${show(at("operator"))}: Unsupported value: ${JSON.stringify(operator)}: supported values: "Equal", "Exists"`, fix });
    }
    if (effect !== "" && !TAINT_EFFECTS.includes(effect)) {
      problems.push({ path: at("effect"), message: `${show(at("effect"))}: Unsupported value: ${JSON.stringify(effect)}: supported values: ${TAINT_EFFECTS.map((name) => JSON.stringify(name)).join(", ")}`, fix });
    }
  });
  return problems;
}

function claimStorageProblem(claimSpec: JsonRecord, path: Path, problems: SpecFieldProblem[]): void {
  const resources = claimSpec.resources;
  const requests = asRecord(asRecord(resources)?.requests);
  // A resources or requests of the wrong type is the schema step's finding.
  if ((resources !== undefined && resources !== null && asRecord(resources) === undefined) || (requests === undefined && asRecord(resources)?.requests != null)) return;
  if (requests?.storage !== undefined && requests.storage !== null) return;
  problems.push({ path: [...path, "resources"], message: `${show(path)}.resources[storage]: Required value`, fix: `set ${show(path)}.resources.requests.storage to the size the claim needs, such as 10Gi` });
}

function ingressHostProblems(spec: JsonRecord, problems: SpecFieldProblem[]): void {
  asArray(spec.rules).forEach((rule, index) => {
    const host = asRecord(rule)?.host;
    if (typeof host !== "string" || host === "") return;
    const at: Path = ["spec", "rules", index, "host"];
    const fix = "write the host as a lowercase DNS name (such as shop.example.com or *.example.com); an Ingress host cannot be an IP address";
    if (parseIpSloppy(host) !== undefined) problems.push({ path: at, message: `${show(at)}: Invalid value: ${JSON.stringify(host)}: must be a DNS name, not an IP address`, fix });
    const details = host.includes("*") ? wildcardDns1123SubdomainProblems(host) : dns1123SubdomainProblems(host);
    for (const detail of details) problems.push({ path: at, message: `${show(at)}: Invalid value: ${JSON.stringify(host)}: ${detail}`, fix });
  });
}

function show(path: Path): string {
  let shown = "";
  for (const step of path) shown += typeof step === "number" ? `[${step}]` : shown === "" ? step : `.${step}`;
  return shown;
}
