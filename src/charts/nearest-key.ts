/**
 * The existing key closest to a misspelt one (Levenshtein distance), so an unknown-key
 * error can say what was probably meant. Ties go to the alphabetically first key, so the
 * suggestion is the same on every run.
 */

/** Nearest of `candidates` to `key`, or undefined when none is within half the key's length. */
export function nearestKey(key: string, candidates: Iterable<string>): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of [...candidates].sort()) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { key: candidate, distance };
  }
  if (best === undefined) return undefined;
  return best.distance <= Math.max(2, Math.ceil(key.length / 2)) ? best.key : undefined;
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
