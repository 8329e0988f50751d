/**
 * The GitOps tree in argocd.mode eks-capability: nothing that installs Argo CD, every
 * Application and AppProject in the capability's namespace naming the cluster by its
 * ARN (the capability does not know kubernetes.default.svc), the cluster registered by
 * a cluster Secret, and the self-managed tree unchanged.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { checkManifests } from "../../../src/check/check.js";
import { describe, expect, it } from "vitest";
import {
  assertWithinCapabilityLimits,
  clusterArn,
  IN_CLUSTER_SERVER,
  LOCAL_CLUSTER_PATH,
  localClusterSecret,
  retargetToClusterArn,
} from "../../../src/gitops/argocd/eks-capability.js";
import type { SlipwayError } from "../../../src/errors.js";
import { synthesizeGitOps } from "../../../src/gitops/synthesize.js";
import { parseSpec } from "../../../src/platform-spec/load.js";
import { platformNames } from "../../../src/platform-spec/names.js";
import { CAPABILITY_SPEC } from "../../support/argocd-capability-spec.js";

const spec = parseSpec(CAPABILITY_SPEC, "test");
const names = platformNames(spec);
const tree = synthesizeGitOps(spec);
const selfManaged = synthesizeGitOps(parseSpec({}, "test"));

function objectsOf(files: ReadonlyMap<string, string>): Array<{ path: string; object: any }> {
  return [...files].filter(([path]) => path.endsWith(".yaml")).flatMap(([path, text]) => parseAllDocuments(text).map((document) => ({ path, object: document.toJS() })).filter(({ object }) => object !== null));
}

describe("GIVEN argocd.mode eks-capability", () => {
  it("WHEN the tree is synthesized THEN it has no Argo CD install (values, namespace) and registers the cluster instead", () => {
    expect(tree.has("bootstrap/argocd-values.yaml")).toBe(false);
    expect(tree.has("bootstrap/argocd-namespace.yaml")).toBe(false);
    expect(selfManaged.has("bootstrap/argocd-values.yaml")).toBe(true);
    expect(selfManaged.has(LOCAL_CLUSTER_PATH)).toBe(false);
    const secret = parse(tree.get(LOCAL_CLUSTER_PATH)!);
    expect(secret).toEqual(JSON.parse(JSON.stringify(localClusterSecret(names))));
    expect(secret.metadata.labels["argocd.argoproj.io/secret-type"]).toBe("cluster");
    expect(secret.stringData).toEqual({ name: "in-cluster", server: "arn:aws:eks:eu-west-1:111122223333:cluster/production-cluster" });
  });

  it("WHEN slipway check reads the cluster Secret THEN the plain-text-secret finding is suppressed with its reason and nothing else is reported", async () => {
    const directory = mkdtempSync(join(tmpdir(), "slipway-capability-"));
    writeFileSync(join(directory, "local-cluster.yaml"), tree.get(LOCAL_CLUSTER_PATH)!);
    const result = await checkManifests([directory], { argocd: "eks-capability" });
    expect(result.findings.map((finding) => `${finding.ruleId}: ${finding.message}`)).toEqual([]);
    expect(result.suppressed.map((finding) => [finding.ruleId, finding.suppression.reason])).toEqual([
      ["best-practice/secret-in-manifest", "a cluster's name and ARN, no credential: the capability reaches the cluster with its own IAM role"],
    ]);
  });

  it("WHEN every Application and AppProject is read THEN each is in argocd and names the cluster by its ARN, never kubernetes.default.svc", () => {
    const argo = objectsOf(tree).filter(({ object }) => object.kind === "Application" || object.kind === "AppProject");
    expect(argo.filter(({ object }) => object.kind === "Application").length).toBeGreaterThan(10);
    for (const { path, object } of argo) {
      expect(object.metadata.namespace, path).toBe("argocd");
      const destinations = object.kind === "Application" ? [object.spec.destination] : object.spec.destinations;
      for (const destination of destinations) expect(destination.server, path).toBe(clusterArn(names));
      expect(object.spec.source?.plugin ?? object.spec.sources?.find((source: any) => source.plugin), path).toBeUndefined();
    }
    expect([...tree.values()].join("\n")).not.toContain(IN_CLUSTER_SERVER);
  });

  it("WHEN the two modes are compared THEN only the Argo CD bootstrap files and the destination server differ", () => {
    const withoutServer = (text: string) => text.split(clusterArn(names)).join(IN_CLUSTER_SERVER);
    const changed = [...new Set([...tree.keys(), ...selfManaged.keys()])].filter((path) => withoutServer(tree.get(path) ?? "") !== (selfManaged.get(path) ?? ""));
    expect(changed.sort()).toEqual(["bootstrap/argocd-namespace.yaml", "bootstrap/argocd-values.yaml", "bootstrap/kustomization.yaml", LOCAL_CLUSTER_PATH].sort());
  });
});

describe("GIVEN retargetToClusterArn", () => {
  it.each([
    ["an Application on the in-cluster server", { kind: "Application", spec: { destination: { server: IN_CLUSTER_SERVER, namespace: "a" } } }, { destination: { server: "ARN", namespace: "a" } }],
    ["an Application on another cluster", { kind: "Application", spec: { destination: { server: "https://other", namespace: "a" } } }, { destination: { server: "https://other", namespace: "a" } }],
    ["an Application naming its cluster", { kind: "Application", spec: { destination: { name: "prod", namespace: "a" } } }, { destination: { name: "prod", namespace: "a" } }],
    ["an AppProject", { kind: "AppProject", spec: { destinations: [{ server: IN_CLUSTER_SERVER, namespace: "*" }, { server: "https://other", namespace: "*" }] } }, { destinations: [{ server: "ARN", namespace: "*" }, { server: "https://other", namespace: "*" }] }],
  ])("WHEN it meets %s THEN only the in-cluster server is renamed", (_, object, expected) => {
    const [file] = retargetToClusterArn([{ path: "x.yaml", objects: [{ apiVersion: "argoproj.io/v1alpha1", metadata: { name: "x" }, ...object } as any] }], names);
    const arn = clusterArn(names);
    expect(JSON.parse(JSON.stringify((file as any).objects[0].spec).split(arn).join("ARN"))).toEqual(expected);
  });
});

describe("GIVEN assertWithinCapabilityLimits", () => {
  const objects = (count: number, kind = "Application") => Array.from({ length: count }, (_, index) => ({ apiVersion: "argoproj.io/v1alpha1", kind, metadata: { name: `a-${index}` } }));

  it.each([
    ["1,000 Applications", [{ path: "apps/a.yaml", objects: objects(1000) }]],
    ["1,000 Applications and 500 AppProjects", [{ path: "apps/a.yaml", objects: objects(1000) }, { path: "apps/p.yaml", objects: objects(500, "AppProject") }]],
    ["text files only", [{ path: "bootstrap/x.yaml", content: "kind: Application\n" }]],
  ])("WHEN the tree holds %s THEN it is accepted", (_, files) => {
    expect(() => assertWithinCapabilityLimits(files)).not.toThrow();
  });

  it("WHEN the tree holds 1,001 Applications over several files THEN the spec is refused naming the count and the fix", () => {
    const files = [{ path: "apps/a.yaml", objects: objects(600) }, { path: "apps/b.yaml", objects: objects(401) }];
    let error: SlipwayError | undefined;
    try {
      assertWithinCapabilityLimits(files);
    } catch (caught) {
      error = caught as SlipwayError;
    }
    expect(error?.code).toBe("SPEC_INVALID");
    expect(error?.problems).toEqual(["argocd.mode: eks-capability manages at most 1000 Applications, and the add-ons, platform folders and applications of this spec need 1001"]);
    expect(error?.fix).toContain("argocd.mode: self-managed");
  });
});
