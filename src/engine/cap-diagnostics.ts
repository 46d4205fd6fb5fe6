import type { Diagnostic } from '../inventory/diagnostic.js';

/** Diagnostics listed per file and code; the rest are counted in one "and N more" diagnostic. */
export const DIAGNOSTICS_PER_FILE = 100;

/**
 * Bounds what a broken file can add to a report: a 202 KB YAML file full of errors gave 100,009
 * findings, and one include cycle reached along many paths was reported 137 times. The same
 * diagnostic (code, message and position) is kept once; after the first DIAGNOSTICS_PER_FILE of
 * a code in a file, the others are counted in one diagnostic at the first of them (the rule of
 * that code reports it, so severities stay as configured).
 */
export function capDiagnostics(diagnostics: Diagnostic[], perFile = DIAGNOSTICS_PER_FILE): Diagnostic[] {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  const dropped = new Map<string, { first: Diagnostic; count: number }>();
  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    const p = d.position;
    const identity = `${d.code}\u0000${p.file}\u0000${p.line}\u0000${p.column}\u0000${d.message}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    const group = `${d.code}\u0000${p.file}`;
    const count = (counts.get(group) ?? 0) + 1;
    counts.set(group, count);
    if (count <= perFile) {
      kept.push(d);
      continue;
    }
    const overflow = dropped.get(group);
    if (overflow) overflow.count++;
    else dropped.set(group, { first: d, count: 1 });
  }
  for (const { first, count } of dropped.values()) {
    kept.push({
      code: first.code,
      message: `…and ${count.toLocaleString('en-US')} more ${first.code} problems in this file from here on, not listed (privacy-lint lists the first ${perFile} of each kind per file); the first of them: ${first.message}`,
      position: first.position,
    });
  }
  return kept;
}
