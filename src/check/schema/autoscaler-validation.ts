/**
 * What the API server's ValidateHorizontalPodAutoscaler (k8s.io/kubernetes
 * pkg/apis/autoscaling/validation) refuses in an HPA's spec, with upstream's messages, and
 * the one metric target its controller cannot use:
 *
 * - replicas (validateHorizontalPodAutoscalerSpec): `minReplicas` at least 1 (0 only with the
 *   HPAScaleToZero feature gate, alpha and off by default), `maxReplicas` at least 1 and at
 *   least `minReplicas`;
 * - each metric (validateMetricSpec): a known source type, whose field is the one populated
 *   (`type: Resource` with `resource`, nothing else);
 * - each target (validateMetricTarget and the per-source checks): a type among Utilization,
 *   Value and AverageValue; value and averageValue positive, averageUtilization at least 1;
 *   Resource and ContainerResource with averageUtilization or averageValue (not both), Pods
 *   with averageValue, Object with value or averageValue, External with value or
 *   averageValue (not both). Upstream judges only the first source populated, in the order
 *   object, external, pods, resource, containerResource;
 * - the controller (pkg/controller/podautoscaler/horizontal.go, computeStatusForObjectMetric)
 *   reads an Object metric's target by its type: Value reads `value`, AverageValue reads
 *   `averageValue`, anything else (Utilization) is `invalid object metric source: neither a
 *   value target nor an average value target was set`, so the HPA never scales
 *   (ScalingActive False). That is an error too: the object cannot work. The other sources
 *   read whichever field is set whatever the type says, so a Resource metric of type
 *   Utilization with only averageValue scales on averageValue, and is not flagged.
 *
 * Only `autoscaling/v2` has metrics; v1 has targetCPUUtilizationPercentage alone.
 */
import { asArray, asRecord, isSet, type JsonRecord } from "../rules/support/json.js";
import { invalidValue, unsupportedValue, type FieldPath as Path, type FieldProblem } from "./field-errors.js";
import { quantityValue } from "../../manifest/quantity.js";


/** MetricSpec's source types and the field each populates, sorted as upstream lists them. */
const SOURCE_FIELDS: Readonly<Record<string, string>> = { ContainerResource: "containerResource", External: "external", Object: "object", Pods: "pods", Resource: "resource" };
/** The order validateMetricSpec collects the populated sources in: only the first is validated. */
const VALIDATION_ORDER = ["object", "external", "pods", "resource", "containerResource"];
const TARGET_TYPES = ["Utilization", "Value", "AverageValue"];


export function autoscalerProblems(apiVersion: string, spec: Readonly<JsonRecord>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { minReplicas: min, maxReplicas: max } = spec;
  if (typeof min === "number" && Number.isInteger(min) && min < 1) {
    problems.push({ path: ["spec", "minReplicas"], reason: `Invalid value: ${min}: must be greater than or equal to 1`, fix: "set spec.minReplicas to 1 or more (scaling to 0 needs the HPAScaleToZero feature gate, alpha and off by default)" });
  }
  if (typeof max === "number" && Number.isInteger(max)) {
    if (max < 1) problems.push({ path: ["spec", "maxReplicas"], reason: `Invalid value: ${max}: must be greater than 0`, fix: "set spec.maxReplicas to 1 or more" });
    else if (typeof min === "number" && max < min) problems.push({ path: ["spec", "maxReplicas"], reason: `Invalid value: ${max}: must be greater than or equal to \`minReplicas\``, fix: `raise spec.maxReplicas to at least ${min}, or lower spec.minReplicas` });
  }
  if (apiVersion === "autoscaling/v2") {
    asArray(spec.metrics).forEach((item, index) => {
      const metric = asRecord(item);
      if (metric !== undefined) metricProblems(metric, ["spec", "metrics", index], problems);
    });
    const behavior = asRecord(spec.behavior);
    for (const direction of ["scaleUp", "scaleDown"] as const) {
      const rules = asRecord(behavior?.[direction]);
      if (rules !== undefined) scalingRulesProblems(rules, ["spec", "behavior", direction], problems);
    }
  }
  return problems;
}

const SELECT_POLICIES = ["Disabled", "Max", "Min"];
const POLICY_TYPES = ["Percent", "Pods"];
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const MAX_PERIOD_SECONDS = 1800;

/**
 * validateScalingRules and validateScalingPolicy: a stabilization window from 0 to 3600 s, a
 * known selectPolicy, and policies of a known type, a value above 0 and a period from 1 to
 * 1800 s. Policies left out are defaulted; a written empty list stays empty and is refused.
 * (`tolerance`, HPAConfigurableTolerance, is beta from 1.35 and not judged: earlier versions drop it.)
 */
function scalingRulesProblems(rules: JsonRecord, path: Path, problems: FieldProblem[]): void {
  const window = rules.stabilizationWindowSeconds;
  if (typeof window === "number" && Number.isInteger(window)) {
    if (window < 0) problems.push({ path: [...path, "stabilizationWindowSeconds"], reason: `Invalid value: ${window}: must be greater than or equal to zero`, fix: "set stabilizationWindowSeconds from 0 to 3600 (seconds), or remove it for the default" });
    else if (window > MAX_STABILIZATION_WINDOW_SECONDS) problems.push({ path: [...path, "stabilizationWindowSeconds"], reason: `Invalid value: ${window}: must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`, fix: "set stabilizationWindowSeconds to at most 3600 (one hour)" });
  }
  const select = rules.selectPolicy;
  if (typeof select === "string" && !SELECT_POLICIES.includes(select)) problems.push({ path: [...path, "selectPolicy"], reason: unsupportedValue(select, SELECT_POLICIES), fix: `set selectPolicy to one of ${SELECT_POLICIES.join(", ")}` });
  const policies = rules.policies;
  if (Array.isArray(policies) && policies.length === 0) problems.push({ path: [...path, "policies"], reason: "Required value: must specify at least one Policy", fix: "give at least one policy ({type: Pods or Percent, value, periodSeconds}), or remove policies for the default ones" });
  asArray(policies).forEach((item, index) => {
    const policy = asRecord(item);
    if (policy === undefined) return;
    const policyPath: Path = [...path, "policies", index];
    if (typeof policy.type === "string" && !POLICY_TYPES.includes(policy.type)) problems.push({ path: [...policyPath, "type"], reason: unsupportedValue(policy.type, POLICY_TYPES), fix: "set the policy's type to Pods (a number of pods) or Percent (of the current replicas)" });
    if (typeof policy.value === "number" && Number.isInteger(policy.value) && policy.value <= 0) problems.push({ path: [...policyPath, "value"], reason: `Invalid value: ${policy.value}: must be greater than zero`, fix: "set the policy's value to 1 or more" });
    const period = policy.periodSeconds;
    if (typeof period === "number" && Number.isInteger(period)) {
      if (period <= 0) problems.push({ path: [...policyPath, "periodSeconds"], reason: `Invalid value: ${period}: must be greater than zero`, fix: "set the policy's periodSeconds from 1 to 1800" });
      else if (period > MAX_PERIOD_SECONDS) problems.push({ path: [...policyPath, "periodSeconds"], reason: `Invalid value: ${period}: must be less than or equal to ${MAX_PERIOD_SECONDS}`, fix: "set the policy's periodSeconds to at most 1800 (30 minutes)" });
    }
  });
}

function metricProblems(metric: JsonRecord, path: Path, problems: FieldProblem[]): void {
  const type = metric.type;
  if (typeof type !== "string") return; // required by the schema
  const populated = VALIDATION_ORDER.filter((field) => isSet(metric[field]));
  const first = populated[0];
  if (first !== undefined) sourceProblems(first, asRecord(metric[first]), [...path, first], problems);
  const expected = SOURCE_FIELDS[type];
  if (expected === undefined) {
    const supported = Object.keys(SOURCE_FIELDS);
    problems.push({ path: [...path, "type"], reason: unsupportedValue(type, supported), fix: `set the metric's type to one of ${supported.join(", ")}` });
  } else if (!populated.includes(expected)) {
    problems.push({ path: [...path, expected], reason: "Required value: must populate information for the given metric source", fix: `a metric of type ${type} describes itself under ${expected}: move its fields there${populated.length > 0 ? ` (it has ${populated.join(" and ")})` : ""}` });
  }
  if (populated.length > 1) {
    for (const field of populated.filter((name) => name !== expected).sort()) {
      problems.push({ path: [...path, field], reason: "Forbidden: must populate the given metric source only", fix: `remove ${field} from this metric, or make it a metric of its own` });
    }
  }
}

function sourceProblems(source: string, body: JsonRecord | undefined, path: Path, problems: FieldProblem[]): void {
  const target = asRecord(body?.target);
  if (target === undefined) return; // required by the schema
  const targetPath: Path = [...path, "target"];
  const type = target.type;
  if (typeof type === "string" && !TARGET_TYPES.includes(type)) {
    problems.push({ path: [...targetPath, "type"], reason: invalidValue(type, "must be either Utilization, Value, or AverageValue"), fix: "set the target's type to Utilization (with averageUtilization), AverageValue (with averageValue) or Value (with value)" });
  }
  for (const field of ["value", "averageValue"] as const) {
    const quantity = target[field];
    const text = typeof quantity === "number" ? String(quantity) : typeof quantity === "string" ? quantity : undefined;
    const value = text === undefined ? undefined : quantityValue(text);
    if (value !== undefined && value.numerator <= 0n) problems.push({ path: [...targetPath, field], reason: invalidValue(text, "must be positive"), fix: `set ${field} above 0` });
  }
  const utilization = target.averageUtilization;
  if (typeof utilization === "number" && Number.isInteger(utilization) && utilization < 1) {
    problems.push({ path: [...targetPath, "averageUtilization"], reason: `Invalid value: ${utilization}: must be greater than 0`, fix: "set averageUtilization to the percentage of the request to aim at, such as 70" });
  }
  const has = (field: string) => isSet(target[field]);
  const required = (field: string, detail: string, fix: string) => problems.push({ path: [...targetPath, field], reason: `Required value: ${detail}`, fix });
  const forbidden = (field: string, detail: string, fix: string) => problems.push({ path: [...targetPath, field], reason: `Forbidden: ${detail}`, fix });
  switch (source) {
    case "resource":
    case "containerResource":
      if (!has("averageUtilization") && !has("averageValue")) required("averageUtilization", "must set either a target raw value or a target utilization", "with type: Utilization set averageUtilization (a percentage of the request), with type: AverageValue set averageValue");
      if (has("averageUtilization") && has("averageValue")) forbidden("averageValue", "may not set both a target raw value and a target utilization", "keep averageUtilization (type: Utilization) or averageValue (type: AverageValue), not both");
      break;
    case "pods":
      if (!has("averageValue")) required("averageValue", "must specify a positive target averageValue", "a Pods metric is averaged over the pods: set type: AverageValue and averageValue");
      break;
    case "object":
      if (!has("value") && !has("averageValue")) required("averageValue", "must set either a target value or averageValue", "set type: Value with value, or type: AverageValue with averageValue");
      else if (typeof type === "string" && TARGET_TYPES.includes(type) && !(type === "Value" && has("value")) && !(type === "AverageValue" && has("averageValue"))) {
        problems.push({
          path: targetPath,
          reason: invalidValue(type, "the HPA controller reads an Object metric's target by its type and finds nothing to scale on (invalid object metric source: neither a value target nor an average value target was set)"),
          fix: has("value") ? "set type: Value, which reads value" : "set type: AverageValue, which reads averageValue",
        });
      }
      break;
    case "external":
      if (!has("value") && !has("averageValue")) required("averageValue", "must set either a target value for metric or a per-pod target", "set type: Value with value, or type: AverageValue with averageValue");
      if (has("value") && has("averageValue")) forbidden("value", "may not set both a target value for metric and a per-pod target", "keep value (type: Value) or averageValue (type: AverageValue), not both");
      break;
  }
}
