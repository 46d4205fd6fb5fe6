/**
 * The candidate a mistyped key or value most likely meant ("ipAdresses" → "ipAddresses"),
 * or undefined when none is close. Case is ignored; a transposition counts as one edit.
 * Close means at most a third of the longer word's letters differ (at least one), so short
 * words need a near-exact spelling and long ones tolerate a dropped syllable.
 */
export function nearestKey(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const allowed = Math.max(1, Math.floor(Math.max(needle.length, candidate.length) / 3));
    // The lengths alone bound the distance: a 100,000-letter key is compared with nothing.
    if (Math.abs(needle.length - candidate.length) > allowed) continue;
    const distance = editDistance(needle, candidate.toLowerCase(), allowed);
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions). With `limit`,
 * the walk stops as soon as every alignment costs more than it, and the result is then some
 * number above `limit`: callers that only want close words pay for close words only. Three
 * rows are kept (a transposition looks two rows back), so no matrix is allocated per call.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const width = b.length + 1;
  let twoBack = new Int32Array(width);
  let previous = new Int32Array(width);
  let current = new Int32Array(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < width; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (twoBack[j - 2] ?? 0) + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // Every later row is at least this row's minimum (OSA costs never go down along a path).
    if (rowMin > limit) return limit + 1;
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  return previous[width - 1] ?? 0;
}
