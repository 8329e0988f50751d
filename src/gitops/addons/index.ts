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

export const ADDONS_GENERATORS: readonly GitOpsGenerator[] = [
  awsLoadBalancerControllerGenerator,
  karpenterGenerator,
  metricsServerGenerator,
  externalSecretsGenerator,
  certManagerGenerator,
  secretsStoreCsiDriverGenerator,
  secretsStoreCsiProviderAwsGenerator,
  argoRolloutsGenerator,
  kubePrometheusStackGenerator,
  lokiGenerator,
  tempoGenerator,
  alloyGenerator,
  prometheusAdapterGenerator,
];
