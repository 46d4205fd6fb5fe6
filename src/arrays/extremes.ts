/**
 * Largest and smallest of a list without `Math.max(...values)`, which passes every value as an
 * argument and overflows the stack on a long list. Empty lists give -Infinity / Infinity, as
 * Math.max() / Math.min() do.
 */
export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const v of values) max = v > max || Number.isNaN(v) ? v : max;
  return max;
}

export function minOf(values: Iterable<number>): number {
  let min = Infinity;
  for (const v of values) min = v < min || Number.isNaN(v) ? v : min;
  return min;
}
