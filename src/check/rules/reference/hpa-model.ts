/**
 * HorizontalPodAutoscaler fields the reference rules read, for autoscaling/v1 and v2:
 * the scale target and the metrics (v1's targetCPUUtilizationPercentage is a cpu
 * Utilization resource metric).
 */
import type { SourceObject } from "../../finding.js";
import { objectsOfKind } from "../support/find-objects.js";
import { asName, asNumber, asRecord, asRecords, asString, getPath } from "../support/json.js";
import { namespaceOf } from "../support/namespaces.js";
import { findWorkload, type Workload } from "../support/workloads.js";

export interface ScaleTargetRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

export type HpaMetric =
  | { readonly type: "Resource"; readonly resource: string; readonly targetType: string; readonly container?: string }
  | { readonly type: "Pods" | "Object" | "External"; readonly name: string };

export function isHpa(object: SourceObject): boolean {
  return object.kind === "HorizontalPodAutoscaler" && object.apiVersion.startsWith("autoscaling/");
}

export function scaleTargetOf(hpa: SourceObject): ScaleTargetRef | undefined {
  const reference = asRecord(getPath(hpa.document, "spec", "scaleTargetRef"));
  const kind = asName(reference?.kind);
  const name = asName(reference?.name);
  if (!kind || !name) return undefined;
  return { apiVersion: asString(reference?.apiVersion) ?? "", kind, name };
}

export function metricsOf(hpa: SourceObject): HpaMetric[] {
  const spec = asRecord(hpa.document.spec);
  const metrics: HpaMetric[] = [];
  if (asNumber(spec?.targetCPUUtilizationPercentage) !== undefined) {
    metrics.push({ type: "Resource", resource: "cpu", targetType: "Utilization" });
  }
  for (const metric of asRecords(spec?.metrics)) {
    const type = asString(metric.type);
    if (type === "Resource" || type === "ContainerResource") {
      const source = asRecord(type === "Resource" ? metric.resource : metric.containerResource);
      const resource = asName(source?.name);
      // v2 nests the target; v2beta1 had targetAverageUtilization beside the name.
      const targetType = asString(getPath(source, "target", "type")) ?? (source?.targetAverageUtilization !== undefined ? "Utilization" : "");
      const container = asName(source?.container);
      if (resource) metrics.push({ type: "Resource", resource, targetType, ...(container ? { container } : {}) });
    } else if (type === "Pods" || type === "Object" || type === "External") {
      const source = asRecord(metric[type.toLowerCase()]);
      const name = asName(getPath(source, "metric", "name")) ?? asName(source?.metricName);
      if (name) metrics.push({ type, name });
    }
  }
  return metrics;
}

/** The workload an HPA scales, when it is in the input with a pod template. */
export function scaledWorkload(objects: readonly SourceObject[], hpa: SourceObject): Workload | undefined {
  const target = scaleTargetOf(hpa);
  return target ? findWorkload(objects, target.kind, namespaceOf(hpa), target.name) : undefined;
}

/** HPAs of the input, in input order. */
export function hpasOf(objects: readonly SourceObject[]): SourceObject[] {
  return objectsOfKind(objects, "HorizontalPodAutoscaler").filter(isHpa);
}
