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
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions). Three rows of
 * the table are kept (a transposition looks two rows back), in typed arrays: every Prosody and
 * ejabberd option name unknown to the tables is compared with hundreds of known ones, on each run.
 * With a `limit`, a distance above it comes back as limit + 1 as soon as a whole row exceeds it
 * (no later row can be smaller): most of those comparisons end after a few letters.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const width = b.length + 1;
  let before = new Int32Array(width);
  let previous = new Int32Array(width);
  let current = new Int32Array(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // A transposition reaches back two rows, so both this row and the one before must exceed the limit.
    if (rowMin > limit && previousMin > limit) return limit + 1;
    previousMin = rowMin;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return previous[b.length] ?? 0;
}
