import type { Evidence } from './evidence.js';

/**
 * The evidence without entries repeated at the same place with the same note: a figure and the
 * practice it belongs to often name the same line (the global setting that loads a module and
 * sets its expiry).
 */
export function distinctEvidence(evidence: readonly Evidence[]): Evidence[] {
  // By the note each entry already holds (V8 keeps a string's hash), then by place: a key string
  // built per entry was most of the time of a claim's 40,000 entries (20,000 nginx servers).
  const byNote = new Map<string, Evidence[]>();
  return evidence.filter((e) => {
    const same = byNote.get(e.note);
    if (!same) {
      byNote.set(e.note, [e]);
      return true;
    }
    if (same.some((s) => s.line === e.line && s.column === e.column && s.file === e.file)) return false;
    same.push(e);
    return true;
  });
}
