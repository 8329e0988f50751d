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

/**
 * Up to `limit` of `candidates` closest to `key`, nearest first (ties alphabetically),
 * each within the same distance nearestKey allows: the "did you mean" list of an error.
 */
export function closeMatches(key: string, candidates: Iterable<string>, limit = 3): string[] {
  const most = Math.max(2, Math.ceil(key.length / 2));
  return [...new Set(candidates)]
    .map((candidate) => ({ candidate, distance: editDistance(key.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= most)
    .sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
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
