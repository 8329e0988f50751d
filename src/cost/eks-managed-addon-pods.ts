/**
 * Pods of the EKS managed add-ons the CDK app installs (src/cdk/managed-addons.ts). They
 * are not in any chart Slipway renders, so their requests are recorded here from the
 * add-ons' default configuration (EKS 1.35 add-on versions), without a live look-up:
 *
 * - vpc-cni `aws-node` DaemonSet: 25m CPU (the `aws-node` container's default request).
 * - kube-proxy DaemonSet: 100m CPU.
 * - aws-ebs-csi-driver `ebs-csi-node` DaemonSet: three containers of 10m CPU and 40Mi;
 *   `ebs-csi-controller` Deployment, 2 replicas of six such containers.
 * - coredns Deployment: 2 replicas of 100m CPU and 70Mi; tolerates CriticalAddonsOnly.
 * - eks-pod-identity-agent DaemonSet: its default sets no requests, so it counts nothing.
 *
 * Every DaemonSet tolerates every taint (`operator: Exists`), as the add-ons ship them.
 */
import type { PodGroup } from "./pod-requests.js";

const EVERYWHERE = [{ operator: "Exists" }] as const;

export const EKS_MANAGED_ADDON_PODS: readonly PodGroup[] = [
  { owner: "EKS add-on vpc-cni: DaemonSet kube-system/aws-node", replicas: 0, daemonSet: true, requests: { cpuMillicores: 25, memoryMiB: 0 }, nodeSelector: {}, tolerations: EVERYWHERE },
  { owner: "EKS add-on kube-proxy: DaemonSet kube-system/kube-proxy", replicas: 0, daemonSet: true, requests: { cpuMillicores: 100, memoryMiB: 0 }, nodeSelector: {}, tolerations: EVERYWHERE },
  { owner: "EKS add-on aws-ebs-csi-driver: DaemonSet kube-system/ebs-csi-node", replicas: 0, daemonSet: true, requests: { cpuMillicores: 30, memoryMiB: 120 }, nodeSelector: {}, tolerations: EVERYWHERE },
  {
    owner: "EKS add-on aws-ebs-csi-driver: Deployment kube-system/ebs-csi-controller",
    replicas: 2,
    daemonSet: false,
    requests: { cpuMillicores: 60, memoryMiB: 240 },
    nodeSelector: {},
    tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }],
  },
  {
    owner: "EKS add-on coredns: Deployment kube-system/coredns",
    replicas: 2,
    daemonSet: false,
    requests: { cpuMillicores: 100, memoryMiB: 70 },
    nodeSelector: {},
    tolerations: [{ key: "CriticalAddonsOnly", operator: "Exists" }],
  },
];
