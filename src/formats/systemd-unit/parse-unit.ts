import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import { TextCache } from '../../arrays/text-cache.js';

/**
 * A positioned reader for systemd unit files (systemd.syntax(7), systemd 252 as in Debian
 * bookworm; src/shared/conf-parser.c). Written here rather than using an INI package because
 * an INI reader merges repeated keys (ExecStart= may repeat, and an empty assignment resets the
 * list) and drops the line/column of each value, which every finding needs.
 *
 * What it does, per systemd.syntax(7):
 * - `[Section]` headers; `Key=value` with blanks around `=` and at both ends stripped;
 * - `#` and `;` start comment lines (only at the start of a line, after blanks);
 * - a line ending in `\` continues on the next line, the backslash replaced by a space;
 *   comment lines inside a continuation are skipped;
 * - every assignment is kept, in order, with the position of its key and of its value.
 * Quoting is left to the consumer: its meaning differs per key (ExecStart= splits words,
 * Description= does not).
 */
export interface UnitValuePiece {
  /** Offset within `value` where this piece of source text starts. */
  offset: number;
  at: SourcePosition;
}

export interface UnitAssignment {
  section: string;
  key: string;
  value: string;
  keyAt: SourcePosition;
  valueAt: SourcePosition;
  /**
   * Where each continued line's text starts within `value`, to position any offset in it; absent
   * when the value is on one line (most are: one array and object fewer per assignment).
   */
  pieces?: UnitValuePiece[];
}

export interface UnitFile {
  file: string;
  assignments: UnitAssignment[];
  diagnostics: Diagnostic[];
}

/**
 * Per run of the process, each distinct unit text as read, positioned in no file: thousands of
 * units made from one template (a service per timer, an instance per user) are read once, then
 * placed in each file. Bounded by entries and characters, as every text cache.
 */
const readings = new TextCache<UnitFile>(4096, 8 * 1024 * 1024);

export function parseUnitFile(text: string, file: string): UnitFile {
  let reading = readings.get(text);
  if (reading === undefined) readings.set(text, (reading = readUnit(text, '')));
  return placed(reading, file);
}

/** A reading's assignments and diagnostics positioned in `file`. */
function placed(reading: UnitFile, file: string): UnitFile {
  const at = (p: SourcePosition): SourcePosition => ({ file, line: p.line, column: p.column });
  return {
    file,
    assignments: reading.assignments.map((a) => {
      const valueAt = at(a.valueAt);
      const assignment: UnitAssignment = { section: a.section, key: a.key, value: a.value, keyAt: at(a.keyAt), valueAt };
      // The first piece starts where the value does: one position object serves both.
      if (a.pieces !== undefined) assignment.pieces = a.pieces.map((p, i) => ({ offset: p.offset, at: i === 0 ? valueAt : at(p.at) }));
      return assignment;
    }),
    diagnostics: reading.diagnostics.map((d) => ({ ...d, position: at(d.position) })),
  };
}

function readUnit(text: string, file: string): UnitFile {
  const result: UnitFile = { file, assignments: [], diagnostics: [] };
  const lines = text.split('\n');
  if (text.includes('\r')) for (let i = 0; i < lines.length; i++) if ((lines[i] as string).endsWith('\r')) lines[i] = (lines[i] as string).slice(0, -1);
  let section: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const lineNo = i + 1;
    const start = raw.search(/\S/);
    if (start < 0) continue;
    const first = raw[start];
    if (first === '#' || first === ';') continue;
    if (first === '[') {
      const trimmed = raw.trimEnd();
      const close = trimmed.indexOf(']');
      if (close !== trimmed.length - 1 || close === start + 1) {
        result.diagnostics.push({
          code: 'parse-error',
          message: `Invalid section header "${trimmed.slice(start)}": expected "[Name]" alone on the line`,
          position: { file, line: lineNo, column: start + 1 },
        });
        section = undefined;
        continue;
      }
      section = trimmed.slice(start + 1, close);
      continue;
    }
    const eq = raw.indexOf('=', start);
    if (eq < 0) {
      result.diagnostics.push({
        code: 'parse-error',
        message: `Invalid line "${raw.trimEnd().slice(start)}": expected Key=value, a [Section] header or a comment`,
        position: { file, line: lineNo, column: start + 1 },
      });
      continue;
    }
    const key = raw.slice(start, eq).trimEnd();
    // Gather the value across continuation lines.
    let valueStart = eq + 1;
    while (raw[valueStart] === ' ' || raw[valueStart] === '\t') valueStart++;
    const valueAt = { file, line: lineNo, column: valueStart + 1 };
    // Pieces only for a value continued over lines; the first starts where the value does.
    let pieces: UnitValuePiece[] | undefined;
    let value = '';
    let lineText = raw.slice(valueStart);
    let pieceAt: SourcePosition = valueAt;
    for (;;) {
      const continued = lineText.includes('\\') && /\\\s*$/.test(lineText) && !/\\\\\s*$/.test(lineText);
      if (pieces !== undefined || continued) (pieces ??= []).push({ offset: value.length, at: pieceAt });
      if (!continued) {
        value += lineText.trimEnd();
        break;
      }
      value += lineText.replace(/\\\s*$/, '') + ' ';
      // Skip comment lines inside the continuation (systemd.syntax(7)).
      let next = i + 1;
      while (next < lines.length && /^\s*[#;]/.test(lines[next] as string)) next++;
      if (next >= lines.length) break;
      i = next;
      const nextRaw = lines[i] as string;
      const lead = nextRaw.search(/\S/);
      lineText = lead < 0 ? '' : nextRaw.slice(lead);
      pieceAt = { file, line: i + 1, column: (lead < 0 ? 0 : lead) + 1 };
    }
    if (section === undefined) {
      result.diagnostics.push({
        code: 'parse-error',
        message: `Assignment "${key}=" outside any section: expected a [Section] header before it`,
        position: { file, line: lineNo, column: start + 1 },
      });
      continue;
    }
    const assignment: UnitAssignment = { section, key, value: value.trimEnd(), keyAt: { file, line: lineNo, column: start + 1 }, valueAt };
    if (pieces !== undefined && pieces.length > 1) assignment.pieces = pieces;
    result.assignments.push(assignment);
  }
  return result;
}

/** The source position of character `offset` of an assignment's value. */
export function positionInValue(assignment: UnitAssignment, offset: number): SourcePosition {
  const { pieces, valueAt } = assignment;
  if (pieces === undefined) return { file: valueAt.file, line: valueAt.line, column: valueAt.column + offset };
  let piece = pieces[0] as UnitValuePiece;
  for (const p of pieces) if (p.offset <= offset) piece = p;
  return { file: piece.at.file, line: piece.at.line, column: piece.at.column + (offset - piece.offset) };
}

/**
 * The effective list for a list-type key (ExecStart=, OnCalendar=, ...) over one or more files
 * read in order (unit, then drop-ins): each assignment appends, an empty one clears the list
 * (systemd.service(5) "If the empty string is assigned to this option, the list of commands
 * to start is reset").
 */
export function unitList(files: UnitFile[], section: string, key: string): UnitAssignment[] {
  return unitLists(files, section, [key])[0] as UnitAssignment[];
}

/** unitList of each of several keys of one section, in one pass over the files: one list per key, in their order. */
export function unitLists(files: UnitFile[], section: string, keys: readonly string[]): UnitAssignment[][] {
  const lists: UnitAssignment[][] = keys.map(() => []);
  for (const f of files) {
    for (const a of f.assignments) {
      if (a.section !== section) continue;
      const i = keys.indexOf(a.key);
      if (i < 0) continue;
      if (a.value === '') lists[i] = [];
      else (lists[i] as UnitAssignment[]).push(a);
    }
  }
  return lists;
}

/** The effective value of a single-value key: the last assignment wins; undefined if unset or reset. */
export function unitValue(files: UnitFile[], section: string, key: string): UnitAssignment | undefined {
  let last: UnitAssignment | undefined;
  for (const f of files) for (const a of f.assignments) if (a.section === section && a.key === key) last = a;
  return last && last.value !== '' ? last : undefined;
}
