/**
 * The Argo CD bootstrap after `cdk deploy`: the planned commands, the CLI around them, and
 * the pinned helm and kubectl binaries accepting every flag the plan uses. Installing the
 * chart itself needs a cluster and the chart from the network, so it is not run here.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { stringify } from "yaml";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CommandIO } from "../../src/cli/command.js";
import { bootstrapPlan, renderStep } from "../../src/bootstrap/bootstrap-plan.js";
import { parseSpec } from "../../src/platform-spec/load.js";
import { platformNames } from "../../src/platform-spec/names.js";
import { helmPath, kubectlPath } from "../../src/tools/kubectl.js";
import { CHARTS } from "../../src/versions.js";
import { CAPABILITY_SPEC } from "../support/argocd-capability-spec.js";

const names = platformNames(parseSpec({}, "test"));

function captureIO(cwd: string): CommandIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, stdout: (text) => out.push(text), stderr: (text) => err.push(text), readStdin: async () => "" };
}

describe("GIVEN the bootstrap plan", () => {
  it("WHEN it is planned for the reference platform THEN it writes a kubeconfig, creates the labelled argocd namespace, installs the pinned argo-cd chart with the synthesized values, applies the platform AppProject and then the root Application", () => {
    const steps = bootstrapPlan({ names, gitopsDirectory: "/out/gitops", kubeconfig: "/tmp/k/config" }).map(renderStep);
    expect(steps).toEqual([
      "aws eks update-kubeconfig --name production-cluster --region eu-west-1 --kubeconfig /tmp/k/config",
      "kubectl apply --server-side --filename /out/gitops/bootstrap/argocd-namespace.yaml --kubeconfig /tmp/k/config",
      `helm upgrade --install argocd argo-cd --repo ${CHARTS.argoCd.repoURL} --version ${CHARTS.argoCd.version} --namespace argocd --create-namespace --values /out/gitops/bootstrap/argocd-values.yaml --wait --timeout 15m --kubeconfig /tmp/k/config`,
      // Argo CD does not sync an Application whose AppProject does not exist: the root's project goes first.
      "kubectl apply --server-side --filename /out/gitops/apps/projects/platform.yaml --kubeconfig /tmp/k/config",
      "kubectl apply --server-side --filename /out/gitops/bootstrap/root-application.yaml --kubeconfig /tmp/k/config",
    ]);
  });

  it.each([
    ["an admin role", { adminRoleArn: "arn:aws:iam::111122223333:role/platform-admin" }, "--role-arn arn:aws:iam::111122223333:role/platform-admin"],
    ["an OCI chart", { chart: { ...CHARTS.argoCd, repoURL: "ghcr.io/argoproj/argo-helm" } }, "oci://ghcr.io/argoproj/argo-helm/argo-cd"],
    ["a chart from the chart cache", { chartPath: "/cache/charts/argo-cd-10.7.0.tgz" }, "helm upgrade --install argocd /cache/charts/argo-cd-10.7.0.tgz --namespace argocd"],
  ])("WHEN it is planned with %s THEN the commands use it", (_name, extra, expected) => {
    const text = bootstrapPlan({ names, gitopsDirectory: "/out/gitops", kubeconfig: "/k", ...extra }).map(renderStep).join("\n");
    expect(text).toContain(expected);
  });

  it("WHEN a kubeconfig is given THEN no AWS CLI step is planned", () => {
    const steps = bootstrapPlan({ names, gitopsDirectory: "/out/gitops", kubeconfig: "/k", writeKubeconfig: false });
    expect(steps.map((step) => step.command)).toEqual(["kubectl", "helm", "kubectl", "kubectl"]);
  });

  it("WHEN the pinned helm and kubectl are asked for help THEN they know every flag the plan uses", async () => {
    const helm = await helmPath();
    const kubectl = await kubectlPath();
    const [, , install, apply] = bootstrapPlan({ names, gitopsDirectory: "/out/gitops", kubeconfig: "/k", helm, kubectl });
    const helmHelp = execFileSync(helm, ["upgrade", "--help"], { encoding: "utf8" });
    for (const flag of install!.args.filter((arg) => arg.startsWith("--"))) expect(helmHelp, flag).toContain(flag);
    const kubectlHelp = execFileSync(kubectl, ["apply", "--help"], { encoding: "utf8" });
    for (const flag of apply!.args.filter((arg) => arg.startsWith("--") && arg !== "--kubeconfig")) expect(kubectlHelp, flag).toContain(flag);
    expect(execFileSync(kubectl, ["options"], { encoding: "utf8" })).toContain("--kubeconfig");
  });
});

describe("GIVEN the bootstrap plan of argocd.mode eks-capability", () => {
  const capabilityNames = platformNames(parseSpec(CAPABILITY_SPEC, "test"));

  it("WHEN it is planned THEN nothing is installed: the capability's role gets cluster-admin, the cluster is registered, the platform AppProject and then the root Application applied", () => {
    const steps = bootstrapPlan({ names: capabilityNames, gitopsDirectory: "/out/gitops", kubeconfig: "/k", argocdMode: "eks-capability" }).map(renderStep);
    expect(steps).toEqual([
      "aws eks update-kubeconfig --name production-cluster --region eu-west-1 --kubeconfig /k",
      "aws eks associate-access-policy --cluster-name production-cluster --region eu-west-1 --principal-arn arn:aws:iam::111122223333:role/production-cluster-argocd-capability --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy --access-scope type=cluster",
      "kubectl apply --server-side --filename /out/gitops/bootstrap/local-cluster.yaml --kubeconfig /k",
      "kubectl apply --server-side --filename /out/gitops/apps/projects/platform.yaml --kubeconfig /k",
      "kubectl apply --server-side --filename /out/gitops/bootstrap/root-application.yaml --kubeconfig /k",
    ]);
    expect(steps.join("\n")).not.toMatch(/helm|argocd-values|argocd-namespace/);
  });
});

describe("GIVEN slipway bootstrap", () => {
  it("WHEN it runs with --dry-run THEN it prints the commands and runs nothing", async () => {
    const io = captureIO("/work-dir");
    expect(await main(["bootstrap", "--dry-run"], io)).toBe(0);
    const printed = io.out.join("");
    expect(printed).toContain("# write a kubeconfig for production-cluster to <temporary>/config\naws eks update-kubeconfig --name production-cluster");
    expect(printed).toContain("--values /work-dir/out/gitops/bootstrap/argocd-values.yaml");
    expect(printed).toContain("kubectl apply --server-side --filename /work-dir/out/gitops/apps/projects/platform.yaml");
    expect(printed).toContain("kubectl apply --server-side --filename /work-dir/out/gitops/bootstrap/root-application.yaml");
  });

  it("WHEN the spec is in eks-capability mode and the tree was not synthesized THEN it asks for the capability's files, not Argo CD's values", async () => {
    const empty = mkdtempSync(join(tmpdir(), "slipway-bootstrap-"));
    try {
      writeFileSync(join(empty, "slipway.yaml"), stringify(CAPABILITY_SPEC));
      const io = captureIO(empty);
      expect(await main(["bootstrap", "--out", "nowhere"], io)).toBe(1);
      expect(io.err.join("")).toContain("error INPUT_UNREADABLE: bootstrap/local-cluster.yaml is missing from the synthesized GitOps tree");
      const dry = captureIO(empty);
      expect(await main(["bootstrap", "--dry-run"], dry)).toBe(0);
      expect(dry.out.join("")).toContain("aws eks associate-access-policy");
      expect(dry.out.join("")).not.toContain("helm");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("WHEN the GitOps tree was not synthesized THEN it fails before running anything and says to run slipway synth", async () => {
    const empty = mkdtempSync(join(tmpdir(), "slipway-bootstrap-"));
    try {
      const io = captureIO(empty);
      expect(await main(["bootstrap", "--out", "nowhere"], io)).toBe(1);
      expect(io.err.join("")).toBe(
        `error INPUT_UNREADABLE: bootstrap/argocd-namespace.yaml is missing from the synthesized GitOps tree\n  where: ${join(empty, "nowhere", "gitops", "bootstrap", "argocd-namespace.yaml")}\n  fix: run slipway synth --out nowhere first\n`,
      );
      expect(io.out).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
