import type { DefaultOrigin, Evidence } from '../inventory/evidence.js';

/**
 * Evidence entries at one place (file, line, column, default) that many subjects share: the
 * global `archive_expires_after` inherited by 9,000 hosts, the global `modules_enabled` that
 * loads mod_mam on each. Their notes differ only by the subject ("… inherited by h17.example"),
 * so the JSON report writes the entry once, with the notes as a template and the parts that
 * differ: `note` is the first note (what a reader of report version 1 already reads), and
 * `template.replace("{}", value)` gives back every note. A 10,000-host report shrinks from
 * 20,000 entries to a handful, and keeps every piece of evidence. Likewise the same note on many
 * lines (each host setting the same value) is one entry with its `lines`.
 */
export interface SharedEvidence {
  evidence: Evidence;
  /** Present when more than one note was written at this place. */
  shared?: { template: string; values: string[] };
  /**
   * Present when the same note (same file, column and default) stands on several lines, as
   * `archive_expires_after = "1w"` in each of 10,000 VirtualHosts: every line, `evidence.line`
   * first. Such an entry stands for one entry per line.
   */
  lines?: number[];
}

export function groupSharedEvidence(evidence: readonly Evidence[]): SharedEvidence[] {
  // Most findings have one piece of evidence: nothing to group (10,000 nginx servers, each its own finding).
  if (evidence.length <= 1) return evidence.map((e) => ({ evidence: e }));
  const groups = new Map<string, { first: Evidence; notes: string[] }>();
  for (const e of evidence) {
    const key = `${e.file}\u0000${e.line}\u0000${e.column}\u0000${defaultKey(e.default)}`;
    const group = groups.get(key);
    if (group) group.notes.push(e.note);
    else groups.set(key, { first: e, notes: [e.note] });
  }
  // Entries with one note at their place, by what they say: the same note on other lines joins the first.
  const entries: { evidence: Evidence; shared?: SharedEvidence['shared']; lines?: number[] }[] = [];
  const sameNote = new Map<string, number[]>();
  for (const { first, notes } of groups.values()) {
    if (notes.length > 1) {
      entries.push({ evidence: first, shared: noteTemplate(notes) });
      continue;
    }
    const key = `${first.file}\u0000${first.column}\u0000${first.note}\u0000${defaultKey(first.default)}`;
    const lines = sameNote.get(key);
    if (lines) {
      lines.push(first.line);
      continue;
    }
    const own = [first.line];
    sameNote.set(key, own);
    entries.push({ evidence: first, lines: own });
  }
  // Built once in their final shape (no `delete`, which would turn each into a slow dictionary object).
  return entries.map((entry) => (entry.lines === undefined || entry.lines.length > 1 ? entry : { evidence: entry.evidence }));
}

/** What tells defaults apart, made once per default object: evidence of 20,000 servers shares a few. */
const defaultKeys = new WeakMap<DefaultOrigin, string>();
function defaultKey(d: DefaultOrigin | undefined): string {
  if (d === undefined) return '\u0000\u0000';
  let key = defaultKeys.get(d);
  if (key === undefined) defaultKeys.set(d, (key = `${d.software}\u0000${d.release}\u0000${d.source}`));
  return key;
}

/** The longest common prefix and suffix of the notes around `{}`, and what each note has there. */
function noteTemplate(notes: string[]): { template: string; values: string[] } {
  const first = notes[0] as string;
  let prefix = first.length;
  let suffix = first.length;
  for (const note of notes) {
    let p = 0;
    while (p < prefix && p < note.length && note.charCodeAt(p) === first.charCodeAt(p)) p++;
    prefix = p;
    let s = 0;
    while (s < suffix && s < note.length && note.charCodeAt(note.length - 1 - s) === first.charCodeAt(first.length - 1 - s)) s++;
    suffix = s;
  }
  // Prefix and suffix must not overlap in the shortest note, and `{}` must not occur in the
  // parts kept, or the template could not be read back.
  const shortest = notes.reduce((m, n) => Math.min(m, n.length), Infinity);
  if (prefix + suffix > shortest) suffix = shortest - prefix;
  let template = `${first.slice(0, prefix)}{}${first.slice(first.length - suffix)}`;
  if (first.slice(0, prefix).includes('{}') || first.slice(first.length - suffix).includes('{}')) {
    prefix = 0;
    suffix = 0;
    template = '{}';
  }
  return { template, values: notes.map((n) => n.slice(prefix, n.length - suffix)) };
}
