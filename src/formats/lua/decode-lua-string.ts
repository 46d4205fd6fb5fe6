import { appendAll } from '../../arrays/append-all.js';
/**
 * Decodes the raw text of a Lua string literal (as written in the source, quotes or long
 * brackets included) into the string Lua would hold.
 *
 * luaparse can decode strings itself, but only into byte strings (`pseudo-latin1`) or not at
 * all; configs are UTF-8 text, so this decodes escapes into bytes the way the Lua 5.4 lexer does
 * (llex.c read_string / read_long_string) and reads the bytes back as UTF-8.
 */

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
  '"': 34,
  "'": 39,
};

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: false });

function pushText(bytes: number[], text: string): void {
  for (const b of utf8.encode(text)) bytes.push(b);
}

/** UTF-8 encoding of a code point as Lua 5.4 does it (up to 2^31, no surrogate check). */
function pushCodePoint(bytes: number[], cp: number): void {
  if (cp < 0x80) {
    bytes.push(cp);
    return;
  }
  // lobject.c luaO_utf8esc: fill continuation bytes from the end.
  const out: number[] = [];
  let mfb = 0x3f;
  let x = cp;
  do {
    out.unshift(0x80 | (x & 0x3f));
    x = Math.floor(x / 64);
    mfb = mfb >> 1;
  } while (x > mfb);
  out.unshift(((~mfb << 1) & 0xff) | x);
  appendAll(bytes, out);
}

function isNewline(ch: string | undefined): boolean {
  return ch === '\n' || ch === '\r';
}

/** Long bracket string `[==[ ... ]==]`: no escapes, first newline skipped, newlines normalised. */
function decodeLong(raw: string): string {
  const open = /^\[=*\[/.exec(raw);
  const level = open ? open[0].length : 2;
  let body = raw.slice(level, raw.length - level);
  // A newline (any of \n, \r, \r\n, \n\r) right after the opening bracket is skipped.
  const first = /^(\r\n|\n\r|\n|\r)/.exec(body);
  if (first) body = body.slice(first[0].length);
  return body.replace(/\r\n|\n\r|\n|\r/g, '\n');
}

function decodeShort(raw: string): string {
  const body = raw.slice(1, -1);
  if (!body.includes('\\')) return body; // no escapes: the text is the value
  const bytes: number[] = [];
  let i = 0;
  let plainStart = 0;
  const flush = (end: number): void => {
    if (end > plainStart) pushText(bytes, body.slice(plainStart, end));
  };
  while (i < body.length) {
    if (body[i] !== '\\') {
      i++;
      continue;
    }
    flush(i);
    const next = body[i + 1];
    if (next === undefined) {
      i += 1;
    } else if (next in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[next] as number);
      i += 2;
    } else if (isNewline(next)) {
      // Backslash-newline is a newline; \r\n and \n\r count as one.
      const after = body[i + 2];
      i += isNewline(after) && after !== next ? 3 : 2;
      bytes.push(10);
    } else if (next === 'x') {
      bytes.push(parseInt(body.slice(i + 2, i + 4), 16));
      i += 4;
    } else if (next === 'z') {
      i += 2;
      while (i < body.length && /\s/.test(body[i] as string)) i++;
    } else if (next === 'u') {
      const close = body.indexOf('}', i);
      pushCodePoint(bytes, parseInt(body.slice(i + 3, close), 16));
      i = close + 1;
    } else if (/[0-9]/.test(next)) {
      const digits = /^[0-9]{1,3}/.exec(body.slice(i + 1))?.[0] ?? '0';
      bytes.push(Number(digits) & 0xff);
      i += 1 + digits.length;
    } else {
      // luaparse rejects invalid escapes in 5.2+ mode; keep the character if one slips through.
      i += 1;
      plainStart = i;
      continue;
    }
    plainStart = i;
  }
  flush(body.length);
  return fromUtf8.decode(Uint8Array.from(bytes));
}

export function decodeLuaString(raw: string): string {
  if (raw.startsWith('[')) return decodeLong(raw);
  return decodeShort(raw);
}
