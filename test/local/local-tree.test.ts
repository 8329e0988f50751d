import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { clusterArn, IN_CLUSTER_SERVER } from "../../src/gitops/argocd/eks-capability.js";
import { synthesizeGitOps } from "../../src/gitops/synthesize.js";
import { localTree } from "../../src/local/local-tree.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { platformNames } from "../../src/platform-spec/names.js";
import { REPO_ROOT } from "../support/paths.js";

const documents = (text: string) => parseAllDocuments(text).map((document) => document.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, unknown> });

describe("GIVEN the reference tree served to the local Argo CD", () => {
  const tree = synthesizeGitOps(parseSpec({}, "reference"));
  const local = localTree(tree);

  it("WHEN made local THEN only the NodePools' file changes, and in it only each nodeClassRef, which names the KWOKNodeClass of the same name", () => {
    const changed = [...tree.keys()].filter((path) => tree.get(path) !== local.get(path));
    expect(changed).toEqual(["platform/karpenter/nodepools.yaml"]);
    const before = documents(tree.get("platform/karpenter/nodepools.yaml")!);
    const after = documents(local.get("platform/karpenter/nodepools.yaml")!);
    expect(after.map((pool) => (pool.spec.template as { spec: { nodeClassRef: unknown } }).spec.nodeClassRef)).toEqual(
      before.map(() => ({ group: "karpenter.kwok.sh", kind: "KWOKNodeClass", name: "default" })),
    );
    const withoutRef = (pool: (typeof before)[number]) => ({ ...pool, spec: { ...pool.spec, template: { spec: { ...(pool.spec.template as { spec: object }).spec, nodeClassRef: null } } } });
    expect(after.map(withoutRef)).toEqual(before.map(withoutRef));
  });
});

describe("GIVEN an eks-capability tree served to the local Argo CD", () => {
  const spec = parseSpec(parse(readFileSync(join(REPO_ROOT, "test/golden/eks-capability/slipway.yaml"), "utf8")), "eks-capability");
  const arn = clusterArn(platformNames(spec));
  const tree = synthesizeGitOps(spec);
  const local = localTree(tree, arn);

  it("WHEN made local THEN no destination names the cluster ARN any more: each names the in-cluster server the local Argo CD reaches", () => {
    expect([...tree.values()].some((text) => text.includes(arn))).toBe(true);
    const stillArn = [...local.entries()].filter(([path, text]) => /\.ya?ml$/.test(path) && !path.startsWith("bootstrap/local-cluster") && text.includes(arn)).map(([path]) => path);
    expect(stillArn).toEqual([]);
    const root = documents(local.get("bootstrap/root-application.yaml")!)[0]!;
    expect((root.spec.destination as { server: string }).server).toBe(IN_CLUSTER_SERVER);
  });
});
