import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { argoCdObjects, HPA_HEALTH, LOCAL_EXCLUSIONS, LOCAL_HEALTH, LOCAL_REPOSITORY_LABELS, repositorySecretName, unservedApplicationHealth } from "../../src/local/argocd-objects.js";
import { APPLICATION_HEALTH_LUA } from "../../src/gitops/argocd/argocd-values.js";
import { applicationStatus, rootApplication } from "../../src/local/argocd-sync.js";
import { objectsOfTree } from "../../src/local/apply-plan.js";
import { synthesizeGitOps } from "../../src/gitops/synthesize.js";
import { parseSpec } from "../../src/platform-spec/load.js";

const tree = synthesizeGitOps(parseSpec({}, "test"));
const objects = objectsOfTree(tree).map(({ object }) => object);

describe("GIVEN the reference platform's Argo CD values", () => {
  const built = argoCdObjects({
    argoCdValues: tree.get("bootstrap/argocd-values.yaml")!,
    gitRepositories: ["https://github.com/example-org/platform-gitops.git"],
    chartRepositories: [
      { url: "https://charts.jetstack.io", charts: [] },
      { url: "public.ecr.aws/karpenter", charts: [] },
    ],
    proxyPort: 4242,
    serverSecretKey: "k",
  });
  const byName = new Map(built.map((object) => [object.metadata.name, object]));

  it("WHEN the local settings are made THEN argocd-cm carries the synthesized configs.cm, labelled so Argo CD reads it", () => {
    const cm = byName.get("argocd-cm")!;
    expect(cm.metadata.labels).toMatchObject({ "app.kubernetes.io/part-of": "argocd" });
    const values = parse(tree.get("bootstrap/argocd-values.yaml")!) as { configs: { cm: Record<string, string> } };
    for (const [key, value] of Object.entries(values.configs.cm)) expect((cm.data as Record<string, string>)[key]).toBe(String(value));
  });

  it("WHEN the local settings are made THEN every excluded kind and every local health override is in argocd-cm", () => {
    const data = byName.get("argocd-cm")!.data as Record<string, string>;
    const exclusions = parse(data["resource.exclusions"]!) as { apiGroups: string[]; kinds: string[] }[];
    expect(exclusions.map((entry) => [entry.apiGroups[0], entry.kinds])).toEqual(LOCAL_EXCLUSIONS.map((entry) => [entry.group, [...entry.kinds]]));
    for (const { groupKind } of LOCAL_HEALTH) expect(data[`resource.customizations.health.${groupKind.replace("/", "_")}`]).toContain('hs.status = "Healthy"');
    expect(data["resource.customizations.health.autoscaling_HorizontalPodAutoscaler"]).toBe(HPA_HEALTH);
  });

  it.each([
    ["git", { type: "git", url: "https://github.com/example-org/platform-gitops.git" }],
    ["helm", { type: "helm", url: "https://charts.jetstack.io" }],
    ["helm", { type: "helm", url: "public.ecr.aws/karpenter", enableOCI: "true" }],
  ] as const)("WHEN the %s repository %o is made THEN it is a repository Secret for its URL through the local proxy, TLS unverified, named after the URL", (type, expected) => {
    const secret = byName.get(repositorySecretName(type, expected.url))!;
    expect(secret.metadata.name).toMatch(new RegExp(`^local-${type}-[0-9a-f]{10}$`));
    expect(secret.metadata.labels).toMatchObject({ ...LOCAL_REPOSITORY_LABELS, "argocd.argoproj.io/secret-type": "repository" });
    expect(secret.stringData).toMatchObject({ ...expected, insecure: "true", proxy: "http://127.0.0.1:4242" });
  });
});

describe("GIVEN Applications whose source is not served locally", () => {
  const input = { argoCdValues: tree.get("bootstrap/argocd-values.yaml")!, gitRepositories: [], chartRepositories: [], proxyPort: 1, serverSecretKey: "k" };
  const health = (unserved?: string[]) => (argoCdObjects({ ...input, ...(unserved ? { unservedApplications: unserved } : {}) }).find((object) => object.metadata.name === "argocd-cm")!.data as Record<string, string>)["resource.customizations.health.argoproj.io_Application"];

  it("WHEN there are none THEN the platform's Application health check is argocd-cm's, unchanged", () => {
    expect(health()).toBe(APPLICATION_HEALTH_LUA);
    expect(health([])).toBe(APPLICATION_HEALTH_LUA);
  });

  it("WHEN two are named THEN the check is Healthy for exactly those names, then the platform's check for the others", () => {
    const lua = health(["team-b-extra", "team-a-extra"])!;
    expect(lua).toContain('local unserved = { ["team-a-extra"] = true, ["team-b-extra"] = true }');
    expect(lua.endsWith(APPLICATION_HEALTH_LUA)).toBe(true);
    expect(lua).toBe(unservedApplicationHealth(APPLICATION_HEALTH_LUA, ["team-a-extra", "team-b-extra"]));
  });
});

describe("GIVEN the reference tree", () => {
  it("WHEN its root Application is read THEN it is the root of apps/ in the platform project, as applied unchanged", () => {
    const root = rootApplication(objects);
    expect(root.project).toBe("platform");
    expect(root.source).toEqual({ repoURL: "https://github.com/example-org/platform-gitops.git", targetRevision: "main", path: "apps" });
    expect(root.object).toBe(objects.find((object) => object.kind === "Application" && object.metadata.name === "root"));
  });

  it("WHEN the tree has no root Application THEN the error names the file and says to synthesize", () => {
    expect(() => rootApplication(objects.filter((object) => object.metadata.name !== "root"))).toThrow(/no root Application/);
  });
});

describe("GIVEN Applications as the API server returns them", () => {
  it.each([
    [
      "synced and healthy",
      { metadata: { name: "a", annotations: { "argocd.argoproj.io/sync-wave": "-5" } }, spec: { project: "platform" }, status: { sync: { status: "Synced" }, health: { status: "Healthy" }, operationState: { phase: "Succeeded", finishedAt: "T1" } } },
      { name: "a", project: "platform", wave: -5, sync: "Synced", health: "Healthy", syncedAt: "T1" },
    ],
    [
      "denied by its project",
      { metadata: { name: "b" }, spec: { project: "team-a" }, status: { sync: { status: "Unknown" }, health: { status: "Unknown" }, conditions: [{ type: "InvalidSpecError", message: "not permitted" }] } },
      { name: "b", project: "team-a", wave: 0, sync: "Unknown", health: "Unknown", message: "InvalidSpecError: not permitted" },
    ],
    [
      "a failed sync",
      { metadata: { name: "c" }, status: { sync: { status: "OutOfSync" }, health: { status: "Missing" }, operationState: { phase: "Failed", message: "one or more objects failed to apply" } } },
      { name: "c", project: "default", wave: 0, sync: "OutOfSync", health: "Missing", message: "sync Failed: one or more objects failed to apply" },
    ],
    ["no status yet", { metadata: { name: "d" } }, { name: "d", project: "default", wave: 0, sync: "Unknown", health: "Unknown" }],
  ])("WHEN one is %s THEN its status says so", (_what, raw, expected) => {
    expect(applicationStatus(raw)).toEqual(expected);
  });
});
