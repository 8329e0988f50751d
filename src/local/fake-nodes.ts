/**
 * The fake nodes of a local cluster's managed node groups, derived from the spec: every
 * group at its desired size. kwok keeps them Ready and runs the pods scheduled on them.
 * Karpenter's capacity is not here: the local Karpenter (its kwok provider) creates it
 * for pending pods, as on EKS.
 *
 * Each node carries what the real one would: instance type with its capacity and
 * allocatable, zone across the spec's availability zones, capacity type, the node
 * group's labels and taints. Application pods spread over the capacity-spread label with
 * DoNotSchedule and minDomains, so no managed node takes them: they stay Pending until
 * Karpenter launches nodes carrying that label, exactly as on EKS.
 */
import type { KubeObject } from "../manifest/kube-object.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { availabilityZoneNames } from "../cdk/availability-zones.js";
import { instanceType, nodeResources } from "./instance-types.js";
import { METRICS_PATH_ANNOTATION } from "./kwok-metrics-path-stage.js";

/** Label naming the managed node group a fake node stands for; the summary groups pods by it (Karpenter's nodes by their NodePool). */
export const LOCAL_NODE_GROUP_LABEL = "slipway.io/local-node-group";
/** kwok manages the nodes carrying this annotation (`--manage-nodes-with-annotation-selector`). */
export const KWOK_NODE_ANNOTATION = { key: "kwok.x-k8s.io/node", value: "fake" } as const;

interface NodeShape {
  readonly name: string;
  readonly group: string;
  readonly instanceType: string;
  readonly zoneIndex: number;
  readonly capacityType: "on-demand" | "spot";
  readonly diskGiB: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly { key: string; value: string; effect: string }[];
  readonly where: string;
}

export function fakeNodes(spec: PlatformSpec, kubernetesVersion: string): KubeObject[] {
  return nodeShapes(spec).map((shape) => nodeObject(shape, spec, kubernetesVersion));
}

export function nodeShapes(spec: PlatformSpec): NodeShape[] {
  const shapes: NodeShape[] = [];
  const zones = spec.cluster.availabilityZones;
  for (const [group, nodeGroup] of Object.entries(spec.nodeGroups)) {
    const count = nodeGroup.desiredSize ?? nodeGroup.minSize;
    for (let index = 0; index < count; index++) {
      const type = nodeGroup.instanceTypes[index % nodeGroup.instanceTypes.length]!;
      shapes.push({
        name: `${group}-${index}`,
        group,
        instanceType: type,
        zoneIndex: index % zones,
        capacityType: nodeGroup.capacityType === "SPOT" ? "spot" : "on-demand",
        diskGiB: nodeGroup.diskSizeGiB,
        labels: { ...nodeGroup.labels, "eks.amazonaws.com/nodegroup": group, "eks.amazonaws.com/capacityType": nodeGroup.capacityType },
        taints: nodeGroup.taints,
        where: `nodeGroups.${group}.instanceTypes`,
      });
    }
  }
  return shapes;
}

function nodeObject(shape: NodeShape, spec: PlatformSpec, kubernetesVersion: string): KubeObject {
  const resources = nodeResources(instanceType(shape.instanceType, shape.where), shape.diskGiB);
  const zone = availabilityZoneNames(spec.aws.region, spec.cluster.availabilityZones)[shape.zoneIndex]!;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: shape.name,
      annotations: {
        [KWOK_NODE_ANNOTATION.key]: KWOK_NODE_ANNOTATION.value,
        "node.alpha.kubernetes.io/ttl": "0",
        // All fake nodes share kwok's port; metrics-server (>= 0.7) scrapes this per-node path instead of /metrics/resource.
        [METRICS_PATH_ANNOTATION]: `/metrics/nodes/${shape.name}/metrics/resource`,
      },
      labels: {
        ...shape.labels,
        [LOCAL_NODE_GROUP_LABEL]: shape.group,
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/os": "linux",
        "kubernetes.io/hostname": shape.name,
        "node.kubernetes.io/instance-type": shape.instanceType,
        "topology.kubernetes.io/region": spec.aws.region,
        "topology.kubernetes.io/zone": zone,
        "karpenter.sh/capacity-type": shape.capacityType,
        type: "kwok",
      },
    },
    spec: shape.taints.length === 0 ? {} : { taints: shape.taints.map((taint) => ({ ...taint })) },
    status: {
      capacity: resources.capacity,
      allocatable: resources.allocatable,
      nodeInfo: { architecture: "amd64", operatingSystem: "linux", kubeletVersion: kubernetesVersion, kubeProxyVersion: kubernetesVersion },
    },
  };
}
