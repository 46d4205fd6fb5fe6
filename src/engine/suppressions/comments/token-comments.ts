import { lineEnd, toLineEnd, type RawComment } from './comment.js';

/**
 * nginx comments (ngx_conf_read_token, nginx 1.22.1 src/core/ngx_conf_file.c:503-812): `#` opens a
 * comment only at the start of a token; a quote opens a string only at the start of a token; a
 * backslash protects the next character everywhere. So `"a # b"` and `a#b` are not comments.
 */
export function nginxComments(text: string): RawComment[] {
  const comments: RawComment[] = [];
  let atTokenStart = true;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\\') {
      i += 2;
      atTokenStart = false;
    } else if (/\s/.test(c) || c === ';' || c === '{' || (c === '}' && atTokenStart)) {
      i++;
      atTokenStart = true;
    } else if (atTokenStart && c === '#') {
      const comment = toLineEnd(text, i);
      comments.push(comment);
      i = comment.end;
    } else if (atTokenStart && (c === '"' || c === "'")) {
      i = skipQuoted(text, i, (at) => (text[at] === '\\' ? 2 : 1));
      atTokenStart = false;
    } else {
      i++;
      atTokenStart = false;
    }
  }
  return comments;
}

/**
 * Caddyfile comments (caddyconfig/caddyfile/lexer.go, Caddy 2.6-2.8): `#` at the start of a token
 * to the end of the line; not inside `"…"` (where `\"` escapes), `` `…` `` or a heredoc
 * `<<MARKER` … `MARKER`; a backslash outside quotes escapes the next character.
 */
export function caddyfileComments(text: string): RawComment[] {
  const comments: RawComment[] = [];
  let atTokenStart = true;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      atTokenStart = true;
    } else if (c === '\\') {
      i += 2;
      atTokenStart = false;
    } else if (atTokenStart && c === '#') {
      const comment = toLineEnd(text, i);
      comments.push(comment);
      i = comment.end;
    } else if (atTokenStart && c === '"') {
      i = skipQuoted(text, i, (at) => (text[at] === '\\' && (text[at + 1] === '"' || text[at + 1] === '\n') ? 2 : 1));
      atTokenStart = false;
    } else if (atTokenStart && c === '`') {
      i = skipQuoted(text, i, () => 1);
      atTokenStart = false;
    } else if (atTokenStart && /^<<[A-Za-z0-9_-]+\r?\n/.test(text.slice(i, i + 80))) {
      const marker = /^<<([A-Za-z0-9_-]+)/.exec(text.slice(i))?.[1] as string;
      i = skipHeredoc(text, lineEnd(text, i) + 1, (line) => line.trim().startsWith(marker));
      atTokenStart = false;
    } else {
      i++;
      atTokenStart = false;
    }
  }
  return comments;
}

/**
 * Shell comments (POSIX sh, Shell Command Language §2.3 rule 9): `#` at the start of a word, that
 * is after a blank, a newline or an operator character; not inside quotes, after a backslash, in
 * a word (`a#b`, `${#x}`, `$#`) or in a here-document's text.
 */
export function shellComments(text: string): RawComment[] {
  const comments: RawComment[] = [];
  const heredocs: { delimiter: string; stripTabs: boolean }[] = [];
  let atWordStart = true;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n') {
      i++;
      atWordStart = true;
      for (const doc of heredocs.splice(0)) {
        i = skipHeredoc(text, i, (line) => (doc.stripTabs ? line.replace(/^\t+/, '') : line) === doc.delimiter);
      }
    } else if (c === '\\') {
      i += 2;
      atWordStart = false;
    } else if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
      // A here-document delimiter is a word; only names are taken (EOF, 'END'), so that an
      // arithmetic shift `$((1<<2))` does not swallow the rest of the script.
      const heredoc = /^<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|([A-Za-z_\\][^\s;&|()<>]*))/.exec(text.slice(i, i + 200));
      if (heredoc) {
        heredocs.push({ delimiter: (heredoc[2] ?? heredoc[3] ?? heredoc[4] ?? '').replace(/\\/g, ''), stripTabs: heredoc[1] === '-' });
        i += heredoc[0].length;
      } else {
        i += 2;
      }
      atWordStart = true;
    } else if (' \t\r;&|()<>'.includes(c)) {
      i++;
      atWordStart = true;
    } else if (atWordStart && c === '#') {
      const comment = toLineEnd(text, i);
      comments.push(comment);
      i = comment.end;
    } else if (c === "'") {
      i = skipQuoted(text, i, () => 1);
      atWordStart = false;
    } else if (c === '"') {
      i = skipQuoted(text, i, (at) => (text[at] === '\\' ? 2 : 1));
      atWordStart = false;
    } else {
      i++;
      atWordStart = false;
    }
  }
  return comments;
}

/**
 * The offset after a quoted string opening at `at` (all three languages let one span lines).
 * `step` says how far the character at an offset moves: 2 over an escape.
 */
function skipQuoted(text: string, at: number, step: (at: number) => number): number {
  const quote = text[at];
  let i = at + 1;
  while (i < text.length) {
    if (text[i] === quote) return i + 1;
    i += step(i);
  }
  return text.length;
}

/** The offset after a here-document whose text starts at `from` and ends with the line `isEnd` accepts. */
function skipHeredoc(text: string, from: number, isEnd: (line: string) => boolean): number {
  let i = from;
  while (i < text.length) {
    const end = lineEnd(text, i);
    const line = text.slice(i, end).replace(/\r$/, '');
    if (isEnd(line)) return end;
    i = end + 1;
  }
  return text.length;
}
