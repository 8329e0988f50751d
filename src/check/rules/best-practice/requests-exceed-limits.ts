/**
 * Template `requests-exceed-limits`: what the API server's ValidateResourceRequirements
 * refuses in a pod's resources, so the object is rejected on apply:
 *
 * - a request above the limit of the same resource:
 *   `spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1`;
 * - for resources that cannot be overcommitted (extended resources such as `nvidia.com/gpu`,
 *   and `hugepages-*`), a request that differs from its limit (`must be equal to ...`) or
 *   has no limit (`resources.limits: Required value: Limit must be set for non overcommitable resources`).
 *
 * When a LimitRange of the container's namespace is in the input, the container is also
 * judged as the API server judges its pod after admission: a request omitted beside a
 * limit is the limit (Pod defaulting), then LimitRanger fills every request and limit
 * still missing from the LimitRange's defaults (`default`, else `max`; `defaultRequest`,
 * else the default limit, else `min`). A request above a default limit, or a default request
 * above the written limit, is then refused: the Pod itself, or every pod a controller creates
 * from the template (the controller is accepted, its pods are not). Each finding names the
 * LimitRange.
 *
 * Containers, init containers (sidecars too) and the pod-level `resources`, of every object
 * that carries a pod, read by the one pod-template reader (pod-security/pod-templates.ts),
 * PodTemplates included: the API server validates their template alike. Amounts are compared
 * as upstream holds them (nano units, src/manifest/quantity.ts) and printed as it prints them
 * (`2000m` is `2`). Values that are not quantities are left to the schema rule.
 */
import type { z } from "zod";
import { canonicalQuantity, quantityNanos } from "../../../manifest/quantity.js";
import { podTemplatesOf, type PodTemplate } from "../../pod-security/pod-templates.js";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { asRecord } from "../support/json.js";
import type { Report } from "../support/report.js";
import type { SourceObject } from "../../finding.js";
import type { FieldPath } from "../../load/locate-field.js";
import { namespaceOf } from "../support/namespaces.js";
import { admittedResources, limitRangeDefaultValues, type LimitRangeDefaultValues } from "../support/resources.js";

const PARAMS = (zod: typeof z) => zod.object({}).strict();

/** Upstream's IsOvercommitAllowed: native resources (no domain, or kubernetes.io/) other than huge pages. */
function overcommitAllowed(resource: string): boolean {
  const native = !resource.includes("/") || resource.includes("kubernetes.io/");
  return native && !resource.startsWith("hugepages-");
}

/** A quantity as JSON holds it (YAML `cpu: 2` is a number), with its nano amount; printed (as upstream prints it) only for a message. */
function quantityOf(value: unknown): { readonly nanos: bigint; readonly text: string } | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const text = String(value);
  const nanos = quantityNanos(text);
  return nanos === undefined ? undefined : { nanos, text };
}

/** A default as upstream prints it, or as written when it is no quantity. */
function printedValue(value: unknown): string {
  const quantity = quantityOf(value);
  return quantity === undefined ? String(value) : printed(quantity);
}

/** Upstream's printed form of a quantity quantityOf accepted (the grammar is the same, so it has one). */
function printed(quantity: { readonly text: string }): string {
  return canonicalQuantity(quantity.text) ?? quantity.text;
}

/**
 * The API server's errors for one `resources` object at `path` (`spec.containers[0].resources`).
 * Pod-level resources take only cpu, memory and huge pages, and other names get another
 * error (left to the API server): there only a request above its limit is reported.
 */
export function resourceRequirementErrors(resources: unknown, path: string, level: "container" | "pod" = "container"): { readonly resource: string; readonly message: string; readonly fix: string }[] {
  const requests = asRecord(asRecord(resources)?.requests) ?? {};
  const limits = asRecord(asRecord(resources)?.limits) ?? {};
  const errors: { resource: string; message: string; fix: string }[] = [];
  // Upstream walks a Go map (no order); sorted here so the output is deterministic.
  for (const resource of Object.keys(requests).sort()) {
    const overcommit = level === "pod" || overcommitAllowed(resource);
    const limited = resource in limits;
    // Most requests have no limit and may be overcommitted: nothing to compare, nothing to parse.
    if (!limited && overcommit) continue;
    const request = quantityOf(requests[resource]);
    if (request === undefined) continue;
    if (!limited) {
      errors.push({
        resource,
        message: `${path}.limits: Required value: Limit must be set for non overcommitable resources`,
        fix: `set resources.limits["${resource}"] equal to the request (${printed(request)}): ${resource} cannot be overcommitted`,
      });
      continue;
    }
    const limit = quantityOf(limits[resource]);
    if (limit === undefined) continue;
    if (!overcommit && request.nanos !== limit.nanos) {
      errors.push({
        resource,
        message: `${path}.requests: Invalid value: "${printed(request)}": must be equal to ${resource} limit of ${printed(limit)}`,
        fix: `set resources.requests["${resource}"] and resources.limits["${resource}"] to the same amount: ${resource} cannot be overcommitted`,
      });
    } else if (request.nanos > limit.nanos) {
      errors.push({
        resource,
        message: `${path}.requests: Invalid value: "${printed(request)}": must be less than or equal to ${resource} limit of ${printed(limit)}`,
        fix: `lower resources.requests["${resource}"] to at most ${printed(limit)}, or raise resources.limits["${resource}"] to at least ${printed(request)}`,
      });
    }
  }
  return errors;
}

/** Findings point at the request at fault (every error is about one), else the deepest part of its path the object has. */
function checkObject(object: SourceObject, template: PodTemplate, report: Report, defaults: LimitRangeDefaultValues): void {
  const { spec, specPath } = template;
  const podSpecPath = [...template.templatePath, "spec"];
  const reportAll = (resources: unknown, path: string, owner: string, at: FieldPath) => {
    const written = resourceRequirementErrors(resources, path);
    for (const error of written) report(object, error.message, `${owner}: ${error.fix}`, [...at, "requests", error.resource]);
    if (defaults.limits.size === 0 && defaults.requests.size === 0) return;
    // What the API server judges once LimitRanger filled the namespace's defaults in: a refusal the written values alone do not have.
    const admitted = admittedResources(resources, defaults);
    for (const error of resourceRequirementErrors(admitted.resources, path)) {
      if (written.some((found) => found.resource === error.resource)) continue;
      const source = admitted.filled.get(`limits.${error.resource}`) ?? admitted.filled.get(`requests.${error.resource}`);
      if (source === undefined) continue;
      const field = admitted.filled.has(`limits.${error.resource}`) ? "limit" : "request";
      const limitRange = `LimitRange ${source.limitRange.namespace ?? namespaceOf(source.limitRange)}/${source.limitRange.name}`;
      const refused = template.isPod ? "the API server refuses the pod" : "the API server refuses every pod it creates";
      report(
        object,
        `${error.message} (the ${error.resource} ${field} ${printedValue(source.value)} is the default of ${limitRange}, which admission fills in: ${refused})`,
        `${owner}: set resources.${field === "limit" ? "limits" : "requests"}["${error.resource}"] itself, or change the default of ${limitRange}`,
        [...at, "requests", error.resource],
      );
    }
  };
  for (const error of resourceRequirementErrors(spec.resources, `${specPath}.resources`, "pod")) report(object, error.message, `the pod: ${error.fix}`, [...podSpecPath, "resources", "requests", error.resource]);
  for (const list of ["initContainers", "containers"] as const) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((container: unknown, index) => {
      const record = asRecord(container);
      if (record === undefined) return;
      const name = typeof record.name === "string" ? record.name : `#${index}`;
      reportAll(record.resources, `${specPath}.${list}[${index}].resources`, `container "${name}"`, [...podSpecPath, list, index, "resources"]);
    });
  }
}

export const requestsExceedLimitsTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "requests-exceed-limits",
  description: "Resource requests the API server refuses against the limits: above the limit, or unequal to it (or without one) for resources that cannot be overcommitted.",
  params: PARAMS,
  check(context, _params, report) {
    for (const { object, template } of podTemplatesOf(context.objects).carriers) checkObject(object, template, report, limitRangeDefaultValues(context.objects, namespaceOf(object)));
  },
};
