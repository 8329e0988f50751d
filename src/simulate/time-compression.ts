/**
 * Time compression ×N: what `slipway simulate --speed N` divides by N so that one wall
 * second stands for N simulated seconds, and the line it reports for each in
 * `simulation.json` (`speed.scaled`).
 *
 * Scaled:
 * - the spec's windows, before synthesis, so the applied objects carry them: each HPA's
 *   scale-up/scale-down `periodSeconds` and `stabilizationWindowSeconds`, Karpenter's
 *   `consolidateAfter` and `expireAfter`, the canary pauses;
 * - kube-controller-manager's HPA timings: its sync period (15s), the default downscale
 *   stabilisation (5m), the CPU initialisation period (5m) and the initial readiness delay (30s);
 * - the custom metrics path: Prometheus' scrape interval (kube-prometheus-stack's 30s), the
 *   adapter rule's rate window (2m) and the adapter's series relist interval (1m).
 *
 * Floors, each reported: the API takes whole seconds for HPA periods (at least 1) and
 * Karpenter's durations; metrics-server refuses a resolution under 10s (it is set to 10s,
 * not 15s/N); a rate window keeps at least four scrapes. Not scaled, and documented in
 * docs/simulate.md: Karpenter's batching windows (1s idle, 10s max), which at ×N stand
 * for the instance launch time kwok does not model, and what kwok and the scheduler do
 * instantly.
 */
import type { PlatformSpec } from "../platform-spec/schema.js";
import { formatDuration, parseDurationSeconds } from "./duration.js";

/** Upstream defaults the compression divides (kube-controller-manager, metrics-server, kube-prometheus-stack, prometheus-adapter). */
export const UNCOMPRESSED = {
  hpaSyncPeriod: 15,
  hpaDownscaleStabilization: 300,
  hpaCpuInitializationPeriod: 300,
  hpaInitialReadinessDelay: 30,
  metricsServerResolution: 15,
  metricsServerKubeletTimeout: 10,
  prometheusScrapeInterval: 30,
  adapterRateWindow: 120,
  adapterRelistInterval: 60,
} as const;
export const METRICS_SERVER_MIN_RESOLUTION = 10;
/** The kubelet request timeout metrics-server gets when its resolution must go under 11.1s. */
export const METRICS_SERVER_KUBELET_TIMEOUT = 5;
/** Prometheus scrapes no more often than this, whatever the factor. */
export const MIN_SCRAPE_INTERVAL = 1;

export interface TimeCompression {
  readonly factor: number;
  /** The spec with its windows divided by the factor. */
  readonly spec: PlatformSpec;
  /** Flags appended to each component's command line (later flags win). */
  readonly componentArgs: { readonly "kube-controller-manager": readonly string[]; readonly "metrics-server": readonly string[] };
  readonly customMetrics: { readonly scrapeInterval: string; readonly rateWindow: string; readonly relistInterval: string };
  /** One line per scaled value: what, from, to. */
  readonly scaled: readonly string[];
}

export function compressTime(spec: PlatformSpec, factor: number): TimeCompression {
  if (!Number.isFinite(factor) || factor < 1) throw new RangeError(`the speed factor must be a number >= 1, got ${factor}`);
  const scaled: string[] = [];
  const seconds = (what: string, from: number, floor: number, unit: "whole" | "milliseconds"): number => {
    const exact = from / factor;
    const value = Math.max(floor, unit === "whole" ? Math.round(exact) : Math.round(exact * 1000) / 1000);
    scaled.push(`${what}: ${formatDuration(from)} → ${formatDuration(value)}${value !== Math.round(exact * 1000) / 1000 ? ` (${formatDuration(exact)} ${value > exact ? "raised" : "rounded"} to ${unit === "whole" ? "whole seconds" : "its floor"}${floor > 0 ? `, at least ${formatDuration(floor)}` : ""})` : ""}`);
    return value;
  };
  // An unchanged value keeps its spelling (60s stays 60s at ×1).
  const duration = (what: string, text: string): string => {
    const from = parseDurationSeconds(text)!;
    const value = seconds(what, from, 1, "whole");
    return value === from ? text : formatDuration(value);
  };

  const applications: Record<string, PlatformSpec["applications"][string]> = {};
  for (const [name, application] of Object.entries(spec.applications)) {
    const rule = (direction: "scaleUp" | "scaleDown") => {
      const current = application.autoscaling[direction];
      return {
        ...current,
        periodSeconds: seconds(`applications.${name}.autoscaling.${direction}.periodSeconds (HPA behavior)`, current.periodSeconds, 1, "whole"),
        stabilizationWindowSeconds: seconds(`applications.${name}.autoscaling.${direction}.stabilizationWindowSeconds (HPA behavior)`, current.stabilizationWindowSeconds, 0, "whole"),
      };
    };
    applications[name] = {
      ...application,
      autoscaling: { ...application.autoscaling, scaleUp: rule("scaleUp"), scaleDown: rule("scaleDown") },
      canary: {
        ...application.canary,
        steps: application.canary.steps.map((step, index) => (step.pause === undefined ? step : { ...step, pause: duration(`applications.${name}.canary.steps[${index}].pause`, step.pause) })),
      },
    };
  }
  // Karpenter's `Never` is no period: nothing to compress.
  const karpenterDuration = (what: string, text: string): string => (text === "Never" ? text : duration(what, text));
  const karpenter = {
    ...spec.karpenter,
    consolidateAfter: karpenterDuration("karpenter.consolidateAfter (NodePool disruption)", spec.karpenter.consolidateAfter),
    expireAfter: karpenterDuration("karpenter.expireAfter (NodePool)", spec.karpenter.expireAfter),
  };
  const flag = (name: string, what: string, from: number) => `--${name}=${formatDuration(seconds(`kube-controller-manager --${name}${what}`, from, 0.001, "milliseconds"))}`;
  const controllerManager = [
    flag("horizontal-pod-autoscaler-sync-period", "", UNCOMPRESSED.hpaSyncPeriod),
    flag("horizontal-pod-autoscaler-downscale-stabilization", " (HPAs without behavior)", UNCOMPRESSED.hpaDownscaleStabilization),
    flag("horizontal-pod-autoscaler-cpu-initialization-period", "", UNCOMPRESSED.hpaCpuInitializationPeriod),
    flag("horizontal-pod-autoscaler-initial-readiness-delay", "", UNCOMPRESSED.hpaInitialReadinessDelay),
  ];
  const resolution = seconds("metrics-server --metric-resolution", UNCOMPRESSED.metricsServerResolution, METRICS_SERVER_MIN_RESOLUTION, "milliseconds");
  // metrics-server wants 90% of the resolution above its kubelet request timeout (10s); kwok answers on loopback in milliseconds.
  const timeout = resolution * 0.9 > UNCOMPRESSED.metricsServerKubeletTimeout ? UNCOMPRESSED.metricsServerKubeletTimeout : METRICS_SERVER_KUBELET_TIMEOUT;
  // Both always: they come after the local cluster's own (components.ts), which the last of a flag overrides.
  const metricsServerArgs = [`--kubelet-request-timeout=${formatDuration(timeout)}`, `--metric-resolution=${formatDuration(resolution)}`];
  if (timeout < UNCOMPRESSED.metricsServerKubeletTimeout) {
    scaled.push(`metrics-server --kubelet-request-timeout: ${formatDuration(UNCOMPRESSED.metricsServerKubeletTimeout)} → ${formatDuration(timeout)} (not a period: metrics-server refuses a resolution less than 10/9 of it)`);
  }
  const scrape = seconds("Prometheus scrape_interval (kube-prometheus-stack default)", UNCOMPRESSED.prometheusScrapeInterval, MIN_SCRAPE_INTERVAL, "milliseconds");
  const window = seconds("prometheus-adapter rule rate window ([2m] in REQUESTS_PER_SECOND_RULE)", UNCOMPRESSED.adapterRateWindow, 4 * scrape, "milliseconds");
  const relist = seconds("prometheus-adapter --metrics-relist-interval", UNCOMPRESSED.adapterRelistInterval, scrape, "milliseconds");
  return {
    factor,
    spec: { ...spec, applications, karpenter },
    componentArgs: { "kube-controller-manager": controllerManager, "metrics-server": metricsServerArgs },
    customMetrics: { scrapeInterval: formatDuration(scrape), rateWindow: formatDuration(window), relistInterval: formatDuration(relist) },
    scaled,
  };
}
