/**
 * A load curve: requests per second per application over simulated time, as points joined
 * by straight lines (the value holds after the last point). The three named patterns are
 * made from the spec's own autoscaling figures, so the same pattern exercises any platform:
 *
 * - capacity per pod = `autoscaling.requestsPerSecond` (1000 when the spec turns that metric off);
 * - trough = half the load `minReplicas` pods are sized for; peak = 60% of what `maxReplicas` pods serve.
 *
 * `steady` holds half the peak; `daily` plays one day's wave over the duration (trough at
 * the start and end, peak in the middle, a raised cosine); `spike` sits at the trough,
 * jumps to the peak at 20% of the duration, holds it until 60%, and drops back.
 */
import type { PlatformSpec } from "../platform-spec/schema.js";

export const LOAD_PATTERNS = ["steady", "daily", "spike"] as const;

/** Longest curve accepted: a week of simulated time (a day at ×20 already takes 72 wall minutes). */
export const MAX_LOAD_SECONDS = 7 * 24 * 3600;
export type LoadPattern = (typeof LOAD_PATTERNS)[number];

/** Default simulated duration per pattern, in seconds. */
export const DEFAULT_DURATION_SECONDS: Readonly<Record<LoadPattern, number>> = { steady: 1800, daily: 3600, spike: 1800 };

/** Per-pod request rate the curve is sized by when the spec has no requestsPerSecond target. */
export const DEFAULT_REQUESTS_PER_POD = 1000;

export interface LoadPoint {
  /** Simulated seconds from the start. */
  readonly t: number;
  readonly requestsPerSecond: number;
}

export interface LoadCurve {
  /** `steady`, `daily`, `spike`, or `file` for a --load file. */
  readonly pattern: string;
  /** The --load file, when the curve came from one. */
  readonly source?: string;
  readonly durationSeconds: number;
  /** Points per application, in increasing `t`. An application without points gets no load. */
  readonly applications: Readonly<Record<string, readonly LoadPoint[]>>;
}

/** Points of the daily wave per duration: every 1/48th (half an hour of a real day). */
const DAILY_STEPS = 48;

export function patternCurve(spec: PlatformSpec, pattern: LoadPattern, durationSeconds: number = DEFAULT_DURATION_SECONDS[pattern]): LoadCurve {
  const applications: Record<string, LoadPoint[]> = {};
  for (const [name, application] of Object.entries(spec.applications)) {
    const { trough, peak } = loadLevels(application.autoscaling);
    applications[name] = patternPoints(pattern, trough, peak, durationSeconds);
  }
  return { pattern, durationSeconds, applications };
}

/** Trough and peak requests per second of an application, from its autoscaling figures. */
export function loadLevels(autoscaling: PlatformSpec["applications"][string]["autoscaling"]): { trough: number; peak: number } {
  const perPod = autoscaling.requestsPerSecond ?? DEFAULT_REQUESTS_PER_POD;
  return { trough: 0.5 * autoscaling.minReplicas * perPod, peak: 0.6 * autoscaling.maxReplicas * perPod };
}

function patternPoints(pattern: LoadPattern, trough: number, peak: number, duration: number): LoadPoint[] {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  switch (pattern) {
    case "steady":
      return [{ t: 0, requestsPerSecond: round(peak / 2) }];
    case "daily":
      return Array.from({ length: DAILY_STEPS + 1 }, (_, step) => ({
        t: round((duration * step) / DAILY_STEPS),
        requestsPerSecond: round(trough + ((peak - trough) * (1 - Math.cos((2 * Math.PI * step) / DAILY_STEPS))) / 2),
      }));
    case "spike": {
      // The ramps take 1% of the duration: a step, but one the lines between points can draw.
      const ramp = duration / 100;
      return [
        { t: 0, requestsPerSecond: round(trough) },
        { t: round(0.2 * duration), requestsPerSecond: round(trough) },
        { t: round(0.2 * duration + ramp), requestsPerSecond: round(peak) },
        { t: round(0.6 * duration), requestsPerSecond: round(peak) },
        { t: round(0.6 * duration + ramp), requestsPerSecond: round(trough) },
      ];
    }
  }
}

/** Requests per second of every application of the curve at simulated second `t`. */
export function requestsPerSecondAt(curve: LoadCurve, t: number): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const [name, points] of Object.entries(curve.applications)) rates[name] = interpolate(points, t);
  return rates;
}

function interpolate(points: readonly LoadPoint[], t: number): number {
  const first = points[0];
  if (first === undefined) return 0;
  if (t <= first.t) return first.requestsPerSecond;
  for (let index = 1; index < points.length; index++) {
    const before = points[index - 1]!;
    const after = points[index]!;
    if (t <= after.t) {
      const share = after.t === before.t ? 1 : (t - before.t) / (after.t - before.t);
      return Math.round((before.requestsPerSecond + share * (after.requestsPerSecond - before.requestsPerSecond)) * 1000) / 1000;
    }
  }
  return points[points.length - 1]!.requestsPerSecond;
}
