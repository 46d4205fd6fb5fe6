/**
 * nginx's tokenizer, as ngx_conf_read_token does it (nginx 1.22.1 src/core/ngx_conf_file.c:503-812):
 * whitespace is space, TAB, CR, LF; `;` `{` end a word; `}` and `#` are special only at the start
 * of a token; quotes only open at the start of a token and must be followed by whitespace, `;`,
 * `{` or `)`; a backslash protects the next character everywhere; `${` inside a word does not
 * open a block. Unlike nginx it never stops: a problem becomes an entry in `problems`.
 */

export type TokenKind = 'word' | ';' | '{' | '}' | 'eof';

export interface LexProblem {
  message: string;
  line: number;
  column: number;
}

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const SEMI = 59;
const LBRACE = 123;
const RBRACE = 125;
const HASH = 35;
const BACKSLASH = 92;
const DQUOTE = 34;
const SQUOTE = 39;
const DOLLAR = 36;
const RPAREN = 41;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === CR || c === LF;
}

export class NginxLexer {
  pos = 0;
  line = 1;
  private lineStart = 0;
  readonly problems: LexProblem[] = [];
  /** Set when a quoted string ran to the end of the file. */
  unterminated = false;

  constructor(readonly text: string) {}

  private column(at: number): number {
    return at - this.lineStart + 1;
  }

  /** Advances one character, keeping line bookkeeping. */
  private advance(): number {
    const c = this.text.charCodeAt(this.pos++);
    if (c === LF) {
      this.line++;
      this.lineStart = this.pos;
    }
    return c;
  }

  /** Kind of the last token; its position and (for words) value are in the fields below. */
  kind: TokenKind = 'eof';
  value = '';
  quoted = false;
  tokenLine = 1;
  tokenColumn = 1;
  /** Offset of the last token's first character. */
  tokenOffset = 0;
  /** Position just after the last token's last character. */
  endLine = 1;
  endColumn = 1;

  /** Reads the next token into the fields above (no allocation per token). */
  next(): TokenKind {
    const text = this.text;
    const length = text.length;
    // Whitespace and comments: `#` starts a comment only at the start of a token (:692-694).
    for (;;) {
      if (this.pos >= length) return this.punct('eof', 0);
      const c = text.charCodeAt(this.pos);
      if (isSpace(c)) {
        this.advance();
      } else if (c === HASH) {
        const end = text.indexOf('\n', this.pos);
        this.pos = end === -1 ? length : end;
      } else {
        break;
      }
    }
    const c = text.charCodeAt(this.pos);
    if (c === SEMI) return this.punct(';', 1);
    if (c === LBRACE) return this.punct('{', 1);
    if (c === RBRACE) return this.punct('}', 1);
    if (c === DQUOTE || c === SQUOTE) return this.quotedWord(c);
    return this.bare();
  }

  private punct(kind: TokenKind, width: number): TokenKind {
    this.kind = kind;
    this.value = '';
    this.quoted = false;
    this.tokenLine = this.endLine = this.line;
    this.tokenColumn = this.column(this.pos);
    this.pos += width;
    this.endColumn = this.tokenColumn + width;
    return kind;
  }

  /** A word outside quotes: runs to whitespace, `;`, or `{` not right after `$` (:724-750). */
  private bare(): TokenKind {
    const text = this.text;
    const length = text.length;
    const start = this.pos;
    this.tokenOffset = start;
    this.tokenLine = this.line;
    this.tokenColumn = this.column(start);
    let escaped = false;
    let variable = false;
    while (this.pos < length) {
      const c = text.charCodeAt(this.pos);
      if (c === BACKSLASH) {
        escaped = true;
        this.advance();
        if (this.pos < length) this.advance();
        variable = false;
        continue;
      }
      if (c === LBRACE && variable) {
        this.pos++;
        variable = false;
        continue;
      }
      if (isSpace(c) || c === SEMI || c === LBRACE) break;
      variable = c === DOLLAR;
      this.pos++;
    }
    const raw = text.slice(start, this.pos);
    this.kind = 'word';
    this.value = escaped ? unescape(raw) : raw;
    this.quoted = false;
    this.endLine = this.line;
    this.endColumn = this.column(this.pos);
    return 'word';
  }

  /** A quoted word, which may span lines; what follows the closing quote is checked (:632-655). */
  private quotedWord(quote: number): TokenKind {
    const text = this.text;
    const length = text.length;
    this.tokenOffset = this.pos;
    this.tokenLine = this.line;
    this.tokenColumn = this.column(this.pos);
    const line = this.tokenLine;
    const column = this.tokenColumn;
    this.pos++;
    const start = this.pos;
    let escaped = false;
    while (this.pos < length && text.charCodeAt(this.pos) !== quote) {
      if (text.charCodeAt(this.pos) === BACKSLASH) {
        escaped = true;
        this.advance();
        if (this.pos >= length) break;
      }
      this.advance();
    }
    const raw = text.slice(start, this.pos);
    if (this.pos >= length) {
      this.unterminated = true;
      this.problems.push({
        message: `unterminated ${quote === DQUOTE ? 'double' : 'single'}-quoted string: unexpected end of file`,
        line,
        column,
      });
    } else {
      this.pos++;
      const after = this.pos < length ? text.charCodeAt(this.pos) : SPACE;
      if (!isSpace(after) && after !== SEMI && after !== LBRACE && after !== RPAREN) {
        this.problems.push({
          message: `unexpected "${String.fromCharCode(after)}" after a quoted string`,
          line: this.line,
          column: this.column(this.pos),
        });
      }
    }
    this.kind = 'word';
    this.value = escaped ? unescape(raw) : raw;
    this.quoted = true;
    this.endLine = this.line;
    this.endColumn = this.column(this.pos);
    return 'word';
  }

  /**
   * The body of a `*_by_lua_block` after its `{`, up to the matching `}`: braces are counted
   * outside Lua strings and comments, as crossplane's ext/lua.py does. Undefined at end of file.
   */
  luaBody(): { text: string; line: number; column: number } | undefined {
    const text = this.text;
    const length = text.length;
    const start = this.pos;
    const line = this.line;
    const column = this.column(start);
    let depth = 1;
    while (this.pos < length) {
      const c = text.charCodeAt(this.pos);
      if (c === LBRACE) {
        depth++;
        this.pos++;
      } else if (c === RBRACE) {
        depth--;
        if (depth === 0) {
          const body = text.slice(start, this.pos);
          this.pos++;
          return { text: body, line, column };
        }
        this.pos++;
      } else if (c === DQUOTE || c === SQUOTE) {
        this.advance();
        while (this.pos < length) {
          const d = text.charCodeAt(this.pos);
          if (d === BACKSLASH) {
            this.advance();
            if (this.pos < length) this.advance();
            continue;
          }
          if (d === LF) break; // an unfinished Lua string ends at the line
          this.pos++;
          if (d === c) break;
        }
      } else if (c === 45 /* - */ && text.charCodeAt(this.pos + 1) === 45) {
        this.pos += 2;
        const level = longBracketLevel(text, this.pos);
        if (level >= 0) this.skipLong(level);
        else {
          const end = text.indexOf('\n', this.pos);
          this.pos = end === -1 ? length : end;
        }
      } else if (c === 91 /* [ */ && longBracketLevel(text, this.pos) >= 0) {
        this.skipLong(longBracketLevel(text, this.pos));
      } else {
        this.advance();
      }
    }
    return undefined;
  }

  /** Skips a Lua long bracket `[==[ ... ]==]` starting at pos. */
  private skipLong(level: number): void {
    const close = `]${'='.repeat(level)}]`;
    const end = this.text.indexOf(close, this.pos + level + 2);
    const stop = end === -1 ? this.text.length : end + close.length;
    while (this.pos < stop) this.advance();
  }
}

/** `[[` → 0, `[==[` → 2; -1 when pos does not open a long bracket. */
function longBracketLevel(text: string, pos: number): number {
  if (text.charCodeAt(pos) !== 91) return -1;
  let i = pos + 1;
  while (text.charCodeAt(i) === 61 /* = */) i++;
  return text.charCodeAt(i) === 91 ? i - pos - 1 : -1;
}

/** The stored form of a word (:770-800): only these escapes change; `\.` etc. stay as written. */
function unescape(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charAt(i);
    if (c === '\\' && i + 1 < raw.length) {
      const n = raw[i + 1];
      if (n === '"' || n === "'" || n === '\\') {
        out += n;
        i++;
        continue;
      }
      if (n === 't' || n === 'r' || n === 'n') {
        out += n === 't' ? '\t' : n === 'r' ? '\r' : '\n';
        i++;
        continue;
      }
    }
    out += c;
  }
  return out;
}
