/**
 * Writes `tenancy/<namespace>/` for every namespace of the spec (the Namespace, its
 * network policies and, for a team's namespace, the quota and limit range) and one Argo
 * CD Application per folder under `apps/tenancy/`.
 *
 * Tenancy is applied by the platform project in the monitoring stack's wave, after the
 * platform's CRD owners and before the applications that run in these namespaces.
 */
import { folderApplication } from "../argocd/application.js";
import type { GitOpsFile, GitOpsGenerator } from "../gitops-file.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { namespaceObject } from "./namespace-object.js";
import { namespaceNetworkPolicies } from "./network-policies.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import { sortedEntries } from "./sorted-entries.js";
import { limitRange, resourceQuota } from "./team-quota.js";

export const TENANCY_FOLDER = "tenancy";

export const generateTenancy: GitOpsGenerator = ({ spec, names }) => {
  const files: GitOpsFile[] = [];
  for (const [namespace, namespaceSpec] of sortedEntries(spec.namespaces)) {
    const folder = `${TENANCY_FOLDER}/${namespace}`;
    const applications = sortedEntries(spec.applications).filter(([, application]) => application.namespace === namespace);
    files.push({ path: `${folder}/namespace.yaml`, objects: [namespaceObject(namespace, namespaceSpec)] });
    files.push({
      path: `${folder}/network-policies.yaml`,
      objects: namespaceNetworkPolicies(namespace, applications, spec.cluster.vpcCidr, names),
    });
    const team = namespaceSpec.team;
    const teamSpec = team === undefined ? undefined : spec.teams[team];
    if (team !== undefined && teamSpec !== undefined) {
      files.push({ path: `${folder}/resource-quota.yaml`, objects: [resourceQuota(namespace, team, teamSpec), limitRange(namespace)] });
    }
    files.push({
      path: `apps/${TENANCY_FOLDER}/${namespace}.yaml`,
      objects: [
        folderApplication(spec, {
          name: `${TENANCY_FOLDER}-${namespace}`,
          project: PLATFORM_PROJECT,
          wave: SYNC_WAVES.tenancy,
          destinationNamespace: namespace,
          folder,
        }),
      ],
    });
  }
  return files;
};
