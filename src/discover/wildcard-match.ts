/**
 * Whether `text` matches `pattern`, where `*` stands for any run of characters and `?` for one,
 * every other character for itself: the classic scan that remembers the last `*` and, on a
 * mismatch, lets it take one more character. Its work is at most the product of the two lengths,
 * where a RegExp of the same pattern backtracks exponentially (`*?*?*?…`, thousands of `*`: a
 * fuzzer's hang). Prosody's Include globs are exactly this: util/paths.lua:28-38 glob_to_pattern
 * (Prosody 0.12.3) turns `*` into `.*` and `?` into `.`, every other character literal.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  return tokenMatch(pattern.length, text.length, (p, t) => pattern[p] === '*' ? 'star' : pattern[p] === '?' || pattern[p] === text[t]);
}

/**
 * The scan itself, over a pattern of `length` tokens: `step(p, t)` says whether token `p` is a
 * `*` ('star') or else matches character `t` of the text.
 */
export function tokenMatch(length: number, textLength: number, step: (p: number, t: number) => boolean | 'star'): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < textLength) {
    const token = p < length ? step(p, t) : false;
    if (token === 'star') {
      star = p++;
      resume = t;
    } else if (token) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (p < length && step(p, t) === 'star') p++;
  return p === length;
}
