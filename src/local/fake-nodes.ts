/**
 * The fake nodes of a local cluster, derived from the spec: every managed node group at
 * its desired size, plus, when Karpenter is on, one node per capacity-spread value (what
 * Karpenter's spot and on-demand NodePools would have launched for a spread-out
 * workload). kwok keeps them Ready and runs the pods scheduled on them.
 *
 * Each node carries what the real one would: instance type with its capacity and
 * allocatable, zone across the spec's availability zones, capacity type, the node
 * group's labels and taints. Application pods spread over the capacity-spread label with
 * DoNotSchedule and minDomains, so without the Karpenter nodes they would stay Pending,
 * exactly as on EKS before Karpenter launches capacity.
 */
import { addonEnabled } from "../gitops/addons/catalog.js";
import type { KubeObject } from "../manifest/kube-object.js";
import { CAPACITY_SPREAD_LABEL } from "../gitops/conventions.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { instanceType, nodeResources } from "./instance-types.js";

/** Label naming the node group (or local Karpenter pool) a fake node stands for; the summary groups pods by it. */
export const LOCAL_NODE_GROUP_LABEL = "slipway.io/local-node-group";
/** kwok manages the nodes carrying this annotation (`--manage-nodes-with-annotation-selector`). */
export const KWOK_NODE_ANNOTATION = { key: "kwok.x-k8s.io/node", value: "fake" } as const;

const ZONE_SUFFIXES = "abcdef";

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
  if (addonEnabled(spec, "karpenter")) {
    const { spot, onDemand } = spec.karpenter.capacitySplit;
    const { instanceFamilies, instanceSizes } = spec.karpenter;
    // The largest allowed size of the first family: the fewest nodes that hold a spread-out workload.
    const type = `${instanceFamilies[0]}.${instanceSizes[instanceSizes.length - 1]}`;
    for (let value = 1; value <= spot + onDemand; value++) {
      const capacityType = value <= spot ? "spot" : "on-demand";
      shapes.push({
        name: `karpenter-${capacityType}-${value}`,
        group: `karpenter-${capacityType}`,
        instanceType: type,
        zoneIndex: (value - 1) % zones,
        capacityType,
        diskGiB: spec.karpenter.rootVolume.sizeGiB,
        labels: { [CAPACITY_SPREAD_LABEL]: String(value), "karpenter.sh/registered": "true", "karpenter.sh/initialized": "true" },
        taints: [],
        where: "karpenter.instanceFamilies",
      });
    }
  }
  return shapes;
}

function nodeObject(shape: NodeShape, spec: PlatformSpec, kubernetesVersion: string): KubeObject {
  const resources = nodeResources(instanceType(shape.instanceType, shape.where), shape.diskGiB);
  const zone = `${spec.aws.region}${ZONE_SUFFIXES[shape.zoneIndex]}`;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: shape.name,
      annotations: {
        [KWOK_NODE_ANNOTATION.key]: KWOK_NODE_ANNOTATION.value,
        "node.alpha.kubernetes.io/ttl": "0",
        // All fake nodes share kwok's port; metrics-server (>= 0.7) scrapes this per-node path instead of /metrics/resource.
        "metrics.k8s.io/resource-metrics-path": `/metrics/nodes/${shape.name}/metrics/resource`,
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
