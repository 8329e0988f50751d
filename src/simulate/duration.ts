/**
 * Go-style durations (`90s`, `5m`, `1h30m`, `750ms`), the grammar the spec, Karpenter and
 * the Kubernetes controllers' flags share: parsed to seconds for the simulation's clock,
 * and written back for flags and objects whose values the time compression divides.
 */
const UNIT_SECONDS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600 };
const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

/** Seconds in `text`, or undefined when it is not a duration such as 90s, 5m or 1h30m. */
export function parseDurationSeconds(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let seconds = 0;
  for (const match of text.matchAll(/([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/g)) seconds += Number(match[1]) * UNIT_SECONDS[match[2]!]!;
  return seconds;
}

/**
 * The shortest Go duration for `seconds`, to the millisecond: 3s, 750ms, 1m30s, 2h. Kubernetes
 * flags and Karpenter's consolidateAfter accept it as is.
 */
export function formatDuration(seconds: number): string {
  let milliseconds = Math.round(seconds * 1000);
  if (milliseconds === 0) return "0s";
  const parts: string[] = [];
  for (const [unit, size] of [["h", 3_600_000], ["m", 60_000], ["s", 1000], ["ms", 1]] as const) {
    const whole = Math.floor(milliseconds / size);
    if (whole > 0) parts.push(`${whole}${unit}`);
    milliseconds -= whole * size;
  }
  return parts.join("");
}

/** Seconds as a Go-style duration: `1h2m3s`, `45s`, `0s`. */
export function formatSeconds(seconds: number): string {
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  return [hours > 0 ? `${hours}h` : "", minutes > 0 ? `${minutes}m` : "", rest > 0 || whole === 0 ? `${rest}s` : ""].join("");
}
