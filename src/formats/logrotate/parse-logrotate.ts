import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import { appendAll } from '../../arrays/append-all.js';

/**
 * A positioned reader for logrotate configuration files (logrotate 3.21.0 as in Debian
 * bookworm; config.c readConfigFile). Line-oriented, as logrotate reads it:
 * - blank lines and lines whose first non-blank character is `#` are skipped;
 * - a line starting with a letter is a directive `keyword [args]` (`rotate=4` is accepted);
 * - a line starting with `/`, `"`, `'` or `~` starts a log block: path patterns, possibly over
 *   several lines and quoted, up to `{`; directives one per line; `}` on its own line;
 *   text after `{` on the same line is read as a directive (`/x.log { rotate 3 }` makes
 *   logrotate complain "bad rotation count '3 }'");
 * - prerotate/postrotate/firstaction/lastaction/preremove switch to shell text until a line
 *   `endscript`: a `}` in a script does not end the block.
 * Values are left to the interpreter; only the shape of the file is checked here. Anything
 * else becomes a positioned 'parse-error' and the rest of the file is read.
 */
export interface LogrotateWord {
  /** The word without its quotes and escapes. */
  text: string;
  at: SourcePosition;
}

export interface LogrotateDirective {
  /** The keyword as written (logrotate compares keywords case-sensitively). */
  name: string;
  at: SourcePosition;
  /** The rest of the line after the keyword and its separator, trimmed. */
  argText: string;
  argAt: SourcePosition;
  args: LogrotateWord[];
}

export interface LogrotateBlock {
  patterns: LogrotateWord[];
  /** Position of the first pattern. */
  at: SourcePosition;
  directives: LogrotateDirective[];
}

export type LogrotateStatement = { kind: 'directive'; directive: LogrotateDirective } | { kind: 'block'; block: LogrotateBlock };

export interface LogrotateFile {
  file: string;
  statements: LogrotateStatement[];
  diagnostics: Diagnostic[];
}

/** logrotate(8) "prerotate/endscript" and friends: the lines up to `endscript` are shell. */
export const SCRIPT_DIRECTIVES = new Set(['prerotate', 'postrotate', 'firstaction', 'lastaction', 'preremove']);

/** Splits text into words with shell-like quotes and `\` escapes (config.c uses poptParseArgvString). */
export function splitWords(text: string, at: SourcePosition): LogrotateWord[] {
  const words: LogrotateWord[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    const start = i;
    let word = '';
    while (i < text.length && !/\s/.test(text[i] as string)) {
      const c = text[i] as string;
      if (c === '"' || c === "'") {
        const close = text.indexOf(c, i + 1);
        const end = close < 0 ? text.length : close;
        word += c === '"' ? text.slice(i + 1, end).replace(/\\(.)/g, '$1') : text.slice(i + 1, end);
        i = end + 1;
      } else if (c === '\\' && i + 1 < text.length) {
        word += text[i + 1] as string;
        i += 2;
      } else {
        word += c;
        i++;
      }
    }
    words.push({ text: word, at: { file: at.file, line: at.line, column: at.column + start } });
  }
  return words;
}

export function parseLogrotate(text: string, file: string): LogrotateFile {
  const out: LogrotateFile = { file, statements: [], diagnostics: [] };
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const pos = (line: number, column: number): SourcePosition => ({ file, line, column });
  const error = (message: string, at: SourcePosition): void => {
    out.diagnostics.push({ code: 'parse-error', message, position: at });
  };
  let block: LogrotateBlock | undefined;
  let script: SourcePosition | undefined;
  let patterns: LogrotateWord[] | undefined;

  /** A directive line; `column0` is the 0-based column where `body` starts in its line. */
  const directive = (body: string, lineNo: number, column0: number): LogrotateDirective | undefined => {
    const m = /^[A-Za-z][A-Za-z0-9_-]*/.exec(body);
    const at = pos(lineNo, column0 + 1);
    if (!m) {
      error(`"${body.trim()}": logrotate lines must begin with a keyword or a file name (possibly in quotes)`, at);
      return undefined;
    }
    const name = m[0];
    let rest = name.length;
    const sep = body[rest];
    if (sep !== undefined && sep !== '=' && !/\s/.test(sep)) {
      error(`"${body.trim()}": a keyword must be followed by a blank or "="`, at);
      return undefined;
    }
    while (rest < body.length && /[\s=]/.test(body[rest] as string)) rest++;
    const argAt = pos(lineNo, column0 + rest + 1);
    const argText = body.slice(rest).trimEnd();
    return { name, at, argText, argAt, args: splitWords(argText, argAt) };
  };

  const addDirective = (d: LogrotateDirective): void => {
    if (block) block.directives.push(d);
    else out.statements.push({ kind: 'directive', directive: d });
    if (SCRIPT_DIRECTIVES.has(d.name)) script = d.at;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const lineNo = i + 1;
    const start = raw.search(/\S/);
    if (script) {
      if (start >= 0 && /^endscript(\s|$)/.test(raw.slice(start))) script = undefined;
      continue;
    }
    if (start < 0) continue;
    const body = raw.slice(start);
    if (body[0] === '#') continue;
    if (patterns) {
      // Still collecting the patterns of a block: up to a `{`.
      const brace = body.indexOf('{');
      const before = brace < 0 ? body : body.slice(0, brace);
      appendAll(patterns, splitWords(before, pos(lineNo, start + 1)));
      if (brace < 0) continue;
      openBlock(patterns, body.slice(brace + 1), lineNo, start + brace);
      patterns = undefined;
      continue;
    }
    if (block) {
      if (body[0] === '}') {
        const trailing = body.slice(1).search(/\S/);
        if (trailing >= 0) error(`Unexpected text after "}": "${body.slice(1).trim()}"`, pos(lineNo, start + 2 + trailing));
        out.statements.push({ kind: 'block', block });
        block = undefined;
        continue;
      }
      const d = directive(body, lineNo, start);
      if (d) addDirective(d);
      continue;
    }
    const first = body[0] as string;
    if (/[A-Za-z]/.test(first)) {
      const d = directive(body, lineNo, start);
      if (d) addDirective(d);
    } else if (first === '/' || first === '"' || first === "'" || first === '~') {
      const brace = body.indexOf('{');
      const collected = splitWords(brace < 0 ? body : body.slice(0, brace), pos(lineNo, start + 1));
      if (brace < 0) patterns = collected;
      else openBlock(collected, body.slice(brace + 1), lineNo, start + brace);
    } else if (first === '}') {
      error('"}" without a matching "{"', pos(lineNo, start + 1));
    } else {
      error(`"${body.trim()}": logrotate lines must begin with a keyword or a file name (possibly in quotes)`, pos(lineNo, start + 1));
    }
  }
  if (script) error('Script without "endscript": logrotate reads the rest of the file as shell', script);
  if (patterns) error('Log file names without a "{" block: logrotate rejects them', patterns[0]?.at ?? pos(lines.length, 1));
  if (block) {
    error('Block without a closing "}": logrotate rejects it', block.at);
  }
  return out;

  /** Opens a block; text after `{` on the same line is a directive, or `}` closes it at once. */
  function openBlock(words: LogrotateWord[], after: string, lineNo: number, braceColumn0: number): void {
    const at = words[0]?.at ?? pos(lineNo, braceColumn0 + 1);
    if (words.length === 0) error('"{" without any log file name before it', pos(lineNo, braceColumn0 + 1));
    block = { patterns: words, at, directives: [] };
    const lead = after.search(/\S/);
    if (lead < 0) return;
    const rest = after.slice(lead);
    const column0 = braceColumn0 + 1 + lead;
    if (rest[0] === '}') {
      out.statements.push({ kind: 'block', block });
      block = undefined;
      return;
    }
    const d = directive(rest, lineNo, column0);
    if (d) addDirective(d);
  }
}
