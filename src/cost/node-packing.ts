/**
 * First-fit decreasing packing of pods onto nodes of one shape: how many nodes a set of
 * pods needs once every node has paid for its DaemonSets. Pods are sorted by CPU, then
 * memory, so the result does not depend on the order they were listed in.
 */
import type { NodeShape } from "./node-shapes.js";
import type { Resources } from "./pod-requests.js";

export interface PerNodeOverhead {
  /** Requests of the DaemonSet pods every node of this shape runs. */
  readonly requests: Resources;
  readonly pods: number;
}

export interface OpenNode {
  cpuMillicores: number;
  memoryMiB: number;
  pods: number;
}

/** An empty node of `shape` after its DaemonSets, or undefined when they alone do not fit. */
export function emptyNode(shape: NodeShape, overhead: PerNodeOverhead): OpenNode | undefined {
  const node = {
    cpuMillicores: shape.allocatable.cpuMillicores - overhead.requests.cpuMillicores,
    memoryMiB: shape.allocatable.memoryMiB - overhead.requests.memoryMiB,
    pods: shape.maxPods - overhead.pods,
  };
  return node.cpuMillicores < 0 || node.memoryMiB < 0 || node.pods < 0 ? undefined : node;
}

export function fits(node: OpenNode, pod: Resources): boolean {
  return node.pods >= 1 && node.cpuMillicores >= pod.cpuMillicores && node.memoryMiB >= pod.memoryMiB;
}

export function take(node: OpenNode, pod: Resources): void {
  node.cpuMillicores -= pod.cpuMillicores;
  node.memoryMiB -= pod.memoryMiB;
  node.pods -= 1;
}

export function sortedForPacking(pods: readonly Resources[]): Resources[] {
  return [...pods].sort((a, b) => b.cpuMillicores - a.cpuMillicores || b.memoryMiB - a.memoryMiB);
}

/**
 * The nodes of `shape` that hold `pods` (first fit, largest first), or undefined when one
 * pod does not fit even an empty node.
 */
export function packPods(shape: NodeShape, overhead: PerNodeOverhead, pods: readonly Resources[]): OpenNode[] | undefined {
  const nodes: OpenNode[] = [];
  for (const pod of sortedForPacking(pods)) {
    let node = nodes.find((open) => fits(open, pod));
    if (node === undefined) {
      const fresh = emptyNode(shape, overhead);
      if (fresh === undefined || !fits(fresh, pod)) return undefined;
      nodes.push(fresh);
      node = fresh;
    }
    take(node, pod);
  }
  return nodes;
}
