import { describe, expect, it } from "vitest";
import { objectProblems } from "../../../src/check/schema/api-validation.js";
import { autoscalerProblems } from "../../../src/check/schema/autoscaler-validation.js";

type Json = Record<string, unknown>;

/** Upstream's messages (validateHorizontalPodAutoscalerSpec, validateMetricSpec, validateMetricTarget), as `field: reason`. */
function messages(spec: Json, apiVersion = "autoscaling/v2"): string[] {
  return autoscalerProblems(apiVersion, spec).map((problem) => `${problem.path.map((step) => (typeof step === "number" ? `[${step}]` : step)).join(".").replace(/\.\[/g, "[")}: ${problem.reason}`);
}

const hpa = (...metrics: Json[]): Json => ({ scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 2, maxReplicas: 10, metrics });
const cpu = (target: Json): Json => ({ type: "Resource", resource: { name: "cpu", target } });
const object = (target: Json): Json => ({ type: "Object", object: { describedObject: { apiVersion: "networking.k8s.io/v1", kind: "Ingress", name: "web" }, metric: { name: "requests-per-second" }, target } });
const pods = (target: Json): Json => ({ type: "Pods", pods: { metric: { name: "http_requests_per_second" }, target } });
const external = (target: Json): Json => ({ type: "External", external: { metric: { name: "queue_messages_ready" }, target } });

describe("autoscalerProblems", () => {
  it.each([
    ["the metrics Slipway writes (CPU, memory, requests per second)", hpa(cpu({ type: "Utilization", averageUtilization: 70 }), { type: "Resource", resource: { name: "memory", target: { type: "AverageValue", averageValue: "400Mi" } } }, pods({ type: "AverageValue", averageValue: "50" })), []],
    ["minReplicas above maxReplicas", { ...hpa(), minReplicas: 5, maxReplicas: 2 }, ["spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`"]],
    ["minReplicas 0 (HPAScaleToZero is off by default)", { ...hpa(), minReplicas: 0 }, ["spec.minReplicas: Invalid value: 0: must be greater than or equal to 1"]],
    ["maxReplicas 0", { ...hpa(), minReplicas: undefined, maxReplicas: 0 }, ["spec.maxReplicas: Invalid value: 0: must be greater than 0"]],
    ["type Utilization without averageUtilization (nor averageValue)", hpa(cpu({ type: "Utilization" })), ["spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization"]],
    ["type AverageValue without averageValue on a Pods metric", hpa(pods({ type: "AverageValue", value: "50" })), ["spec.metrics[0].pods.target.averageValue: Required value: must specify a positive target averageValue"]],
    ["type Value without value on an Object metric", hpa(object({ type: "Value", averageValue: "100" })), ['spec.metrics[0].object.target: Invalid value: "Value": the HPA controller reads an Object metric\'s target by its type and finds nothing to scale on (invalid object metric source: neither a value target nor an average value target was set)']],
    ["type Utilization on an Object metric", hpa(object({ type: "Utilization", value: "100" })), ['spec.metrics[0].object.target: Invalid value: "Utilization": the HPA controller reads an Object metric\'s target by its type and finds nothing to scale on (invalid object metric source: neither a value target nor an average value target was set)']],
    ["an Object metric with no target value", hpa(object({ type: "Value", averageUtilization: 50 })), ["spec.metrics[0].object.target.averageValue: Required value: must set either a target value or averageValue"]],
    ["type Utilization on a Pods metric with only averageUtilization", hpa(pods({ type: "Utilization", averageUtilization: 50 })), ["spec.metrics[0].pods.target.averageValue: Required value: must specify a positive target averageValue"]],
    ["an External metric with value and averageValue", hpa(external({ type: "Value", value: "30", averageValue: "3" })), ["spec.metrics[0].external.target.value: Forbidden: may not set both a target value for metric and a per-pod target"]],
    ["a Resource metric with both targets", hpa(cpu({ type: "Utilization", averageUtilization: 70, averageValue: "500m" })), ["spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization"]],
    ["a Resource metric of type Utilization with only averageValue (the controller reads it)", hpa(cpu({ type: "Utilization", averageValue: "500m" })), []],
    ["an unknown target type and non-positive targets", hpa(cpu({ type: "Percent", averageUtilization: 0 }), pods({ type: "AverageValue", averageValue: "-1" })), [
      'spec.metrics[0].resource.target.type: Invalid value: "Percent": must be either Utilization, Value, or AverageValue',
      "spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0",
      'spec.metrics[1].pods.target.averageValue: Invalid value: "-1": must be positive',
    ]],
    // Upstream forbids the other sources only when more than one is populated.
    ["a metric whose type names another source", hpa({ type: "Pods", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }), ["spec.metrics[0].pods: Required value: must populate information for the given metric source"]],
    ["a metric with two sources", hpa({ ...cpu({ type: "Utilization", averageUtilization: 70 }), pods: { metric: { name: "x" }, target: { type: "AverageValue", averageValue: "1" } } }), ["spec.metrics[0].pods: Forbidden: must populate the given metric source only"]],
    ["an unknown metric type", hpa({ type: "Custom", pods: { metric: { name: "x" }, target: { type: "AverageValue", averageValue: "1" } } }), ['spec.metrics[0].type: Unsupported value: "Custom": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"']],
    ["metrics of the wrong type (the schema's business)", { ...hpa(), metrics: "cpu" }, []],
  ])("GIVEN an HPA with %s WHEN validated THEN %j", (_case, spec, expected) => {
    expect(messages(spec)).toEqual(expected);
  });

  it("GIVEN an autoscaling/v1 HPA WHEN validated THEN only its replicas are judged (it has no metrics)", () => {
    expect(messages({ ...hpa(cpu({ type: "Utilization" })), minReplicas: 0 }, "autoscaling/v1")).toEqual(["spec.minReplicas: Invalid value: 0: must be greater than or equal to 1"]);
  });

  it("GIVEN an HPA in a manifest WHEN validated by api-validation THEN upstream's message with a fix", () => {
    const document = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "web", namespace: "shop" }, spec: hpa(cpu({ type: "Utilization" })) };
    const problems = objectProblems({ apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", document });
    expect(problems.map((problem) => problem.message)).toEqual(["spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization"]);
    expect(problems[0]?.fix).toMatch(/^with type: Utilization set averageUtilization/);
  });
});
