/**
 * The canary analysis of `slipway simulate rollout` on the simulation cluster: the
 * AnalysisTemplate the platform synthesizes (analysis-template.ts), with the two changes
 * a local run needs and nothing else (docs/simulate.md, "Rollouts"):
 *
 * - its Prometheus address: the template names kube-prometheus-stack's in-cluster Service,
 *   which no host process can resolve; the Rollouts controller runs on the host and the
 *   simulation's Prometheus listens on 127.0.0.1, so the local copy names that address;
 * - its timings, divided by the speed factor like every other window: the measurement
 *   `interval` (1m), the query's rate window and the `initialDelay` (2m each, one rate
 *   window: the first measurement has data). The rate window is the one the custom
 *   metrics path already uses (time-compression.ts: at least four scrapes), the interval
 *   at least one scrape.
 *
 * The query, the success condition and the failure limit stay the platform's.
 */
import type { KubeObject } from "../manifest/kube-object.js";
import { ANALYSIS } from "../gitops/applications/analysis-template.js";
import { PROMETHEUS_URL } from "../gitops/conventions.js";
import { formatDuration, parseDurationSeconds } from "./duration.js";

export interface AnalysisTiming {
  readonly interval: string;
  readonly initialDelay: string;
  readonly rateWindow: string;
  /** `what: before → after` per value changed, as `speed.scaled` lists them. */
  readonly scaled: readonly string[];
}

/** `rateWindow` and `scrapeInterval`: the compressed custom metrics path's (TimeCompression.customMetrics). */
export function analysisTiming(factor: number, rateWindow: string, scrapeInterval: string): AnalysisTiming {
  const window = parseDurationSeconds(rateWindow);
  const scrape = parseDurationSeconds(scrapeInterval);
  if (window === undefined || scrape === undefined) throw new RangeError(`rate window ${rateWindow} and scrape interval ${scrapeInterval} must be durations`);
  const from = parseDurationSeconds(ANALYSIS.interval)!;
  const exact = Math.round((from / factor) * 1000) / 1000;
  const interval = Math.max(exact, scrape);
  const scaled = [
    `AnalysisTemplate interval: ${ANALYSIS.interval} → ${formatDuration(interval)}${interval !== exact ? ` (${formatDuration(exact)} raised to one scrape)` : ""}`,
    `AnalysisTemplate query rate window: ${ANALYSIS.rateWindow} → ${rateWindow} (the custom metrics path's window)`,
    `AnalysisTemplate initialDelay: ${ANALYSIS.initialDelay} → ${rateWindow} (one rate window)`,
  ];
  return { interval: formatDuration(interval), initialDelay: rateWindow, rateWindow, scaled };
}

/**
 * The local copy of a synthesized AnalysisTemplate: every Prometheus metric pointed at
 * `prometheusUrl` with the compressed timings. Throws when the template no longer has what
 * it adapts (the platform's address, a `[2m]` window), so a change upstream of it is loud.
 */
export function localAnalysisTemplate(template: KubeObject, prometheusUrl: string, timing: AnalysisTiming): KubeObject {
  const spec = (template.spec ?? {}) as { metrics?: Record<string, unknown>[] };
  const window = `[${ANALYSIS.rateWindow}]`;
  const metrics = (spec.metrics ?? []).map((metric) => {
    const provider = metric.provider as { prometheus?: { address?: string; query?: string } } | undefined;
    const prometheus = provider?.prometheus;
    if (prometheus === undefined) return metric;
    if (prometheus.address !== PROMETHEUS_URL || prometheus.query === undefined || !prometheus.query.includes(window)) {
      throw new Error(`AnalysisTemplate ${template.metadata.name}: metric ${String(metric.name)} no longer queries ${PROMETHEUS_URL} with a ${window} window; src/simulate/rollout-analysis.ts must follow`);
    }
    return {
      ...metric,
      interval: timing.interval,
      initialDelay: timing.initialDelay,
      provider: { ...provider, prometheus: { ...prometheus, address: prometheusUrl, query: prometheus.query.split(window).join(`[${timing.rateWindow}]`) } },
    };
  });
  if (!metrics.some((metric, index) => metric !== spec.metrics![index])) throw new Error(`AnalysisTemplate ${template.metadata.name} has no Prometheus metric to point at the local Prometheus`);
  return { ...template, spec: { ...spec, metrics } };
}
