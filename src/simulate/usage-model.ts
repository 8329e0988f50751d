/**
 * What a pod of an application uses for a given request rate: the model behind the CPU
 * kwok reports for it (the HPA's CPU metric) and the counter the load exporter serves (its
 * requests-per-second metric).
 *
 *   CPU per pod (cores) = idle + requests per second per pod × CPU per request
 *   idle                = 10% of the CPU request
 *   CPU per request     = (target CPU − idle) / target requests per second per pod
 *   target CPU          = cpuUtilization (70% when the spec turns it off) × the CPU request
 *   memory per pod      = 50% of the memory request, whatever the load
 *
 * So at the spec's own target rate each pod sits exactly at the spec's CPU target: the two
 * metrics agree, and neither the CPU nor the rate target is favoured by the model. Memory
 * stays below any target above 50%, so it does not drive scaling (no load-dependent memory
 * model is claimed).
 */
import { toMilli } from "../gitops/platform/karpenter/split-quantity.js";
import type { PlatformSpec } from "../platform-spec/schema.js";
import { DEFAULT_REQUESTS_PER_POD } from "./load-curve.js";

export const IDLE_CPU_SHARE = 0.1;
export const MEMORY_SHARE = 0.5;
/** CPU target the model uses when the spec turns the CPU metric off. */
export const DEFAULT_CPU_UTILIZATION = 70;

export interface UsageModel {
  readonly idleMillicores: number;
  readonly millicoresPerRequest: number;
  readonly memoryBytes: number;
}

type Application = PlatformSpec["applications"][string];

export function usageModel(application: Application): UsageModel {
  const requestMillicores = Number(toMilli(application.resources.requests.cpu));
  const memoryBytes = Number(toMilli(application.resources.requests.memory) / 1000n);
  const targetMillicores = ((application.autoscaling.cpuUtilization ?? DEFAULT_CPU_UTILIZATION) / 100) * requestMillicores;
  const idleMillicores = IDLE_CPU_SHARE * requestMillicores;
  const perPod = application.autoscaling.requestsPerSecond ?? DEFAULT_REQUESTS_PER_POD;
  return {
    idleMillicores,
    millicoresPerRequest: Math.max(0, targetMillicores - idleMillicores) / perPod,
    memoryBytes: Math.round(MEMORY_SHARE * memoryBytes),
  };
}

/**
 * The usage of each of `pods` ready pods sharing `requestsPerSecond` evenly, as kwok's
 * usage annotations spell it (`kwok.x-k8s.io/usage-cpu: 123m`, `…/usage-memory: 134217728`).
 */
export function podUsage(model: UsageModel, requestsPerSecond: number, pods: number): { cpu: string; memory: string; requestsPerSecondPerPod: number } {
  const perPod = pods > 0 ? requestsPerSecond / pods : 0;
  return {
    cpu: `${Math.max(1, Math.round(model.idleMillicores + perPod * model.millicoresPerRequest))}m`,
    memory: String(model.memoryBytes),
    requestsPerSecondPerPod: perPod,
  };
}
