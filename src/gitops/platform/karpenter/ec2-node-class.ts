/**
 * The `karpenter.k8s.aws/v1` EC2NodeClass every NodePool launches from: the node IAM role
 * the CDK app creates, subnets and security group found by the discovery tag, the current
 * Amazon Linux 2023 AMI, IMDSv2 only with a hop limit of 1 (pods cannot reach the node's
 * credentials), and an encrypted gp3 root volume from the spec.
 */
import type { KubeObject } from "../../../manifest/kube-object.js";
import type { PlatformNames } from "../../../platform-spec/names.js";
import type { PlatformSpec } from "../../../platform-spec/schema.js";
import { CRD_API_VERSIONS } from "../../../versions.js";
import { MANAGED_BY_LABELS } from "../../conventions.js";

export const EC2_NODE_CLASS_NAME = "default";
/** Root device of Amazon Linux 2023 AMIs. */
export const AL2023_ROOT_DEVICE = "/dev/xvda";

export function ec2NodeClass(spec: PlatformSpec, names: PlatformNames): KubeObject {
  const discovery = { [names.karpenter.discoveryTagKey]: names.karpenter.discoveryTagValue };
  const volume = spec.karpenter.rootVolume;
  return {
    apiVersion: CRD_API_VERSIONS.karpenterEc2NodeClass,
    kind: "EC2NodeClass",
    metadata: { name: EC2_NODE_CLASS_NAME, labels: { ...MANAGED_BY_LABELS } },
    spec: {
      role: names.karpenter.nodeRoleName,
      amiSelectorTerms: [{ alias: "al2023@latest" }],
      subnetSelectorTerms: [{ tags: discovery }],
      securityGroupSelectorTerms: [{ tags: discovery }],
      metadataOptions: { httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "required" },
      blockDeviceMappings: [
        {
          deviceName: AL2023_ROOT_DEVICE,
          rootVolume: true,
          ebs: { volumeSize: `${volume.sizeGiB}Gi`, volumeType: volume.type, encrypted: volume.encrypted, deleteOnTermination: true },
        },
      ],
      tags: { "slipway.io/cluster": names.clusterName },
    },
  };
}
