import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { synthesizeGitOps } from "../../src/gitops/synthesize.js";
import { RESERVED_NAMESPACES, RESERVED_PROJECT_NAMES, reservedApplicationName } from "../../src/gitops/reserved-names.js";
import { parseSpec } from "../../src/platform-spec/load.js";

/** Every Application and AppProject the reference platform generates, from the rendered tree. */
function generated() {
  const spec = parseSpec({}, "reference");
  const applications: { name: string; namespace: string }[] = [];
  const projects: string[] = [];
  for (const [path, content] of synthesizeGitOps(spec)) {
    if (!path.endsWith(".yaml") || path.endsWith("kustomization.yaml") || !content.includes("kind:")) continue;
    for (const document of content.split(/^---$/m)) {
      const object = parse(document) as { kind?: string; metadata?: { name: string }; spec?: { destination?: { namespace: string } } } | null;
      if (object?.kind === "Application") applications.push({ name: object.metadata!.name, namespace: object.spec!.destination!.namespace });
      if (object?.kind === "AppProject") projects.push(object.metadata!.name);
    }
  }
  return { spec, applications, projects };
}

describe("GIVEN the reference platform's generated Argo CD objects", () => {
  const { spec, applications, projects } = generated();
  const userApplications = new Set(Object.keys(spec.applications));
  const teams = new Set(Object.keys(spec.teams));

  it("WHEN each Application that is not a user's is looked up THEN its name is reserved (no generator adds an unreserved one)", () => {
    const unreserved = applications.filter(({ name }) => !userApplications.has(name) && reservedApplicationName(name) === undefined);
    expect(unreserved).toEqual([]);
    expect(applications.length).toBeGreaterThan(20);
  });

  it("WHEN each platform Application's destination namespace is looked up THEN it is reserved or a tenant namespace", () => {
    const tenants = new Set(Object.keys(spec.namespaces));
    const platform = applications.filter(({ name }) => !userApplications.has(name) && !name.startsWith("tenancy-"));
    const free = platform.filter(({ namespace }) => !RESERVED_NAMESPACES.has(namespace) && !tenants.has(namespace));
    expect(free).toEqual([]);
  });

  it("WHEN each AppProject that is not a team's is looked up THEN its name is reserved", () => {
    expect(projects.filter((name) => !teams.has(name) && !RESERVED_PROJECT_NAMES.has(name))).toEqual([]);
  });

  it("WHEN the Kubernetes system namespaces are looked up THEN they are reserved", () => {
    for (const name of ["default", "kube-system", "kube-public", "kube-node-lease", "argocd"]) expect(RESERVED_NAMESPACES.has(name), name).toBe(true);
  });
});
