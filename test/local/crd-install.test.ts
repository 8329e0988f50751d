import { describe, expect, it } from "vitest";
import type { PlannedObject } from "../../src/local/apply-plan.js";
import { neededCrds } from "../../src/local/crd-install.js";
import { crd } from "../support/crd.js";

const planned = (group: string, kind: string): PlannedObject => ({
  object: crd({ group, kind }),
  source: "test",
  served: { resource: "customresourcedefinitions", namespaced: false },
});

const available = [
  planned("karpenter.sh", "NodePool"),
  planned("karpenter.sh", "NodeClaim"),
  planned("karpenter.sh", "NodeOverlay"),
  planned("karpenter.k8s.aws", "EC2NodeClass"),
  planned("karpenter.kwok.sh", "KWOKNodeClass"),
  planned("argoproj.io", "Rollout"),
  planned("argoproj.io", "AnalysisRun"),
  planned("monitoring.coreos.com", "Prometheus"),
];
const names = (crds: PlannedObject[]) => crds.map((entry) => entry.object.metadata.name).sort();

describe("neededCrds", () => {
  it("GIVEN NodePools and KWOKNodeClasses in use WHEN selecting CRDs THEN NodeClaim comes too (the local Karpenter creates them), not the gated NodeOverlay", () => {
    expect(names(neededCrds(available, new Set(["karpenter.sh/NodePool", "karpenter.kwok.sh/KWOKNodeClass", "karpenter.k8s.aws/EC2NodeClass"])))).toEqual([
      "ec2nodeclasss.karpenter.k8s.aws",
      "kwoknodeclasss.karpenter.kwok.sh",
      "nodeclaims.karpenter.sh",
      "nodepools.karpenter.sh",
    ]);
  });

  it("GIVEN Rollouts in use WHEN selecting CRDs THEN the kinds the Rollouts controller watches come too", () => {
    expect(names(neededCrds(available, new Set(["argoproj.io/Rollout"])))).toEqual(["analysisruns.argoproj.io", "rollouts.argoproj.io"]);
  });

  it("GIVEN no Karpenter kind in use (Karpenter off) WHEN selecting CRDs THEN none of its CRDs is installed", () => {
    expect(names(neededCrds(available, new Set(["monitoring.coreos.com/Prometheus"])))).toEqual(["prometheuss.monitoring.coreos.com"]);
  });
});
