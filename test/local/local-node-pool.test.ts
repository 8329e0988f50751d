import { describe, expect, it } from "vitest";
import { synthesizeGitOps } from "../../src/gitops/synthesize.js";
import { objectsOfTree } from "../../src/local/apply-plan.js";
import { localNodePool } from "../../src/local/local-node-pool.js";
import type { KubeObject } from "../../src/manifest/kube-object.js";
import { parseSpec } from "../../src/platform-spec/load.js";

describe("localNodePool", () => {
  const objects = objectsOfTree(synthesizeGitOps(parseSpec({}, "reference"))).map(({ object }) => object);
  const nodePools = objects.filter((object) => object.kind === "NodePool");

  it("GIVEN the reference platform's NodePools WHEN made local THEN only nodeClassRef changes, to the KWOKNodeClass of the same name", () => {
    expect(nodePools.map((pool) => pool.metadata.name)).toEqual(["spot", "on-demand"]);
    for (const pool of nodePools) {
      const before = structuredClone(pool);
      const local = localNodePool(pool) as KubeObject & { spec: { template: { spec: Record<string, unknown> } } };
      expect(local.spec.template.spec.nodeClassRef).toEqual({ group: "karpenter.kwok.sh", kind: "KWOKNodeClass", name: "default" });
      const { nodeClassRef: _after, ...restAfter } = local.spec.template.spec;
      const { nodeClassRef: _before, ...restBefore } = (before.spec as { template: { spec: Record<string, unknown> } }).template.spec;
      expect(restAfter).toEqual(restBefore);
      expect({ ...local, spec: { ...local.spec, template: { ...local.spec.template, spec: {} } } }).toEqual({
        ...before,
        spec: { ...(before.spec as object), template: { ...(before.spec as { template: object }).template, spec: {} } },
      });
      // The input is left as it was (the lead's Git tree and the golden files read the same objects).
      expect(pool).toEqual(before);
    }
  });

  it.each([
    ["a Deployment", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" }, spec: { template: { spec: { nodeClassRef: { name: "default" } } } } }],
    ["a NodePool of another API group", { apiVersion: "example.com/v1", kind: "NodePool", metadata: { name: "x" }, spec: { template: { spec: { nodeClassRef: { name: "default" } } } } }],
    ["a NodePool without a template", { apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: "x" } }],
    ["a NodePool whose nodeClassRef has no name", { apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: "x" }, spec: { template: { spec: { nodeClassRef: { kind: "EC2NodeClass" } } } } }],
    ["a NodePool whose spec is not an object", { apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: "x" }, spec: "broken" }],
    ["a NodePool whose template spec is null", { apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: "x" }, spec: { template: { spec: null } } }],
  ])("GIVEN %s WHEN made local THEN it is returned unchanged", (_, object) => {
    expect(localNodePool(object as KubeObject)).toBe(object);
  });

  it("GIVEN a NodePool with extra template fields WHEN made local THEN they are kept and the original nodeClassRef's other keys are replaced", () => {
    const pool: KubeObject = {
      apiVersion: "karpenter.sh/v1",
      kind: "NodePool",
      metadata: { name: "gpu", labels: { a: "b" } },
      spec: { weight: 5, template: { metadata: { labels: { team: "x" } }, spec: { taints: [{ key: "gpu", effect: "NoSchedule" }], nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "gpu-class" } } } },
    };
    expect(localNodePool(pool)).toEqual({
      apiVersion: "karpenter.sh/v1",
      kind: "NodePool",
      metadata: { name: "gpu", labels: { a: "b" } },
      spec: { weight: 5, template: { metadata: { labels: { team: "x" } }, spec: { taints: [{ key: "gpu", effect: "NoSchedule" }], nodeClassRef: { group: "karpenter.kwok.sh", kind: "KWOKNodeClass", name: "gpu-class" } } } },
    });
  });
});
