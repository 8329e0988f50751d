/**
 * Every add-on Slipway installs, by the name of its Argo CD Application, in the order
 * their files are listed. This list is the one place add-on names come from: the spec's
 * `addons` keys and the names applications may not take are read from it.
 */
import type { GitOpsGenerator } from "../gitops-file.js";
import { awsLoadBalancerControllerGenerator } from "./aws-load-balancer-controller.js";
import { karpenterGenerator } from "./karpenter.js";
import { metricsServerGenerator } from "./metrics-server.js";
import { externalSecretsGenerator } from "./external-secrets.js";
import { certManagerGenerator } from "./cert-manager.js";
import { secretsStoreCsiDriverGenerator } from "./secrets-store-csi-driver.js";
import { secretsStoreCsiProviderAwsGenerator } from "./secrets-store-csi-driver-provider-aws.js";
import { argoRolloutsGenerator } from "./argo-rollouts.js";
import { kubePrometheusStackGenerator } from "./kube-prometheus-stack.js";
import { lokiGenerator } from "./loki.js";
import { tempoGenerator } from "./tempo.js";
import { alloyGenerator } from "./alloy.js";
import { prometheusAdapterGenerator } from "./prometheus-adapter.js";

export const ADDON_NAMES = [
  "aws-load-balancer-controller",
  "karpenter",
  "metrics-server",
  "external-secrets",
  "cert-manager",
  "secrets-store-csi-driver",
  "secrets-store-csi-driver-provider-aws",
  "argo-rollouts",
  "kube-prometheus-stack",
  "loki",
  "tempo",
  "alloy",
  "prometheus-adapter",
] as const;

export type AddonName = (typeof ADDON_NAMES)[number];

export interface AddonDefinition {
  /** Name of the add-on's Argo CD Application (and its key under the spec's `addons`). */
  readonly name: AddonName;
  readonly generate: GitOpsGenerator;
}

const GENERATORS: Readonly<Record<AddonName, GitOpsGenerator>> = {
  "aws-load-balancer-controller": awsLoadBalancerControllerGenerator,
  karpenter: karpenterGenerator,
  "metrics-server": metricsServerGenerator,
  "external-secrets": externalSecretsGenerator,
  "cert-manager": certManagerGenerator,
  "secrets-store-csi-driver": secretsStoreCsiDriverGenerator,
  "secrets-store-csi-driver-provider-aws": secretsStoreCsiProviderAwsGenerator,
  "argo-rollouts": argoRolloutsGenerator,
  "kube-prometheus-stack": kubePrometheusStackGenerator,
  loki: lokiGenerator,
  tempo: tempoGenerator,
  alloy: alloyGenerator,
  "prometheus-adapter": prometheusAdapterGenerator,
};

export const ADDONS: readonly AddonDefinition[] = ADDON_NAMES.map((name) => ({ name, generate: GENERATORS[name] }));
