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
  // Looked up by the strings the evidence already holds (whose hashes V8 keeps), then by line:
  // a key string built per entry was most of the time of a 40,000-entry list.
  const groups: Group[] = [];
  const byFile = new Map<string, Map<number, Group[]>>();
  for (const e of evidence) {
    let byLine = byFile.get(e.file);
    if (!byLine) byFile.set(e.file, (byLine = new Map<number, Group[]>()));
    const atLine = byLine.get(e.line);
    const dk = defaultKey(e.default);
    const group = atLine?.find((g) => g.first.column === e.column && g.defaultKey === dk);
    if (group) {
      group.notes.push(e.note);
      continue;
    }
    const made = { first: e, defaultKey: dk, notes: [e.note] };
    groups.push(made);
    if (atLine) atLine.push(made);
    else byLine.set(e.line, [made]);
  }
  // Entries with one note at their place, by what they say: the same note on other lines joins the first.
  const entries: { evidence: Evidence; shared?: SharedEvidence['shared']; lines?: number[] }[] = [];
  const byNote = new Map<string, { first: Evidence; defaultKey: string; lines: number[] }[]>();
  for (const { first, defaultKey: dk, notes } of groups) {
    if (notes.length > 1) {
      entries.push({ evidence: first, shared: noteTemplate(notes) });
      continue;
    }
    const same = byNote.get(first.note);
    const entry = same?.find((x) => x.first.file === first.file && x.first.column === first.column && x.defaultKey === dk);
    if (entry) {
      entry.lines.push(first.line);
      continue;
    }
    const lines = [first.line];
    const made = { first, defaultKey: dk, lines };
    if (same) same.push(made);
    else byNote.set(first.note, [made]);
    entries.push({ evidence: first, lines });
  }
  // Built once in their final shape (no `delete`, which would turn each into a slow dictionary object).
  return entries.map((entry) => (entry.lines === undefined || entry.lines.length > 1 ? entry : { evidence: entry.evidence }));
}

/** Evidence at one place (file, line, column, default): the first entry and every note written there. */
interface Group {
  first: Evidence;
  defaultKey: string;
  notes: string[];
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
