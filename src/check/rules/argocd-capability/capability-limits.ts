/**
 * Templates of the `argocd-capability/*` rules: what the EKS managed Argo CD capability
 * refuses that a self-managed Argo CD accepts (EKS user guide, "Argo CD considerations"
 * and "Register target clusters", checked 2026-11-30):
 *
 * - Applications (and AppProjects, ApplicationSets) only in the capability's namespace;
 * - no config management plugins (`spec.source.plugin`, `spec.sources[].plugin`);
 * - at most 1,000 Applications;
 * - no `https://kubernetes.default.svc`: the capability runs outside the cluster and
 *   names clusters by their EKS ARN, registered through cluster Secrets.
 *
 * They apply only when the check targets the capability (`slipway check --argocd
 * eks-capability`, or a spec with `argocd.mode: eks-capability`); a self-managed Argo CD
 * has none of these limits, so for it they report nothing.
 */
import type { z } from "zod";
import type { SourceObject } from "../../finding.js";
import type { CheckContext } from "../../rule.js";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { isApplication } from "../support/argocd-sources.js";
import { asRecord, asRecords, asString, getPath } from "../support/json.js";

function targetsCapability(context: CheckContext): boolean {
  return context.argocd === "eks-capability";
}

function isArgoKind(object: SourceObject, kinds: readonly string[]): boolean {
  return kinds.includes(object.kind) && object.apiVersion.startsWith("argoproj.io/");
}

const NAMESPACE_PARAMS = (zod: typeof z) => zod.object({ namespace: zod.string().min(1) }).strict();

export const capabilityNamespaceTemplate: CheckTemplate<ParamsOf<typeof NAMESPACE_PARAMS>> = {
  key: "namespace",
  description: "Argo CD Applications, ApplicationSets and AppProjects are in the namespace the EKS Argo CD capability watches.",
  params: NAMESPACE_PARAMS,
  check(context, params, report) {
    if (!targetsCapability(context)) return;
    for (const object of context.objects) {
      if (!isArgoKind(object, ["Application", "ApplicationSet", "AppProject"]) || object.namespace === params.namespace) continue;
      report(
        object,
        object.namespace === undefined
          ? `${object.kind} has no metadata.namespace: it would land in whatever namespace it is applied to, and the EKS Argo CD capability reads only ${params.namespace}`
          : `${object.kind} is in namespace ${object.namespace}; the EKS Argo CD capability reads ${object.kind}s only in ${params.namespace}`,
        `set metadata.namespace: ${params.namespace}`,
      );
    }
  },
};

const NO_PARAMS = (zod: typeof z) => zod.object({}).strict();

/** Sources of an Application (`spec`), or of an ApplicationSet's template (`spec.template.spec`), with their field paths. */
function sourcesOf(object: SourceObject): { path: string; source: Record<string, unknown> }[] {
  const prefix = isApplication(object) ? "spec" : isArgoKind(object, ["ApplicationSet"]) ? "spec.template.spec" : undefined;
  if (prefix === undefined) return [];
  const spec = asRecord(getPath(object.document, ...prefix.split(".")));
  const single = asRecord(spec?.source);
  return [
    ...(single ? [{ path: `${prefix}.source`, source: single }] : []),
    ...asRecords(spec?.sources).map((source, index) => ({ path: `${prefix}.sources[${index}]`, source })),
  ];
}

export const capabilityPluginTemplate: CheckTemplate<ParamsOf<typeof NO_PARAMS>> = {
  key: "plugin",
  description: "No Application or ApplicationSet source uses a config management plugin, which the EKS Argo CD capability does not run.",
  params: NO_PARAMS,
  check(context, _params, report) {
    if (!targetsCapability(context)) return;
    for (const object of context.objects) {
      for (const { path, source } of sourcesOf(object)) {
        const plugin = asRecord(source.plugin);
        if (plugin === undefined) continue;
        const name = asString(plugin.name);
        report(object, `${path}.plugin${name ? ` (${name})` : ""} needs a config management plugin; the EKS Argo CD capability runs none`);
      }
    }
  },
};

const COUNT_PARAMS = (zod: typeof z) => zod.object({ maxApplications: zod.number().int().positive() }).strict();

export const capabilityApplicationCountTemplate: CheckTemplate<ParamsOf<typeof COUNT_PARAMS>> = {
  key: "application-count",
  description: "The input holds no more Applications than the EKS Argo CD capability manages.",
  params: COUNT_PARAMS,
  check(context, params, report) {
    if (!targetsCapability(context)) return;
    const applications = context.objects.filter(isApplication);
    if (applications.length <= params.maxApplications) return;
    // One finding, on the first Application past the limit in input order.
    report(
      applications[params.maxApplications]!,
      `the input holds ${applications.length} Applications; the EKS Argo CD capability manages at most ${params.maxApplications}`,
    );
  },
};

/** The in-cluster server a self-managed Argo CD knows; the capability does not. */
const IN_CLUSTER_SERVER = "https://kubernetes.default.svc";

export const capabilityInClusterTemplate: CheckTemplate<ParamsOf<typeof NO_PARAMS>> = {
  key: "in-cluster",
  description: "No Application targets https://kubernetes.default.svc, which the EKS Argo CD capability cannot reach; it names clusters by their EKS ARN.",
  params: NO_PARAMS,
  check(context, _params, report) {
    if (!targetsCapability(context)) return;
    for (const object of context.objects) {
      const destination = isApplication(object)
        ? asRecord(getPath(object.document, "spec", "destination"))
        : isArgoKind(object, ["ApplicationSet"])
          ? asRecord(getPath(object.document, "spec", "template", "spec", "destination"))
          : undefined;
      const server = asString(destination?.server)?.replace(/\/+$/, "");
      if (server !== IN_CLUSTER_SERVER) continue;
      report(object, `destination.server is ${IN_CLUSTER_SERVER}, which the EKS Argo CD capability does not support: it runs outside the cluster`);
    }
  },
};
