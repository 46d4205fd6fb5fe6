import type { Evidence } from './evidence.js';

/**
 * The evidence without entries repeated at the same place with the same note: a figure and the
 * practice it belongs to often name the same line (the global setting that loads a module and
 * sets its expiry).
 */
export function distinctEvidence(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.file}\u0000${e.line}\u0000${e.column}\u0000${e.note}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
