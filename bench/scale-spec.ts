/**
 * A spec of `applications` applications spread evenly over `teams` teams, each team with
 * its own namespace, sized so every namespace's quota holds its applications at their HPA
 * maximum plus a canary. Shared by the scale benchmark and the scale test.
 */
import type { PlatformSpecInput } from "../src/platform-spec/schema.js";

export function scaleSpec(applications: number, teams = Math.min(30, applications)): PlatformSpecInput {
  const pad = (value: number, width: number) => String(value).padStart(width, "0");
  const teamNames = Array.from({ length: teams }, (_, index) => `team-${pad(index + 1, 2)}`);
  const perTeam = Math.ceil(applications / teams);
  return {
    teams: Object.fromEntries(teamNames.map((team) => [team, { quota: { requestsCpu: String(perTeam * 2), requestsMemory: `${perTeam * 2}Gi`, limitsCpu: String(perTeam * 4), limitsMemory: `${perTeam * 4}Gi` } }])),
    namespaces: Object.fromEntries(teamNames.map((team) => [team, { team }])),
    applications: Object.fromEntries(
      Array.from({ length: applications }, (_, index) => [
        `app-${pad(index + 1, 3)}`,
        { namespace: teamNames[index % teams]!, replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 4 } },
      ]),
    ),
  };
}
