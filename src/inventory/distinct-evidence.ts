import type { Evidence } from './evidence.js';

/**
 * The evidence without entries repeated at the same place with the same note: a figure and the
 * practice it belongs to often name the same line (the global setting that loads a module and
 * sets its expiry).
 */
export function distinctEvidence(evidence: readonly Evidence[]): Evidence[] {
  // By the note each entry already holds (V8 keeps a string's hash), then by place: a key string
  // built per entry was most of the time of a claim's 40,000 entries (20,000 nginx servers). The
  // places of one note are a set, not a list: thousands of copies of one line (one note, each at
  // its own line) made a list search quadratic.
  const byNote = new Map<string, Evidence | Set<string>>();
  return evidence.filter((e) => {
    const same = byNote.get(e.note);
    if (same === undefined) {
      byNote.set(e.note, e);
      return true;
    }
    if (!(same instanceof Set)) {
      if (same.line === e.line && same.column === e.column && same.file === e.file) return false;
      byNote.set(e.note, new Set([placeOf(same), placeOf(e)]));
      return true;
    }
    const place = placeOf(e);
    if (same.has(place)) return false;
    same.add(place);
    return true;
  });
}

const placeOf = (e: Evidence): string => `${e.line}:${e.column}:${e.file}`;
