/**
 * AWS Load Balancer Controller: turns Ingresses (class `alb`) and LoadBalancer Services
 * into ALBs and NLBs. Its AWS permissions come from EKS Pod Identity bound to the service
 * account name in the bridge, so the service account carries no role annotation.
 * Pods cannot reach the instance metadata service (hop limit 1), so region and VPC are
 * given explicitly: the VPC is found by its `Name` tag, which the CDK app sets.
 *
 * The webhook's serving certificate comes from cert-manager (`enableCertManager`): without
 * it the chart generates a new CA and key with `genCA` on every render, and since Argo CD
 * renders on every refresh, the Secret and the webhooks' caBundle would differ each time
 * and the Application would never stay Synced. cert-manager syncs in an earlier wave
 * (SYNC_WAVES.certificates), so the Certificate and Issuer kinds exist when this
 * Application is applied.
 */
import { chartApplication } from "../argocd/application.js";
import { PLATFORM_PROJECT } from "../argocd/app-projects.js";
import type { GitOpsGenerator } from "../gitops-file.js";
import type { PlatformNames } from "../../platform-spec/names.js";
import type { PlatformSpec } from "../../platform-spec/schema.js";
import { SYNC_WAVES } from "../sync-waves.js";
import { addonFile } from "./addon-file.js";
import { addonNamespaceMetadata } from "./addon-namespaces.js";
import { systemPlacement } from "./system-placement.js";

export function awsLoadBalancerControllerValues(spec: PlatformSpec, names: PlatformNames): Record<string, unknown> {
  const identity = names.identities.awsLoadBalancerController;
  const placement = systemPlacement(spec);
  return {
    clusterName: names.clusterName,
    region: names.region,
    vpcTags: { Name: names.vpcName },
    serviceAccount: { create: true, name: identity.serviceAccount },
    replicaCount: 2,
    enableCertManager: true,
    nodeSelector: placement.nodeSelector,
    tolerations: placement.tolerations,
  };
}

export const awsLoadBalancerControllerGenerator: GitOpsGenerator = ({ spec, names }) => [
  addonFile(
    "system",
    chartApplication({
      name: "aws-load-balancer-controller",
      project: PLATFORM_PROJECT,
      wave: SYNC_WAVES.systemControllers,
      destinationNamespace: names.identities.awsLoadBalancerController.namespace,
      namespaceMetadata: addonNamespaceMetadata(names, names.identities.awsLoadBalancerController.namespace),
      chart: "awsLoadBalancerController",
      values: awsLoadBalancerControllerValues(spec, names),
    }),
  ),
];
