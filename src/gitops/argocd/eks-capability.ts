/**
 * The GitOps tree for the EKS managed Argo CD capability (`argocd.mode: eks-capability`).
 *
 * What differs from a self-managed Argo CD, from the EKS user guide ("Register target
 * clusters", checked 2026-11-30): the capability runs outside the cluster, so it does not
 * know `https://kubernetes.default.svc` and does not register the cluster it belongs to.
 * Applications and AppProjects must name the cluster by its EKS ARN, registered by an
 * Argo CD cluster Secret (`bootstrap/local-cluster.yaml`, applied by `slipway bootstrap`).
 * There is no Argo CD to install: no Helm values, no namespace of ours (the capability
 * creates its namespace). Applications and AppProjects already live in `argocd`, the
 * namespace the CDK app gives the capability, and nothing generated uses a config
 * management plugin; `slipway check --argocd eks-capability` enforces both.
 *
 * The Applications are built the same in both modes and retargeted here, in one place,
 * because the in-cluster server is the only fact that changes.
 */
import type { KubeObject } from "../../manifest/kube-object.js";
import { toYaml } from "../../manifest/serialize.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import type { PlatformSpec } from "../../platform-spec/schema.js";
import { MANAGED_BY_LABELS } from "../conventions.js";
import { isManifestFile, type GitOpsFile, type GitOpsGenerator } from "../gitops-file.js";
import { ARGOCD_NAMESPACE } from "./application.js";
import { SlipwayError } from "../../errors.js";
import { EKS_CAPABILITY_MAX_APPLICATIONS } from "../../platform-spec/argocd-spec.js";

/** Server of the cluster Argo CD runs in, as a self-managed Argo CD knows it. */
export const IN_CLUSTER_SERVER = "https://kubernetes.default.svc";
/** Name Argo CD examples use for the local cluster; the capability's docs keep it. */
export const LOCAL_CLUSTER_NAME = "in-cluster";
export const LOCAL_CLUSTER_PATH = "bootstrap/local-cluster.yaml";

export function isEksCapability(spec: PlatformSpec): boolean {
  return spec.argocd.mode === "eks-capability";
}

/** EKS cluster ARN: how the capability names the cluster it deploys to. */
export function clusterArn(names: PlatformNames): string {
  return `arn:${names.partition}:eks:${names.region}:${names.account}:cluster/${names.clusterName}`;
}

/** The Argo CD cluster Secret registering the platform's cluster with the capability. */
export function localClusterSecret(names: PlatformNames): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: LOCAL_CLUSTER_NAME,
      namespace: ARGOCD_NAMESPACE,
      labels: { ...MANAGED_BY_LABELS, "argocd.argoproj.io/secret-type": "cluster" },
    },
    type: "Opaque",
    stringData: { name: LOCAL_CLUSTER_NAME, server: clusterArn(names) },
  };
}

/** `bootstrap/local-cluster.yaml`, in eks-capability mode only. */
export const localClusterGenerator: GitOpsGenerator = ({ spec, names }) => {
  if (!isEksCapability(spec)) return [];
  const header = [
    "# Registers this EKS cluster with the managed Argo CD capability (slipway bootstrap applies it).",
    "# slipway:ignore best-practice/secret-in-manifest -- a cluster's name and ARN, no credential: the capability reaches the cluster with its own IAM role",
    "",
  ].join("\n");
  return [{ path: LOCAL_CLUSTER_PATH, content: header + toYaml(localClusterSecret(names)) }];
};

/** Every Application and AppProject destination that names the in-cluster server, renamed to the cluster ARN. */
export function retargetToClusterArn(files: readonly GitOpsFile[], names: PlatformNames): GitOpsFile[] {
  const server = clusterArn(names);
  const retarget = (destination: unknown): unknown => {
    if (destination === null || typeof destination !== "object") return destination;
    const record = destination as Record<string, unknown>;
    return record.server === IN_CLUSTER_SERVER ? { ...record, server } : record;
  };
  return files.map((file) => {
    if (!isManifestFile(file)) return file;
    const objects = file.objects.map((object) => {
      if (object.kind !== "Application" && object.kind !== "AppProject") return object;
      const spec = object.spec as Record<string, unknown>;
      const retargeted =
        object.kind === "Application"
          ? { ...spec, destination: retarget(spec.destination) }
          : { ...spec, destinations: Array.isArray(spec.destinations) ? spec.destinations.map(retarget) : spec.destinations };
      return { ...object, spec: retargeted };
    });
    return { ...file, objects };
  });
}

/**
 * A tree with more Applications than the capability manages is refused before anything
 * is written: the spec, not the cluster, is where that is fixed. (`slipway check
 * --argocd eks-capability` reports the same limit on any tree.)
 */
export function assertWithinCapabilityLimits(files: readonly GitOpsFile[]): void {
  const applications = files.flatMap((file) => (isManifestFile(file) ? file.objects.filter((object) => object.kind === "Application") : []));
  if (applications.length <= EKS_CAPABILITY_MAX_APPLICATIONS) return;
  throw new SlipwayError("SPEC_INVALID", `the platform spec generates ${applications.length} Argo CD Applications; nothing was written`, {
    where: "argocd.mode",
    problems: [`argocd.mode: eks-capability manages at most ${EKS_CAPABILITY_MAX_APPLICATIONS} Applications, and the add-ons, platform folders and applications of this spec need ${applications.length}`],
    fix: `split the applications over several clusters, or use argocd.mode: self-managed, which has no such limit`,
  });
}
