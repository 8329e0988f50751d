/**
 * Applications a team adds itself (`teams.<team>.applications`): a folder of the GitOps
 * repository or of another repository, deployed by the team's AppProject (so its source
 * repositories and namespaces bound it) into one of the team's namespaces, in the
 * applications wave, after tenancy has created the namespace, its quota and policies.
 * They live in `apps/teams/<team>/`, which the root Application applies.
 */
import { normalizedRepositoryPath } from "../../platform-spec/grammars.js";
import type { PlatformSpec } from "../../platform-spec/schema.js";
import type { GitOpsGenerator, ManifestFile } from "../gitops-file.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { gitApplication } from "./application.js";

export const TEAM_APPLICATIONS_FOLDER = "apps/teams";

/** Revision Argo CD follows in a team's own repository when none is given: its default branch. */
export const DEFAULT_TEAM_REVISION = "HEAD";

export interface ResolvedTeamApplication {
  readonly team: string;
  readonly name: string;
  readonly repoURL: string;
  readonly targetRevision: string;
  readonly path: string;
  readonly namespace: string;
}

/** Every team Application with its defaults applied, sorted by team then name. */
export function teamApplications(spec: PlatformSpec): ResolvedTeamApplication[] {
  const result: ResolvedTeamApplication[] = [];
  for (const team of Object.keys(spec.teams).sort()) {
    const applications = spec.teams[team]?.applications ?? {};
    for (const name of Object.keys(applications).sort()) {
      const application = applications[name]!;
      const inGitOpsRepository = application.repoURL === undefined || application.repoURL === spec.gitops.repoURL;
      result.push({
        team,
        name,
        repoURL: application.repoURL ?? spec.gitops.repoURL,
        targetRevision: application.targetRevision ?? (inGitOpsRepository ? spec.gitops.targetRevision : DEFAULT_TEAM_REVISION),
        path: normalizedRepositoryPath(application.path),
        namespace: application.namespace,
      });
    }
  }
  return result;
}

export const teamApplicationsGenerator: GitOpsGenerator = ({ spec }) =>
  teamApplications(spec).map(
    (application): ManifestFile => ({
      path: `${TEAM_APPLICATIONS_FOLDER}/${application.team}/${application.name}.yaml`,
      objects: [
        gitApplication({
          name: application.name,
          project: application.team,
          wave: SYNC_WAVES.applications,
          destinationNamespace: application.namespace,
          repoURL: application.repoURL,
          targetRevision: application.targetRevision,
          path: application.path,
        }),
      ],
    }),
  );
