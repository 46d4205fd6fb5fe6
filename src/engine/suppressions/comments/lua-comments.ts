import { toLineEnd, type RawComment } from './comment.js';

/**
 * Comments of a Lua file (Lua 5.4 manual §3.1): `--` to the end of the line, or `--[[ … ]]` /
 * `--[==[ … ]==]` long comments, never inside a quoted string (with its backslash escapes) or a
 * long string `[[ … ]]`.
 */
export function luaComments(text: string): RawComment[] {
  const comments: RawComment[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '-' && text[i + 1] === '-') {
      const level = longBracketLevel(text, i + 2);
      if (level < 0) {
        const comment = toLineEnd(text, i, 2);
        comments.push(comment);
        i = comment.end;
        continue;
      }
      const bodyStart = i + 2 + level + 2;
      const close = closeLongBracket(text, bodyStart, level);
      comments.push({ start: i, end: close.end, body: text.slice(bodyStart, close.bodyEnd) });
      i = close.end;
    } else if (c === '"' || c === "'") {
      i = skipQuoted(text, i);
    } else if (c === '[' && longBracketLevel(text, i) >= 0) {
      const level = longBracketLevel(text, i);
      i = closeLongBracket(text, i + level + 2, level).end;
    } else {
      i++;
    }
  }
  return comments;
}

/** The level (number of `=`) of a long bracket `[==[` opening at `at`, or -1. */
function longBracketLevel(text: string, at: number): number {
  if (text[at] !== '[') return -1;
  let j = at + 1;
  while (text[j] === '=') j++;
  return text[j] === '[' ? j - at - 1 : -1;
}

function closeLongBracket(text: string, from: number, level: number): { bodyEnd: number; end: number } {
  const close = `]${'='.repeat(level)}]`;
  const at = text.indexOf(close, from);
  return at < 0 ? { bodyEnd: text.length, end: text.length } : { bodyEnd: at, end: at + close.length };
}

/** The offset after a quoted string opening at `at`; an unfinished one ends at its line's end. */
function skipQuoted(text: string, at: number): number {
  const quote = text[at];
  let i = at + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    else if (c === '\n') return i;
    else i++;
  }
  return i;
}
