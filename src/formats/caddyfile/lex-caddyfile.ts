import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';

/**
 * Caddyfile tokens, as Caddy's lexer makes them (caddyconfig/caddyfile/lexer.go, v2.6.2 and
 * v2.8): blanks separate tokens; `"..."` quotes (only `\"` and `\`+newline are escapes inside; a quoted token
 * may span lines); `` `...` `` quotes without escapes; `\` outside quotes escapes the next
 * character, and before a newline joins lines; `#` at the start of a token comments to the end
 * of the line; heredocs `<<MARKER` … `MARKER` (2.7+, read here whatever the version).
 * Caddy reports only lines; columns are ours, for findings.
 */
export interface CaddyToken {
  text: string;
  at: SourcePosition;
  quoted: boolean;
  /** A newline (not inside a token, not escaped) separates this token from the previous one. */
  newlineBefore: boolean;
  /** `{$VAR}` placeholders substituted into this token (names), for unknown-value findings. */
  env?: string[];
}

export interface LexResult {
  tokens: CaddyToken[];
  diagnostics: Diagnostic[];
}

export function lexCaddyfile(text: string, file: string): LexResult {
  const tokens: CaddyToken[] = [];
  const diagnostics: Diagnostic[] = [];
  let line = 1;
  let col = 1;
  let i = 0;
  let newline = true;
  const advance = (): string => {
    const c = text[i++] as string;
    if (c === '\n') {
      line++;
      col = 1;
    } else col++;
    return c;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n') {
      advance();
      newline = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      advance();
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      // Escaped newline between tokens: the line goes on.
      advance();
      if (text[i] === '\r') advance();
      advance();
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') advance();
      continue;
    }
    const at: SourcePosition = { file, line, column: col };
    let value = '';
    let quoted = false;
    if (c === '<' && text[i + 1] === '<' && /^<<[A-Za-z0-9_-]+\r?\n/.test(text.slice(i, i + 80))) {
      const marker = /^<<([A-Za-z0-9_-]+)/.exec(text.slice(i))?.[1] as string;
      while (text[i] !== '\n') advance();
      advance();
      const bodyLines: string[] = [];
      let closed = false;
      while (i < text.length) {
        const end = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
        const raw = text.slice(i, end).replace(/\r$/, '');
        const indent = raw.slice(0, raw.length - raw.trimStart().length);
        const rest = raw.slice(indent.length);
        if (rest.startsWith(marker) && (rest.length === marker.length || /\s/.test(rest[marker.length] as string))) {
          // The closing marker's indentation is removed from every line (lexer.go finalizeHeredoc);
          // tokens after the marker on its line (`HTML 200`) are read as usual.
          value = bodyLines.map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n');
          const stop = i + indent.length + marker.length;
          while (i < stop) advance();
          closed = true;
          break;
        }
        bodyLines.push(raw);
        while (i < end) advance();
        if (i < text.length) advance();
      }
      if (!closed) diagnostics.push({ code: 'parse-error', message: `Heredoc <<${marker} is not closed by a line with ${marker}`, position: at });
      tokens.push({ text: value, at, quoted: true, newlineBefore: newline });
      newline = false;
      continue;
    }
    if (c === '"' || c === '`') {
      quoted = true;
      advance();
      let closed = false;
      while (i < text.length) {
        const d = text[i] as string;
        if (c === '"' && d === '\\' && i + 1 < text.length) {
          // lexer.go: only quotes and newlines are escaped; `\x` keeps its backslash.
          advance();
          const e = advance();
          value += e === '"' || e === '\n' ? e : `\\${e}`;
          continue;
        }
        if (d === c) {
          advance();
          closed = true;
          break;
        }
        value += advance();
      }
      if (!closed) diagnostics.push({ code: 'parse-error', message: `Unterminated ${c === '"' ? 'quoted' : 'backquoted'} token`, position: at });
    } else {
      while (i < text.length) {
        const d = text[i] as string;
        if (d === ' ' || d === '\t' || d === '\n' || d === '\r') break;
        if (d === '\\' && (text[i + 1] === '\n' || text.slice(i + 1, i + 3) === '\r\n')) break;
        if (d === '\\' && i + 1 < text.length) {
          // lexer.go: outside quotes an escaped character keeps its backslash (`\{` stays `\{`).
          advance();
          value += `\\${advance()}`;
          continue;
        }
        value += advance();
      }
    }
    tokens.push({ text: value, at, quoted, newlineBefore: newline });
    newline = false;
  }
  return { tokens, diagnostics };
}
