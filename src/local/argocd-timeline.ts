/**
 * Where the time of an Argo CD sync went, wave by wave, read from Argo CD's own
 * timestamps on the Applications rather than from `up`'s polling: when the parent created
 * each Application (`metadata.creationTimestamp`), when its last sync started and finished
 * (`status.operationState.startedAt` / `finishedAt`), and when it was first Synced and
 * Healthy. For that last one Argo CD keeps only the last health change
 * (`status.health.lastTransitionTime`), and an Application may turn Progressing and
 * Healthy again after its wave is done (a DaemonSet rolling onto a node Karpenter
 * launched later), so the first time `up`'s wait saw it Synced and Healthy
 * (`firstSettledAt`, one poll a second, on the API server's machine and clock) comes
 * first. Times are in whole seconds.
 *
 * The root Application's waves are sequential: a wave's Applications are created once
 * every Application of the wave before is Healthy, so the slowest Application of a wave
 * (`lastHealthy`) is what the next wave waited for.
 */
import type { ApplicationStatus } from "./argocd-sync.js";

export interface WaveTiming {
  readonly wave: number;
  /** The wave's Applications, by name. */
  readonly applications: readonly string[];
  /** Seconds after the root Application was created; absent when no Application of the wave has the timestamp. */
  readonly created?: number;
  /** Earliest start of the wave's last syncs. */
  readonly syncStarted?: number;
  /** When the wave's last sync finished (absent while one is not finished). */
  readonly synced?: number;
  /** When the wave's last Application was first Synced and Healthy (absent while one has not been). */
  readonly healthy?: number;
  /** The Application that was Synced and Healthy last: what the next wave waited for. */
  readonly lastHealthy?: string;
}

/**
 * The waves of the root's children, in order, with seconds after the root's creation.
 * `root` names the root Application (not itself part of a wave); without its creation
 * time there is no origin and the timeline is empty. `ignored` (Applications `up` does not
 * wait for: not served locally, not in the tree) are left out.
 */
export function waveTimeline(applications: readonly ApplicationStatus[], root: string, ignored: ReadonlySet<string> = new Set()): WaveTiming[] {
  const origin = seconds(applications.find((application) => application.name === root)?.createdAt);
  if (origin === undefined) return [];
  const since = (timestamp: string | undefined) => {
    const at = seconds(timestamp);
    return at === undefined ? undefined : at - origin;
  };
  const waves = new Map<number, ApplicationStatus[]>();
  for (const application of applications) {
    if (application.name === root || ignored.has(application.name)) continue;
    waves.set(application.wave, [...(waves.get(application.wave) ?? []), application]);
  }
  return [...waves.entries()]
    .sort(([a], [b]) => a - b)
    .map(([wave, members]) => {
      const names = members.map((member) => member.name).sort();
      const created = earliest(members.map((member) => since(member.createdAt)));
      const syncStarted = earliest(members.map((member) => since(member.syncStartedAt)));
      const synced = latestOfAll(members.map((member) => since(member.syncedAt)));
      const healthyTimes = members.map((member) => since(member.firstSettledAt) ?? (member.health === "Healthy" ? since(member.healthSince) : undefined));
      const healthy = latestOfAll(healthyTimes);
      const lastHealthy = healthy === undefined ? undefined : members.filter((_, index) => healthyTimes[index] === healthy).map((member) => member.name).sort()[0];
      return {
        wave,
        applications: names,
        ...(created !== undefined ? { created } : {}),
        ...(syncStarted !== undefined ? { syncStarted } : {}),
        ...(synced !== undefined ? { synced } : {}),
        ...(healthy !== undefined ? { healthy } : {}),
        ...(lastHealthy !== undefined ? { lastHealthy } : {}),
      };
    });
}

/** One line per wave, for the `up` summary and the benchmark. */
export function renderWaveTimeline(timeline: readonly WaveTiming[]): string[] {
  const at = (value: number | undefined) => (value === undefined ? "-" : `+${value}s`).padStart(6);
  return timeline.map(
    (timing) =>
      `  ${String(timing.wave).padStart(4)}  ${String(timing.applications.length).padStart(2)}  created ${at(timing.created)}  sync started ${at(timing.syncStarted)}  Synced+Healthy ${at(timing.healthy)}  synced ${at(timing.synced)}${timing.lastHealthy !== undefined ? `  last: ${timing.lastHealthy}` : ""}`,
  );
}

function seconds(timestamp: string | undefined): number | undefined {
  if (timestamp === undefined) return undefined;
  const at = Date.parse(timestamp);
  return Number.isNaN(at) ? undefined : Math.round(at / 1000);
}

function earliest(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length === 0 ? undefined : Math.min(...known);
}

/** The latest of the values, but only when every one is known: one missing means the wave is not there yet. */
function latestOfAll(values: readonly (number | undefined)[]): number | undefined {
  if (values.length === 0 || values.some((value) => value === undefined)) return undefined;
  return Math.max(...(values as number[]));
}
