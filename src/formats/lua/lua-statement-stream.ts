import type { Statement } from 'luaparse';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import { LineIndex } from './line-index.js';
import { hasLocalAttributes, nestingDiagnostic, parseLua, parseLuaPart } from './parse-lua.js';
import { readSimpleStatements } from './simple-statements.js';

/**
 * The top-level statements of a Lua file, parsed a part (at most about `partChars` characters)
 * at a time and handed out one by one, so that the syntax tree of a huge config never exists
 * whole: on a config of 100,000 VirtualHosts the whole tree is over 300 MB (bench/).
 *
 * A part given to luaparse ends just before a line that starts with a name (not `and`/`or`) and
 * is parsed alone. When it parses, and does not end with `return`, its statements are exactly
 * those the whole file has there: a complete chunk followed by a name cannot continue (a name is
 * no operator, call argument, index or `=`), so the parser of the whole file closes the last
 * statement where the part ends and goes on with a new one at the top level. A cut that is no
 * statement boundary (inside a table, a function, a long string or comment) makes the part fail
 * to parse; a longer part is tried, at last the whole rest of the file. Runs of the simplest
 * statements are read without luaparse (simple-statements.ts), by the same rule.
 *
 * luaparse checks labels across blocks (duplicates), so a file with a `::label::` is parsed
 * whole, as is one needing parseLua's retry for Lua 5.4 local attributes.
 */
export const DEFAULT_PART_CHARS = 16 * 1024;

/**
 * A syntax error found after statements of the file were handed out: Prosody would have refused
 * the whole file before running any of it, so the caller must start over reading files whole.
 */
export class LateLuaSyntaxError extends Error {
  constructor(readonly file: string) {
    super(`Lua syntax error in ${file} found after its first statements were read`);
    this.name = 'LateLuaSyntaxError';
  }
}

interface Part {
  body: Statement[];
  end: number;
}

/** `::name::`; IPv6 addresses (`"::1"`) have no second `::`. */
const LABEL = /::\s*[A-Za-z_][A-Za-z0-9_]*\s*::/;

function isNameStart(ch: number): boolean {
  return (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95;
}

function isNameChar(ch: number): boolean {
  return isNameStart(ch) || (ch >= 48 && ch <= 57);
}

/** The first line start at or after `from` whose line begins with a name other than and/or; else the source length. */
function cutAfter(source: string, from: number): number {
  let nl = source.indexOf('\n', from - 1);
  while (nl >= 0) {
    const start = nl + 1;
    if (isNameStart(source.charCodeAt(start))) {
      let end = start + 1;
      while (isNameChar(source.charCodeAt(end))) end++;
      const word = source.slice(start, end);
      if (word !== 'and' && word !== 'or') return start;
    }
    nl = source.indexOf('\n', start);
  }
  return source.length;
}

/**
 * Statements of the part starting at `start` (see above), or undefined on a syntax error in the
 * rest of the file. Simple statements are read without luaparse (simple-statements.ts); at the
 * first other one, luaparse parses up to the first cut `partChars / 8` further, then 4 times as
 * far, and so on (a statement longer than a part), at last the whole rest.
 */
function parsePart(source: string, start: number, partChars: number): Part | undefined {
  const simple = readSimpleStatements(source, start, start + partChars);
  if (simple.end > start) return simple;
  // Not from the very next cut: a luaparse call has a cost of its own, worth sharing among statements.
  for (let size = Math.max(1, partChars >> 3); ; size *= 4) {
    const end = cutAfter(source, start + size);
    if (end >= source.length) break;
    try {
      const body = parseLuaPart(source, start, end).body;
      // `return` must be the last statement of its block: more after it is a syntax error.
      if (body[body.length - 1]?.type !== 'ReturnStatement') return { body, end };
    } catch {
      // No statement boundary at `end`, or a syntax error: a longer part tells.
    }
  }
  try {
    return { body: parseLuaPart(source, start, source.length).body, end: source.length };
  } catch {
    return undefined;
  }
}

export class LuaStatementStream {
  private body: (Statement | undefined)[];
  private index = 0;
  private partEnd: number;

  constructor(
    private readonly source: string,
    private readonly file: string,
    first: Part,
    private readonly partChars: number,
  ) {
    this.body = first.body;
    this.partEnd = first.end;
  }

  /**
   * The next top-level statement, undefined after the last one. The stream keeps no reference
   * to a statement it handed out. Throws LateLuaSyntaxError (see there).
   */
  next(): Statement | undefined {
    for (;;) {
      if (this.index < this.body.length) {
        const statement = this.body[this.index];
        this.body[this.index++] = undefined;
        return statement;
      }
      if (this.partEnd >= this.source.length) return undefined;
      this.readPart();
    }
  }

  /**
   * Parses what was not handed out, only to find syntax errors: Lua compiles the whole file
   * before running it (Prosody's envload), so an error after a top-level `return` still counts.
   * Throws LateLuaSyntaxError.
   */
  finish(): void {
    this.body = [];
    this.index = 0;
    while (this.partEnd < this.source.length) {
      this.readPart();
      this.body = [];
    }
  }

  private readPart(): void {
    const part = parsePart(this.source, this.partEnd, this.partChars);
    if (!part) throw new LateLuaSyntaxError(this.file);
    this.body = part.body;
    this.index = 0;
    this.partEnd = part.end;
  }
}

export type ParseLuaStreamResult =
  | { ok: true; statements: LuaStatementStream; lines: LineIndex }
  | { ok: false; diagnostic: Diagnostic };

/**
 * Like parseLua (same diagnostics), but the statements come as a stream. A file of at most two
 * parts is parsed whole; `partChars: Infinity` parses every file whole.
 */
export function parseLuaStream(
  source: string,
  file: string,
  partChars = DEFAULT_PART_CHARS,
  memo: <T>(parse: () => T) => T = (parse) => parse(),
): ParseLuaStreamResult {
  const streamable = source.length > 2 * partChars && !source.startsWith('#') && !LABEL.test(source) && !hasLocalAttributes(source);
  if (streamable) {
    const tooDeep = nestingDiagnostic(source, file);
    if (tooDeep) return { ok: false, diagnostic: tooDeep };
    const first = parsePart(source, 0, partChars);
    if (first) return { ok: true, statements: new LuaStatementStream(source, file, first, partChars), lines: new LineIndex(source) };
  }
  // A file parsed whole may be included many times: `memo` keeps its parse, and each stream gets
  // its own copy of the statement list, which the stream empties as it hands statements out.
  const whole = memo(() => {
    const tooDeep = nestingDiagnostic(source, file);
    return tooDeep ? { ok: false as const, diagnostic: tooDeep } : parseLua(source, file);
  });
  if (!whole.ok) return whole;
  return {
    ok: true,
    statements: new LuaStatementStream(source, file, { body: [...whole.chunk.body], end: source.length }, partChars),
    lines: whole.lines,
  };
}
