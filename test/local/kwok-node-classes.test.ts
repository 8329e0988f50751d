import { describe, expect, it } from "vitest";
import { kwokNodeClasses } from "../../src/local/kwok-node-classes.js";
import type { KubeObject } from "../../src/manifest/kube-object.js";

const object = (apiVersion: string, kind: string, name: string): KubeObject => ({ apiVersion, kind, metadata: { name } });

describe("kwokNodeClasses", () => {
  it("GIVEN EC2NodeClasses WHEN mapped THEN there is one KWOKNodeClass per name, sorted, and nothing for other kinds", () => {
    const classes = kwokNodeClasses([
      object("karpenter.k8s.aws/v1", "EC2NodeClass", "gpu"),
      object("karpenter.k8s.aws/v1", "EC2NodeClass", "default"),
      object("karpenter.k8s.aws/v1", "EC2NodeClass", "default"),
      object("karpenter.sh/v1", "NodePool", "spot"),
      object("example.com/v1", "EC2NodeClass", "foreign"),
    ]);
    expect(classes).toEqual([
      { apiVersion: "karpenter.kwok.sh/v1alpha1", kind: "KWOKNodeClass", metadata: { name: "default", labels: { "app.kubernetes.io/managed-by": "slipway" } }, spec: {} },
      { apiVersion: "karpenter.kwok.sh/v1alpha1", kind: "KWOKNodeClass", metadata: { name: "gpu", labels: { "app.kubernetes.io/managed-by": "slipway" } }, spec: {} },
    ]);
  });

  it("GIVEN no EC2NodeClass (Karpenter off) WHEN mapped THEN there is none", () => {
    expect(kwokNodeClasses([object("v1", "Namespace", "x")])).toEqual([]);
  });
});
