/**
 * The whole synthesized platform, as a user gets it, against the real tools: every
 * object validates against Kubernetes 1.35's schemas and the upstream CRDs, `slipway
 * check` finds no error and no deprecated API, and every folder builds with real kustomize.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { checkManifests, validateObjects } from "../../src/check/check.js";
import type { KubeObject } from "../../src/manifest/kube-object.js";
import { synthesizeGitOps } from "../../src/gitops/synthesize.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import type { PlatformSpecInput } from "../../src/platform-spec/schema.js";
import { writeTree } from "../../src/synth/write-tree.js";
import { kustomizeBuild } from "../../src/tools/kubectl.js";
import { upstreamCrdDirectories } from "../support/crds.js";
import { needsShared, SHARED_MISSING } from "../support/shared.js";
import { CAPABILITY_SPEC } from "../support/argocd-capability-spec.js";

const SPECS: Record<string, PlatformSpecInput> = {
  reference: {},
  customised: {
    cluster: { name: "edge", natGateways: "single" },
    gitops: { path: "clusters/edge" },
    teams: { "team-a": {}, payments: { quota: { requestsCpu: "8", limitsCpu: "16" } } },
    namespaces: { production: { team: "team-a" }, payments: { team: "payments", podSecurity: "baseline" }, sandbox: {} },
    applications: {
      "api-server": { namespace: "production" },
      ledger: {
        namespace: "payments",
        port: 8443,
        host: "ledger.example.com",
        secrets: { LEDGER_TOKEN: "token" },
        canary: { steps: [{ weight: 10, pause: "1m" }, { weight: 60 }] },
        autoscaling: { minReplicas: 2, maxReplicas: 8, memoryUtilization: null, requestsPerSecond: 200 },
      },
    },
    karpenter: { capacitySplit: { spot: 1, onDemand: 1 } },
  },
  "eks-capability": CAPABILITY_SPEC,
};

function objectsOf(tree: ReadonlyMap<string, string>): KubeObject[] {
  return [...tree]
    .filter(([path]) => path.endsWith(".yaml") && !path.endsWith("kustomization.yaml") && !path.startsWith("bootstrap/argocd-values"))
    .flatMap(([, content]) => content.split(/^---$/m).map((document) => parse(document) as KubeObject))
    .filter((object) => object !== null);
}

describe.each(Object.keys(SPECS))("the %s platform", (name) => {
  const spec = parseSpec(SPECS[name], name);
  const tree = synthesizeGitOps(spec);
  let directory: string;
  let crdDirectories: string[];

  beforeAll(async () => {
    directory = join(mkdtempSync(join(tmpdir(), "slipway-validity-")), "gitops");
    writeTree(directory, tree);
    crdDirectories = SHARED_MISSING ? [] : await upstreamCrdDirectories();
  });

  it.skipIf(needsShared(`the ${name} platform validated against upstream CRDs`))("GIVEN every synthesized object WHEN validated against Kubernetes 1.35 and the upstream CRDs THEN there is no finding", async () => {
    const objects = objectsOf(tree);
    expect(objects.length).toBeGreaterThan(30);
    const findings = await validateObjects(objects, { crdDirectories });
    // Info findings are notes, not problems: the CEL rules the checker cannot evaluate (pinned in cel-validations.test.ts).
    expect(findings.filter((finding) => finding.severity !== "info").map((finding) => `${finding.object}: ${finding.message}`)).toEqual([]);
  });

  it.skipIf(needsShared(`slipway check of the ${name} platform with upstream CRDs`))("GIVEN the written repository WHEN `slipway check` runs THEN it reports no error and no deprecated or removed API", async () => {
    // Checked for the Argo CD the spec names: the capability's limits hold on its tree.
    const result = await checkManifests([directory], { crdDirectories, failOn: "error", argocd: spec.argocd.mode });
    const errors = result.findings.filter((finding) => finding.severity === "error" || finding.ruleId.endsWith("-api"));
    expect(errors.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line ?? 0} ${finding.object ?? ""}: ${finding.message}`)).toEqual([]);
    expect(result.failed).toBe(false);
    expect(result.stats.objects).toBeGreaterThan(30);
  });

  it("GIVEN every folder with a kustomization.yaml WHEN built with real kustomize THEN it builds", async () => {
    const folders = [...tree.keys()].filter((path) => path.endsWith("kustomization.yaml")).map((path) => dirname(path));
    expect(folders).toContain(".");
    for (const folder of folders) {
      const output = await kustomizeBuild(join(directory, folder));
      expect(output, folder).toMatch(/^apiVersion: /m);
    }
  });
});

describe("the reference (self-managed) platform checked as if for the EKS Argo CD capability", () => {
  it("GIVEN its tree WHEN `slipway check --argocd eks-capability` runs THEN every Application on kubernetes.default.svc is an in-cluster error", async () => {
    const directory = join(mkdtempSync(join(tmpdir(), "slipway-validity-")), "gitops");
    const tree = synthesizeGitOps(parseSpec({}, "reference"));
    writeTree(directory, tree);
    const result = await checkManifests([directory], { argocd: "eks-capability", enable: ["argocd-capability"] });
    const applications = [...tree.values()].join("\n").match(/^kind: Application$/gm)!.length;
    expect(result.findings.filter((finding) => finding.ruleId === "argocd-capability/in-cluster")).toHaveLength(applications);
    expect(result.findings.filter((finding) => finding.ruleId !== "argocd-capability/in-cluster")).toEqual([]);
    expect(result.failed).toBe(true);
  });
});
