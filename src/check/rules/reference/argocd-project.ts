/**
 * `reference/argocd-project`: an Application belongs to an AppProject (`default` always
 * exists) and may only deploy to a destination the project permits. Destinations are
 * matched as Argo CD's `isDestinationMatched` does: some entry must match (server or
 * cluster name glob, AND namespace glob) and no entry with a `!` deny pattern may reject it.
 */
import type { z } from "zod";
import type { SourceObject } from "../../finding.js";
import type { CheckTemplate, ParamsOf } from "../check-template.js";
import { isApplication } from "../support/argocd-sources.js";
import { objectsOfKind } from "../support/find-objects.js";
import { asRecord, asRecords, asString, getPath } from "../support/json.js";

const PARAMS = (zod: typeof z) => zod.object({}).strict();

/** The in-cluster destination by name, as Argo CD resolves it. */
const IN_CLUSTER = { name: "in-cluster", server: "https://kubernetes.default.svc" };

interface Destination {
  readonly server: string;
  readonly name: string;
  readonly namespace: string;
}

function globMatches(pattern: string, value: string): boolean {
  const expression = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${expression}$`).test(value);
}

/** Argo CD's glob with negation: `!pattern` matches whatever `pattern` does not. */
function globMatchesWithDeny(pattern: string, value: string): boolean {
  return pattern.startsWith("!") ? !globMatches(pattern.slice(1), value) : globMatches(pattern, value);
}

function isDeny(pattern: string): boolean {
  return pattern.startsWith("!");
}

function permitted(destinations: readonly Destination[], target: Destination): boolean {
  let anyMatched = false;
  let denied = false;
  for (const item of destinations) {
    const nameMatched = target.name !== "" && item.name !== "" && globMatchesWithDeny(item.name, target.name);
    const serverMatched = target.server !== "" && item.server !== "" && globMatchesWithDeny(item.server, target.server);
    const namespaceMatched = globMatchesWithDeny(item.namespace, target.namespace);
    if ((serverMatched || nameMatched) && namespaceMatched) {
      anyMatched = true;
    } else if ((!nameMatched && isDeny(item.name)) || (!serverMatched && isDeny(item.server)) || (!namespaceMatched && isDeny(item.namespace))) {
      denied = true;
    }
  }
  return anyMatched && !denied;
}

function readDestination(value: unknown): Destination {
  const record = asRecord(value);
  return {
    server: asString(record?.server) ?? "",
    name: asString(record?.name) ?? "",
    namespace: asString(record?.namespace) ?? "",
  };
}

function describeDestination(destination: Destination): string {
  return `${destination.server || destination.name}/${destination.namespace || "(no namespace)"}`;
}

export const argocdProjectTemplate: CheckTemplate<ParamsOf<typeof PARAMS>> = {
  key: "argocd-project",
  description: "An Argo CD Application's project is in the input (or is `default`) and permits its destination.",
  params: PARAMS,
  check(context, _params, report) {
    const projectsByName = new Map<string, SourceObject[]>();
    for (const project of objectsOfKind(context.objects, "AppProject")) {
      if (!project.apiVersion.startsWith("argoproj.io/")) continue;
      const list = projectsByName.get(project.name);
      if (list) list.push(project);
      else projectsByName.set(project.name, [project]);
    }
    for (const application of objectsOfKind(context.objects, "Application").filter(isApplication)) {
      const projectName = asString(getPath(application.document, "spec", "project")) ?? "";
      if (projectName === "") continue; // a missing project is a schema error, reported there
      const named = projectsByName.get(projectName) ?? [];
      const project = named.find((candidate) => candidate.namespace === application.namespace) ?? named[0];
      if (!project) {
        if (projectName !== "default") {
          report(application, `project ${projectName} is not an AppProject in the input`, `create AppProject ${projectName} or use an existing project`, ["spec", "project"]);
        }
        continue;
      }
      const declared = readDestination(getPath(application.document, "spec", "destination"));
      // Argo CD resolves the well-known in-cluster name and server into each other.
      const target: Destination = {
        ...declared,
        server: declared.server || (declared.name === IN_CLUSTER.name ? IN_CLUSTER.server : ""),
        name: declared.name || (declared.server === IN_CLUSTER.server ? IN_CLUSTER.name : ""),
      };
      const destinations = asRecords(getPath(project.document, "spec", "destinations")).map(readDestination);
      if (permitted(destinations, target)) continue;
      const allowed = destinations.map(describeDestination).join(", ") || "none";
      report(
        application,
        `destination ${describeDestination(declared)} is not permitted by AppProject ${project.name} (destinations: ${allowed})`,
        `add the destination to AppProject ${project.name}'s spec.destinations or deploy to a permitted namespace`,
        ["spec", "destination"],
      );
    }
  },
};
