/**
 * How Argo CD gets onto a new cluster after `cdk deploy`: three commands, planned here as
 * data so they can be shown (`slipway bootstrap --dry-run`), tested and run the same way.
 *
 * 1. `aws eks update-kubeconfig` writes a private kubeconfig for the cluster (assuming the
 *    spec's admin role when one is set), unless the user passes their own.
 * 2. `kubectl apply` creates the `argocd` namespace with its Pod Security labels
 *    (`bootstrap/argocd-namespace.yaml`), which helm's `--create-namespace` would leave out.
 * 3. `helm upgrade --install` installs the pinned argo-cd chart with the synthesized
 *    `bootstrap/argocd-values.yaml` and waits for it.
 * 4. `kubectl apply` creates the platform AppProject (`apps/projects/platform.yaml`): the
 *    root Application belongs to it, and Argo CD does not sync an Application whose
 *    project does not exist yet (InvalidSpecError, as the local Argo CD of `up --local` shows).
 * 5. `kubectl apply` creates the root Application; from then on Argo CD owns everything,
 *    the project above and upgrades of Argo CD itself through the repository included.
 *
 * With `argocd.mode: eks-capability` there is nothing to install: EKS runs Argo CD. The
 * plan then (2) gives the capability's role cluster-admin through its access entry (EKS
 * creates the entry but grants no Kubernetes permission), (3) registers the cluster with
 * `bootstrap/local-cluster.yaml` (the capability does not register it) and (4) creates
 * the platform AppProject and the root Application as above.
 *
 * Why a command and not a CDK Helm chart resource: aws-eks-v2 installs charts through a
 * Lambda-backed kubectl provider (a custom resource with a bundled kubectl/helm layer),
 * which this stack deliberately avoids; the commands are idempotent, run with the
 * operator's own credentials, and use the helm and kubectl binaries Slipway pins.
 */
import { posix } from "node:path";
import type { PlatformNames } from "../platform-spec/names.js";
import { ARGOCD_NAMESPACE_PATH } from "../gitops/argocd/argocd-namespace.js";
import { ARGOCD_VALUES_PATH } from "../gitops/argocd/argocd-values.js";
import { ROOT_APPLICATION_PATH } from "../gitops/argocd/root-application.js";
import { PLATFORM_PROJECT_PATH } from "../gitops/argocd/app-projects.js";
import { LOCAL_CLUSTER_PATH } from "../gitops/argocd/eks-capability.js";
import type { ArgoCdMode } from "../platform-spec/argocd-spec.js";
import { CHARTS, type ChartVersion } from "../versions.js";

export interface BootstrapStep {
  readonly description: string;
  /** Executable: a path, or a name looked up on PATH (`aws`). */
  readonly command: string;
  readonly args: readonly string[];
}

export interface BootstrapPlanInput {
  readonly names: PlatformNames;
  /** Folder of the synthesized GitOps tree (`<out>/gitops`). */
  readonly gitopsDirectory: string;
  readonly kubeconfig: string;
  /** Write the kubeconfig with the AWS CLI first. @default true */
  readonly writeKubeconfig?: boolean;
  /** Role to assume for the cluster (the spec's admin role). @default the caller's identity */
  readonly adminRoleArn?: string;
  /** @default "helm" */
  readonly helm?: string;
  /** @default "kubectl" */
  readonly kubectl?: string;
  /** @default "aws" */
  readonly aws?: string;
  /** Who runs Argo CD (the spec's `argocd.mode`). @default "self-managed" */
  readonly argocdMode?: ArgoCdMode;
  /** @default CHARTS.argoCd */
  readonly chart?: ChartVersion;
  /**
   * The packaged chart (.tgz) to install, resolved through the chart cache
   * (src/charts/chart-resolver.ts). @default helm pulls `chart` from its repository
   */
  readonly chartPath?: string;
}

/** Helm release Argo CD is installed as; the GitOps tree's argocd values assume this name. */
export const ARGOCD_RELEASE = "argocd";

export function bootstrapPlan(input: BootstrapPlanInput): BootstrapStep[] {
  const { names, kubeconfig } = input;
  const chart = input.chart ?? CHARTS.argoCd;
  const file = (path: string) => posix.join(input.gitopsDirectory.split("\\").join("/"), path);
  const steps: BootstrapStep[] = [];
  if (input.writeKubeconfig ?? true) {
    steps.push({
      description: `write a kubeconfig for ${names.clusterName} to ${kubeconfig}`,
      command: input.aws ?? "aws",
      args: [
        "eks",
        "update-kubeconfig",
        "--name",
        names.clusterName,
        "--region",
        names.region,
        "--kubeconfig",
        kubeconfig,
        ...(input.adminRoleArn ? ["--role-arn", input.adminRoleArn] : []),
      ],
    });
  }
  if (input.argocdMode === "eks-capability") {
    steps.push({
      description: `give the Argo CD capability's role ${names.argocdCapabilityRoleName} cluster-admin on ${names.clusterName}`,
      command: input.aws ?? "aws",
      args: [
        "eks",
        "associate-access-policy",
        "--cluster-name",
        names.clusterName,
        "--region",
        names.region,
        "--principal-arn",
        `arn:${names.partition}:iam::${names.account}:role/${names.argocdCapabilityRoleName}`,
        "--policy-arn",
        `arn:${names.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
        "--access-scope",
        "type=cluster",
      ],
    });
    steps.push({
      description: `register ${names.clusterName} with the Argo CD capability`,
      command: input.kubectl ?? "kubectl",
      args: ["apply", "--server-side", "--filename", file(LOCAL_CLUSTER_PATH), "--kubeconfig", kubeconfig],
    });
    steps.push(...rootApplicationSteps(input, file));
    return steps;
  }
  steps.push({
    description: `create the ${names.namespaces.argocd} namespace with its Pod Security labels`,
    command: input.kubectl ?? "kubectl",
    args: ["apply", "--server-side", "--filename", file(ARGOCD_NAMESPACE_PATH), "--kubeconfig", kubeconfig],
  });
  const isOci = !/^https?:\/\//.test(chart.repoURL);
  steps.push({
    description: `install ${chart.chart} ${chart.version} (Argo CD ${chart.appVersion}) into ${names.namespaces.argocd}`,
    command: input.helm ?? "helm",
    args: [
      "upgrade",
      "--install",
      ARGOCD_RELEASE,
      ...(input.chartPath !== undefined
        ? [input.chartPath]
        : [...(isOci ? [`oci://${chart.repoURL}/${chart.chart}`] : [chart.chart, "--repo", chart.repoURL]), "--version", chart.version]),
      "--namespace",
      names.namespaces.argocd,
      "--create-namespace",
      "--values",
      file(ARGOCD_VALUES_PATH),
      "--wait",
      "--timeout",
      "15m",
      "--kubeconfig",
      kubeconfig,
    ],
  });
  steps.push(...rootApplicationSteps(input, file));
  return steps;
}

/**
 * The platform AppProject, then the root Application that belongs to it: Argo CD does not
 * sync an Application whose project does not exist yet.
 */
function rootApplicationSteps(input: BootstrapPlanInput, file: (path: string) => string): BootstrapStep[] {
  return [
    {
      description: "create the platform AppProject the root Application belongs to",
      command: input.kubectl ?? "kubectl",
      args: ["apply", "--server-side", "--filename", file(PLATFORM_PROJECT_PATH), "--kubeconfig", input.kubeconfig],
    },
    rootApplicationStep(input, file(ROOT_APPLICATION_PATH)),
  ];
}

function rootApplicationStep(input: BootstrapPlanInput, path: string): BootstrapStep {
  return {
    description: "create the root Application (app-of-apps); Argo CD syncs the rest",
    command: input.kubectl ?? "kubectl",
    args: ["apply", "--server-side", "--filename", path, "--kubeconfig", input.kubeconfig],
  };
}

/** A step as a shell line, for `--dry-run` and error messages. */
export function renderStep(step: BootstrapStep): string {
  const quote = (word: string) => (/^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`);
  return [step.command, ...step.args].map(quote).join(" ");
}
