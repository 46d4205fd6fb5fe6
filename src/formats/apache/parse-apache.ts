import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';

/**
 * A positioned reader for Apache httpd 2.4 configuration files. It builds the syntax tree only:
 * `${VAR}` substitution, Define, Include and <IfModule>/<IfDefine> are read-time directives whose
 * effect depends on the order of reading, so the interpreter applies them while walking.
 *
 * Grammar, per httpd 2.4 server/util.c (ap_cfg_getline, ap_getword_conf, substring_conf) and
 * server/config.c (ap_build_config, ap_build_cont_config):
 * - a `\` as the very last character of a line joins the next line;
 * - `#` starts a comment only as the first non-blank character of a (joined) line;
 * - words are separated by blanks; a word starting with `"` or `'` runs to the matching quote
 *   (a backslash before that quote escapes it and is dropped) and ends right after it, so
 *   `"fmt"nick` is two words;
 * - `<Name args>` opens a section that `</Name>` (case-insensitive) must close, properly nested.
 */
export interface ApacheWord {
  value: string;
  quoted: boolean;
  at: SourcePosition;
}

export interface ApacheDirective {
  kind: 'directive';
  /** As written; Apache compares directive names case-insensitively. */
  name: string;
  args: ApacheWord[];
  at: SourcePosition;
  /** Last physical line of a continued directive (httpd reports this one, e.g. in DUMP_CONFIG). */
  endLine: number;
}

export interface ApacheSection {
  kind: 'section';
  name: string;
  args: ApacheWord[];
  at: SourcePosition;
  children: ApacheNode[];
}

export type ApacheNode = ApacheDirective | ApacheSection;

export interface ApacheFile {
  file: string;
  nodes: ApacheNode[];
  diagnostics: Diagnostic[];
}

/** A logical line: joined physical lines with where each piece starts. */
interface LogicalLine {
  text: string;
  pieces: { offset: number; line: number; column: number }[];
}

function logicalLines(text: string): LogicalLine[] {
  const physical = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const out: LogicalLine[] = [];
  let current: LogicalLine | undefined;
  physical.forEach((raw, i) => {
    const continued = raw.endsWith('\\');
    const body = continued ? raw.slice(0, -1) : raw;
    if (current === undefined) current = { text: '', pieces: [] };
    current.pieces.push({ offset: current.text.length, line: i + 1, column: 1 });
    current.text += body;
    if (!continued) {
      out.push(current);
      current = undefined;
    }
  });
  if (current !== undefined) out.push(current);
  return out;
}

function positionIn(line: LogicalLine, offset: number, file: string): SourcePosition {
  let piece = line.pieces[0] as LogicalLine['pieces'][number];
  for (const p of line.pieces) if (p.offset <= offset) piece = p;
  return { file, line: piece.line, column: piece.column + offset - piece.offset };
}

/** Splits `text` from `start` into words as ap_getword_conf does. */
function words(line: LogicalLine, start: number, end: number, file: string): ApacheWord[] {
  const out: ApacheWord[] = [];
  const t = line.text;
  let i = start;
  while (i < end) {
    while (i < end && /\s/.test(t[i] as string)) i++;
    if (i >= end) break;
    const q = t[i];
    const at = positionIn(line, i, file);
    if (q === '"' || q === "'") {
      let j = i + 1;
      let value = '';
      while (j < end && t[j] !== q) {
        if (t[j] === '\\' && t[j + 1] === q && j + 1 < end) {
          value += q;
          j += 2;
          continue;
        }
        value += t.charAt(j);
        j++;
      }
      out.push({ value, quoted: true, at });
      i = j + 1;
    } else {
      let j = i;
      while (j < end && !/\s/.test(t[j] as string)) j++;
      out.push({ value: t.slice(i, j), quoted: false, at });
      i = j;
    }
  }
  return out;
}

/**
 * Sections nested deeper are read for their balance only, not kept: the readers walk the tree
 * recursively, and 20,000 nested <IfModule> would exhaust the stack. Real configs nest a few.
 */
export const MAX_SECTION_DEPTH = 200;

export function parseApache(text: string, file: string): ApacheFile {
  const result: ApacheFile = { file, nodes: [], diagnostics: [] };
  const stack: ApacheSection[] = [];
  let tooDeep = false;
  const here = (): ApacheNode[] => (stack.length > 0 ? (stack[stack.length - 1] as ApacheSection).children : result.nodes);
  for (const line of logicalLines(text)) {
    const t = line.text;
    const start = t.search(/\S/);
    if (start < 0 || t[start] === '#') continue;
    const end = t.trimEnd().length;
    const at = positionIn(line, start, file);
    if (t[start] === '<' && t[start + 1] === '/') {
      const name = t.slice(start + 2, end).replace(/>$/, '').trim();
      const open = stack[stack.length - 1];
      if (open === undefined) {
        result.diagnostics.push({ code: 'parse-error', message: `</${name}> without matching <${name}> section`, position: at });
        continue;
      }
      if (open.name.toLowerCase() !== name.toLowerCase()) {
        result.diagnostics.push({
          code: 'parse-error',
          message: `Expected </${open.name}> (opened at line ${open.at.line}) but saw </${name}>`,
          position: at,
        });
        // Apache stops here; we close the open section so the rest of the file is still read.
      }
      stack.pop();
      continue;
    }
    if (t[start] === '<') {
      if (t[end - 1] !== '>') {
        result.diagnostics.push({ code: 'parse-error', message: `<${t.slice(start + 1, end)} directive missing closing '>'`, position: at });
        continue;
      }
      const nameEnd = t.slice(start + 1, end - 1).search(/\s/);
      const name = nameEnd < 0 ? t.slice(start + 1, end - 1) : t.slice(start + 1, start + 1 + nameEnd);
      const argsStart = nameEnd < 0 ? end - 1 : start + 1 + nameEnd;
      const section: ApacheSection = { kind: 'section', name, args: words(line, argsStart, end - 1, file), at, children: [] };
      if (stack.length === MAX_SECTION_DEPTH && !tooDeep) {
        tooDeep = true;
        result.diagnostics.push({ code: 'parse-error', message: `<${name}> sections nested more than ${MAX_SECTION_DEPTH} deep: privacy-lint does not read what is inside`, position: at });
      }
      // Past the limit a section is tracked (its closing tag must match) but left out of the tree.
      if (stack.length < MAX_SECTION_DEPTH) here().push(section);
      stack.push(section);
      continue;
    }
    const all = words(line, start, end, file);
    const first = all[0] as ApacheWord;
    const endLine = (line.pieces[line.pieces.length - 1] as LogicalLine['pieces'][number]).line;
    if (stack.length <= MAX_SECTION_DEPTH) here().push({ kind: 'directive', name: first.value, args: all.slice(1), at, endLine });
  }
  for (const open of stack.reverse()) {
    result.diagnostics.push({
      code: 'parse-error',
      message: `<${open.name}> section is not closed before the end of the file (missing </${open.name}>)`,
      position: open.at,
    });
  }
  return result;
}
