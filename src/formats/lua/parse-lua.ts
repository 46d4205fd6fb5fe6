import luaparse from 'luaparse';
import type { Chunk } from 'luaparse';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import { LineIndex } from './line-index.js';
import { findExcessiveNesting, LUA_MAX_NESTING } from './nesting-depth.js';

/**
 * Parses Lua source into a luaparse syntax tree whose nodes carry character offsets (nodeStart,
 * nodeEnd; `lines` gives line and column), or a `parse-error` Diagnostic.
 *
 * luaVersion '5.3' is the newest luaparse knows; it accepts everything Lua 5.4 (which Debian's
 * Prosody runs under, /usr/bin/prosody shebang) accepts except local attributes
 * (`local x <const> = 1`), which are blanked out before parsing, keeping every position.
 * Strings are not decoded by luaparse (`encodingMode: 'none'`): see decode-lua-string.ts.
 */
export type ParseLuaResult = { ok: true; chunk: Chunk; lines: LineIndex } | { ok: false; diagnostic: Diagnostic };

/**
 * Every node carries luaparse's `range`: its start and end character offsets (see
 * nodeStart/nodeEnd); `lines` turns an offset into line and column. luaparse's own `locations`
 * (three objects per node) are not asked for: on a config of 100,000 hosts they cost 150 MB of
 * memory and much of the parse time (bench/).
 */
interface Ranged {
  range?: [number, number];
}

/** Offset in the whole source of the text being parsed (non-zero when parsing a part of it). */
let offsetBase = 0;

function shiftRange(node: object): void {
  const range = (node as Ranged).range;
  if (!range) return;
  range[0] += offsetBase;
  range[1] += offsetBase;
}

const PARSE_OPTIONS = {
  locations: false,
  ranges: true,
  comments: false,
  scope: false,
  luaVersion: '5.3',
  encodingMode: 'none',
} as const;

/** For a part of a source: offsets become offsets in the whole source. */
const PART_OPTIONS = { ...PARSE_OPTIONS, onCreateNode: shiftRange } as const;

/** Offset of the first character of a node of a tree from parseLua. */
export function nodeStart(node: object): number {
  return (node as Ranged).range?.[0] ?? 0;
}

/** Offset just after the last character of a node of a tree from parseLua. */
export function nodeEnd(node: object): number {
  return (node as Ranged).range?.[1] ?? nodeStart(node);
}

/** Lua 5.4 `<const>` / `<close>` after a local's name; replaced by spaces of the same length. */
const LOCAL_ATTRIBUTE = /(\blocal\s+[A-Za-z_][A-Za-z0-9_]*(?:\s*<\s*(?:const|close)\s*>)?(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*(?:\s*<\s*(?:const|close)\s*>)?)*)/g;

/** True when the source may have Lua 5.4 local attributes, which parseLua blanks out on a retry. */
export function hasLocalAttributes(source: string): boolean {
  return /<\s*(?:const|close)\s*>/.test(source);
}

function blankLocalAttributes(source: string): string {
  return source.replace(LOCAL_ATTRIBUTE, (decl) => decl.replace(/<\s*(?:const|close)\s*>/g, (a) => ' '.repeat(a.length)));
}

interface LuaparseError {
  message: string;
  line?: number;
  index?: number;
}

function isLuaparseError(e: unknown): e is LuaparseError & Error {
  return e instanceof SyntaxError && typeof (e as { line?: unknown }).line === 'number';
}

/**
 * luaparse reports columns inconsistently (0-based for token errors, 1-based for lexer errors),
 * so the column is recomputed from the character index.
 */
function positionOf(source: string, error: LuaparseError): { line: number; column: number } {
  const index = Math.max(0, Math.min(error.index ?? 0, source.length));
  let lineStart = 0;
  for (let i = index - 1; i >= 0; i--) {
    const ch = source[i];
    if (ch === '\n' || ch === '\r') {
      lineStart = i + 1;
      break;
    }
  }
  return { line: Math.max(1, error.line ?? 1), column: index - lineStart + 1 };
}

function cleanMessage(message: string): string {
  return message.replace(/^\[\d+:\d+\]\s*/, '');
}

function parseOnce(source: string): Chunk {
  return luaparse.parse(source, PARSE_OPTIONS);
}

/**
 * Parses `source[start, end)` alone as a chunk; node offsets (nodeStart/nodeEnd) are offsets
 * in the whole `source`. Throws what luaparse throws. For lua-statement-stream.ts, which checks
 * that the part ends where a statement of the whole source ends.
 */
export function parseLuaPart(source: string, start: number, end: number): Chunk {
  if (start === 0) return luaparse.parse(end === source.length ? source : source.slice(0, end), PARSE_OPTIONS);
  offsetBase = start;
  try {
    return luaparse.parse(source.slice(start, end), PART_OPTIONS);
  } finally {
    offsetBase = 0;
  }
}

export function parseLua(source: string, file: string): ParseLuaResult {
  // luaparse skips a `#!` first line; Lua's load() of a string (what Prosody's envload uses) does not.
  if (source.startsWith('#')) {
    return {
      ok: false,
      diagnostic: { code: 'parse-error', message: "Lua syntax error: unexpected symbol near '#'", position: { file, line: 1, column: 1 } },
    };
  }
  const tooDeep = nestingDiagnostic(source, file);
  if (tooDeep) return { ok: false, diagnostic: tooDeep };
  try {
    return { ok: true, chunk: parseOnce(source), lines: new LineIndex(source) };
  } catch (first) {
    if (hasLocalAttributes(source)) {
      try {
        return { ok: true, chunk: parseOnce(blankLocalAttributes(source)), lines: new LineIndex(source) };
      } catch {
        // Report the error of the original source below.
      }
    }
    if (isFirstTokenCrash(first)) {
      // luaparse 0.3.1 fails on a character no token starts with when it is the very first
      // token (tokenValue of a lookahead that does not exist yet); Lua reports it like any other.
      const at = firstTokenOffset(source);
      const position = new LineIndex(source).position(file, at);
      return { ok: false, diagnostic: { code: 'parse-error', message: `Lua syntax error: unexpected symbol${nearText(source, at)}`, position } };
    }
    if (!isLuaparseError(first)) {
      const message = first instanceof Error ? first.message : String(first);
      return { ok: false, diagnostic: { code: 'parse-error', message, position: { file, line: 1, column: 1 } } };
    }
    const { line, column } = positionOf(source, first);
    return {
      ok: false,
      diagnostic: {
        code: 'parse-error',
        message: `Lua syntax error: ${cleanMessage(first.message)}`,
        position: { file, line, column },
      },
    };
  }
}

/** A parse-error when the source nests deeper than Lua allows (nesting-depth.ts), else undefined. */
export function nestingDiagnostic(source: string, file: string): Diagnostic | undefined {
  const deep = findExcessiveNesting(source);
  if (!deep) return undefined;
  return {
    code: 'parse-error',
    message: `Lua syntax error: nested more than ${LUA_MAX_NESTING} levels deep; Lua 5.4 stops at ${LUA_MAX_NESTING} ("C stack overflow", LUAI_MAXCCALLS in llimits.h)`,
    position: new LineIndex(source).position(file, deep.offset),
  };
}

function isFirstTokenCrash(e: unknown): boolean {
  return e instanceof TypeError && /reading 'range'/.test(e.message);
}

/** Offset of the first token: after whitespace and comments. */
function firstTokenOffset(source: string): number {
  let i = 0;
  for (;;) {
    while (i < source.length && /[ \t\n\r\v\f]/.test(source[i] as string)) i++;
    if (!source.startsWith('--', i)) return i;
    const long = /^--\[(=*)\[/.exec(source.slice(i, i + 64));
    if (long) {
      const level = long[1] as string;
      const close = source.indexOf(`]${level}]`, i);
      i = close < 0 ? source.length : close + level.length + 2;
    } else {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    }
  }
}

/**
 * How Lua names a character in an error (llex.c luaX_token2str): ` near 'c'`, or ` near '<\N>'`
 * for a byte that is not printable; a NUL byte is token 0, which lexerror names not at all.
 */
function nearText(source: string, at: number): string {
  const code = source.charCodeAt(at);
  if (code === 0) return '';
  if (code >= 32 && code < 127) return ` near '${source.charAt(at)}'`;
  // The first byte of the character's UTF-8 encoding, as Lua (which reads bytes) sees it.
  const byte = Buffer.from(source.slice(at, at + 2), 'utf8')[0] ?? 0;
  return ` near '<\\${byte}>'`;
}
