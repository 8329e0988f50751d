/**
 * `reference/rollout-analysis-template` and `reference/rollout-service`: an Argo Rollout
 * names AnalysisTemplates (namespaced, or ClusterAnalysisTemplates with
 * `clusterScope: true`) in background analysis, analysis steps, experiments and blue-green
 * pre/post-promotion analysis, and the Services it rewires (canary/stable,
 * active/preview). A missing one stops the rollout with InvalidSpec.
 */
import type { z } from "zod";
import type { SourceObject } from "../../finding.js";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { asName, asRecord, asRecords, getPath } from "../support/json.js";
import { findClusterScoped, findNamespaced } from "../support/find-objects.js";
import { namespaceOf } from "../support/namespaces.js";

const PARAMS = (zod: typeof z) => zod.object({}).strict();

interface TemplateReference {
  readonly name: string;
  readonly clusterScope: boolean;
  readonly where: string;
}

function isRollout(object: SourceObject): boolean {
  return object.kind === "Rollout" && object.apiVersion.startsWith("argoproj.io/");
}

function templatesIn(analysis: unknown, where: string, field = "templates"): TemplateReference[] {
  return asRecords(asRecord(analysis)?.[field]).flatMap((template) => {
    const name = asName(template.templateName);
    return name ? [{ name, clusterScope: template.clusterScope === true, where }] : [];
  });
}

function templateReferences(rollout: SourceObject): TemplateReference[] {
  const strategy = asRecord(getPath(rollout.document, "spec", "strategy"));
  const canary = asRecord(strategy?.canary);
  const blueGreen = asRecord(strategy?.blueGreen);
  const references = [
    ...templatesIn(canary?.analysis, "canary background analysis"),
    ...templatesIn(blueGreen?.prePromotionAnalysis, "blueGreen prePromotionAnalysis"),
    ...templatesIn(blueGreen?.postPromotionAnalysis, "blueGreen postPromotionAnalysis"),
  ];
  asRecords(canary?.steps).forEach((step, index) => {
    references.push(...templatesIn(step.analysis, `canary step ${index + 1} analysis`));
    references.push(...templatesIn(step.experiment, `canary step ${index + 1} experiment`, "analyses"));
  });
  return references;
}

export const rolloutAnalysisTemplateTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "rollout-analysis-template",
  description: "Every AnalysisTemplate a Rollout names is in its namespace (or a ClusterAnalysisTemplate with clusterScope).",
  params: PARAMS,
  check(context, _params, report) {
    for (const rollout of context.objects.filter(isRollout)) {
      for (const reference of templateReferences(rollout)) {
        const found = reference.clusterScope
          ? findClusterScoped(context.objects, "ClusterAnalysisTemplate", reference.name, "argoproj.io")
          : findNamespaced(context.objects, "AnalysisTemplate", reference.name, namespaceOf(rollout), "argoproj.io");
        if (found) continue;
        report(
          rollout,
          reference.clusterScope
            ? `${reference.where} names ClusterAnalysisTemplate ${reference.name}, which is not in the input`
            : `${reference.where} names AnalysisTemplate ${reference.name}, which is not in namespace ${namespaceOf(rollout)}`,
        );
      }
    }
  },
};

const SERVICE_FIELDS = [
  ["canary", "canaryService"],
  ["canary", "stableService"],
  ["blueGreen", "activeService"],
  ["blueGreen", "previewService"],
] as const;

export const rolloutServiceTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "rollout-service",
  description: "The canary, stable, active and preview Services a Rollout names exist in its namespace.",
  params: PARAMS,
  check(context, _params, report) {
    for (const rollout of context.objects.filter(isRollout)) {
      const namespace = namespaceOf(rollout);
      for (const [strategy, field] of SERVICE_FIELDS) {
        const name = asName(getPath(rollout.document, "spec", "strategy", strategy, field));
        if (!name || findNamespaced(context.objects, "Service", name, namespace, "")) continue;
        report(rollout, `${strategy}.${field} names Service ${name}, which is not in namespace ${namespace}`, undefined, ["spec", "strategy", strategy, field]);
      }
    }
  },
};
