/**
 * Writes `applications/<app>/` for every application of the spec and the Argo CD
 * Application deploying it, `apps/applications/<app>.yaml`, in the AppProject of the
 * team that owns the application's namespace (or the platform's when none does).
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import type { ApplicationSpec, PlatformSpec } from "../../platform-spec/schema.js";
import { folderApplication } from "../argocd/application.js";
import type { GitOpsFile, GitOpsGenerator } from "../gitops-file.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { projectOfNamespace } from "../tenancy/projects.js";
import { sortedEntries } from "../tenancy/sorted-entries.js";
import { analysisTemplate } from "./analysis-template.js";
import { externalSecret } from "./external-secret.js";
import { horizontalPodAutoscaler } from "./horizontal-pod-autoscaler.js";
import { applicationIngress } from "./ingress.js";
import { podDisruptionBudget } from "./pod-disruption-budget.js";
import { rollout } from "./rollout.js";
import { serviceAccount } from "./service-account.js";
import { serviceMonitor } from "./service-monitor.js";
import { applicationServices } from "./services.js";

export const APPLICATIONS_FOLDER = "applications";

/** The HPA owns the Rollout's replica count; Argo CD must neither report nor undo its changes. */
export const HPA_OWNED_REPLICAS = { group: "argoproj.io", kind: "Rollout", jsonPointers: ["/spec/replicas"] } as const;

/** Manifest files of one application folder, by file name. */
export function applicationManifests(name: string, application: ApplicationSpec, spec: PlatformSpec, names: PlatformNames): Record<string, KubeObject[]> {
  const manifests: Record<string, KubeObject[]> = {
    "service-account.yaml": [serviceAccount(name, application)],
    "external-secret.yaml": [externalSecret(name, application, names)],
    "services.yaml": applicationServices(name, application),
    "analysis-template.yaml": [analysisTemplate(name, application)],
    "rollout.yaml": [rollout(name, application, spec, names)],
    "horizontal-pod-autoscaler.yaml": [horizontalPodAutoscaler(name, application)],
    "pod-disruption-budget.yaml": [podDisruptionBudget(name, application)],
    "service-monitor.yaml": [serviceMonitor(name, application)],
  };
  if (application.host !== undefined) manifests["ingress.yaml"] = [applicationIngress(name, application, application.host)];
  return manifests;
}

export const generateApplications: GitOpsGenerator = ({ spec, names }) => {
  const files: GitOpsFile[] = [];
  for (const [name, application] of sortedEntries(spec.applications)) {
    const folder = `${APPLICATIONS_FOLDER}/${name}`;
    for (const [file, objects] of sortedEntries(applicationManifests(name, application, spec, names))) {
      files.push({ path: `${folder}/${file}`, objects });
    }
    files.push({
      path: `apps/${APPLICATIONS_FOLDER}/${name}.yaml`,
      objects: [
        folderApplication(spec, {
          name,
          project: projectOfNamespace(spec, application.namespace),
          wave: SYNC_WAVES.applications,
          destinationNamespace: application.namespace,
          folder,
          // Without RespectIgnoreDifferences a sync would still apply the initial replicas.
          syncOptions: ["RespectIgnoreDifferences=true"],
          ignoreDifferences: [{ ...HPA_OWNED_REPLICAS, jsonPointers: [...HPA_OWNED_REPLICAS.jsonPointers] }],
        }),
      ],
    });
  }
  return files;
};

