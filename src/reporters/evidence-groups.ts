import type { Evidence } from '../inventory/evidence.js';
import { appendAll } from '../arrays/append-all.js';
import { groupSharedEvidence } from './shared-evidence.js';

/** A note shared by fewer subjects than this is read in the observed column; from here on, counts help. */
export const groupFromSubjects = 10;
/** At most this many grouped lines per claim, the largest groups first, so the table stays short at any size. */
export const maxGroupLines = 4;
/** At most this many places named in one grouped line. */
const maxPlaces = 3;
/** Notes longer than this are cut: a hostile config could make one as long as the file. */
const maxNote = 160;

/** One grouped line: how many subjects one note (a figure and its setting) holds for, and where. */
export interface EvidenceGroup {
  /**
   * `hosts`: one place whose notes differ only by the subject, counted by subjects (a global setting
   * inherited by each host). `places`: the same note at several places, counted by places (a setting
   * written in each VirtualHost); whether each place is a host the evidence does not say.
   */
  counts: 'hosts' | 'places';
  count: number;
  /** The note with the subject left out: `archive_expires_after = "21d" (global, inherited by h*.example)`. */
  note: string;
  /** The places, in the order the evidence lists them. */
  places: Evidence[];
}

/**
 * The claim's evidence as grouped lines when one note is shared by many subjects (hosts, server
 * blocks), or undefined when none is and the observed column says enough. Uses the same grouping
 * as the JSON report (shared-evidence.ts).
 */
export function groupEvidence(evidence: readonly Evidence[]): EvidenceGroup[] | undefined {
  const byNote = new Map<string, EvidenceGroup>();
  for (const { evidence: e, shared, lines } of groupSharedEvidence(evidence)) {
    // The same note on several lines is one place per line here.
    const places = lines === undefined ? [e] : lines.map((line) => ({ ...e, line }));
    // A template of only `{}` means the notes at that place have nothing in common: not one setting.
    const bySubject = shared !== undefined && shared.template !== '{}';
    // `*` where the subject was, read as a pattern: "inherited by h*.example".
    const note = bySubject ? shared.template.replace('{}', '*') : e.note;
    const counts = bySubject ? 'hosts' : 'places';
    const key = `${counts}\u0000${note}`;
    const group = byNote.get(key);
    const count = bySubject ? shared.values.length : places.length;
    if (group) {
      group.count += count;
      appendAll(group.places, places);
    } else byNote.set(key, { counts, count, note, places });
  }
  const groups = [...byNote.values()].sort((a, b) => b.count - a.count);
  return (groups[0]?.count ?? 0) >= groupFromSubjects ? groups : undefined;
}

/**
 * The lines the stylish claim table shows under a claim: "1,800 hosts: … at prosody.cfg.lua:2:1",
 * at most `maxGroupLines` of them and `maxPlaces` places each, then how many more there are.
 */
export function groupLines(groups: EvidenceGroup[], show: (file: string) => string): string[] {
  const lines = groups.slice(0, maxGroupLines).map((g) => {
    // A place names its file only when it differs from the place before it.
    const at = g.places.slice(0, maxPlaces).map((p, i) => (i > 0 && g.places[i - 1]?.file === p.file ? `${p.line}:${p.column}` : `${show(p.file)}:${p.line}:${p.column}`));
    const more = g.places.length > maxPlaces ? ` and ${thousands(g.places.length - maxPlaces)} more` : '';
    const note = g.note.length > maxNote ? `${g.note.slice(0, maxNote - 1)}…` : g.note;
    const noun = g.counts === 'hosts' ? (g.count === 1 ? 'host' : 'hosts') : g.count === 1 ? 'place' : 'places';
    return `${thousands(g.count)} ${noun}: ${note} at ${at.join(', ')}${more}`;
  });
  if (groups.length > maxGroupLines) lines.push(`… and ${thousands(groups.length - maxGroupLines)} more settings (--format json lists every one)`);
  return lines;
}

function thousands(n: number): string {
  return n.toLocaleString('en-US');
}
