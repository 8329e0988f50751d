/**
 * Argo CD AppProjects: `platform` for the add-ons and platform objects, and one project per
 * team that can only deploy namespaced objects into the team's own namespaces, from the
 * team's repositories.
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import type { PlatformSpec } from "../../platform-spec/schema.js";
import { CHARTS, CRD_API_VERSIONS } from "../../versions.js";
import type { GitOpsGenerator, ManifestFile } from "../gitops-file.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { ARGOCD_NAMESPACE } from "./application.js";

/** AppProject of the platform's own Applications (add-ons, platform objects, tenancy). */
export const PLATFORM_PROJECT = "platform";
export const PROJECTS_FOLDER = "apps/projects";
/** The platform AppProject's file: the root Application belongs to it, so bootstrap applies it first. */
export const PLATFORM_PROJECT_PATH = `${PROJECTS_FOLDER}/${PLATFORM_PROJECT}.yaml`;
const IN_CLUSTER = "https://kubernetes.default.svc";

/**
 * Namespaced kinds a team may not manage even in its own namespaces: the guard rails the
 * platform sets there (quota, defaults, network isolation).
 */
export const TEAM_DENIED_KINDS = [
  { group: "", kind: "ResourceQuota" },
  { group: "", kind: "LimitRange" },
  { group: "networking.k8s.io", kind: "NetworkPolicy" },
] as const;

function project(name: string, description: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: CRD_API_VERSIONS.argoApplication,
    kind: "AppProject",
    metadata: {
      name,
      namespace: ARGOCD_NAMESPACE,
      annotations: { "argocd.argoproj.io/sync-wave": String(SYNC_WAVES.projects) },
      // A project is deleted only once no Application refers to it.
      finalizers: ["resources-finalizer.argocd.argoproj.io"],
    },
    spec: { description, ...spec },
  };
}

/** The platform project may install anything anywhere, but only from the pinned chart repositories and the GitOps repository. */
export function platformProject(spec: PlatformSpec): KubeObject {
  const repositories = new Set<string>([spec.gitops.repoURL, ...Object.values(CHARTS).map((chart) => chart.repoURL)]);
  return project(PLATFORM_PROJECT, "Platform add-ons and configuration managed by Slipway", {
    sourceRepos: [...repositories].sort(),
    destinations: [{ server: IN_CLUSTER, namespace: "*" }],
    clusterResourceWhitelist: [{ group: "*", kind: "*" }],
  });
}

/** Namespaces owned by each team, sorted. */
export function teamNamespaces(spec: PlatformSpec): Map<string, string[]> {
  const result = new Map<string, string[]>(Object.keys(spec.teams).map((team) => [team, []]));
  for (const [namespace, settings] of Object.entries(spec.namespaces)) {
    if (settings.team !== undefined) result.get(settings.team)?.push(namespace);
  }
  for (const list of result.values()) list.sort();
  return result;
}

export function teamProject(spec: PlatformSpec, team: string, namespaces: readonly string[]): KubeObject {
  const sourceRepos = spec.teams[team]?.sourceRepos ?? [spec.gitops.repoURL];
  return project(team, `Applications of team ${team}`, {
    sourceRepos: [...sourceRepos].sort(),
    destinations: namespaces.map((namespace) => ({ server: IN_CLUSTER, namespace })),
    // No cluster-scoped object at all: namespaces, CRDs and RBAC roles belong to the platform.
    clusterResourceWhitelist: [],
    namespaceResourceBlacklist: TEAM_DENIED_KINDS.map((kind) => ({ ...kind })),
  });
}

export const appProjectsGenerator: GitOpsGenerator = ({ spec }) => {
  const files: ManifestFile[] = [{ path: PLATFORM_PROJECT_PATH, objects: [platformProject(spec)] }];
  for (const [team, namespaces] of [...teamNamespaces(spec)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // The spec refuses team names of reserved projects (reserved-names.ts), so this cannot collide.
    files.push({ path: `${PROJECTS_FOLDER}/${team}.yaml`, objects: [teamProject(spec, team, namespaces)] });
  }
  return files;
};
