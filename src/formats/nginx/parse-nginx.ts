import type { Diagnostic } from '../../inventory/diagnostic.js';
import { NginxLexer, type Token } from './lex-nginx.js';
import type { NginxStatement, NginxWord } from './nginx-syntax.js';

/**
 * Statements and blocks as ngx_conf_parse reads them (nginx 1.22.1 src/core/ngx_conf_file.c:
 * 157-330), but without stopping at the first error: every problem becomes a positioned
 * 'parse-error' and the rest of the file is still read (crossplane's catch_errors mode).
 */

export interface NginxParse {
  statements: NginxStatement[];
  diagnostics: Diagnostic[];
}

/**
 * Directive names that, unquoted at the start of a line inside another statement's arguments,
 * almost certainly mean the `;` before them was forgotten (nginx would read them as arguments
 * and refuse the file with a less helpful message).
 */
const STATEMENT_STARTERS = new Set([
  'access_log',
  'add_header',
  'alias',
  'error_log',
  'include',
  'listen',
  'location',
  'log_format',
  'proxy_pass',
  'proxy_set_header',
  'return',
  'rewrite',
  'root',
  'server',
  'server_name',
  'ssl_certificate',
  'ssl_certificate_key',
  'try_files',
]);

/** Deeper nesting is skipped (and reported), so that hostile input cannot exhaust the stack. */
const MAX_DEPTH = 200;

export function parseNginx(text: string, file: string): NginxParse {
  return new Parser(text, file).run();
}

class Parser {
  private readonly lexer: NginxLexer;
  private readonly diagnostics: Diagnostic[] = [];
  private eofReported = false;

  constructor(
    text: string,
    private readonly file: string,
  ) {
    this.lexer = new NginxLexer(text);
  }

  run(): NginxParse {
    const statements = this.block(0);
    for (const p of this.lexer.problems) this.error(p.message, p.line, p.column);
    this.diagnostics.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
    return { statements, diagnostics: this.diagnostics };
  }

  private error(message: string, line: number, column: number): void {
    this.diagnostics.push({ code: 'parse-error', message, position: { file: this.file, line, column } });
  }

  private block(depth: number): NginxStatement[] {
    const list: NginxStatement[] = [];
    let words: Token[] = [];
    for (;;) {
      const t = this.lexer.next();
      switch (t.kind) {
        case 'word':
          words.push(t);
          break;
        case ';':
          if (words.length === 0) this.error('unexpected ";"', t.line, t.column);
          else this.push(list, words);
          words = [];
          break;
        case '{': {
          if (words.length === 0) {
            this.error('unexpected "{"', t.line, t.column);
            this.block(depth + 1); // read and drop, so that its `}` does not close our block
            break;
          }
          const statement = this.push(list, words);
          words = [];
          if (depth >= MAX_DEPTH) {
            this.error(`blocks nested more than ${MAX_DEPTH} deep: the contents of "${statement.name}" are not read`, t.line, t.column);
            if (!this.skipBlock()) {
              this.eof(depth + 1);
              return list;
            }
          } else if (statement.name.endsWith('_by_lua_block')) {
            const body = this.lexer.luaBody();
            if (body) statement.luaBody = body;
            else this.eof(depth + 1);
            if (!body) return list;
          } else {
            statement.block = this.block(depth + 1);
          }
          break;
        }
        case '}':
          if (words.length > 0) {
            // `a b }`: nginx stops with `unexpected "}"`; we keep `a b` as if the `;` were there.
            this.error('unexpected "}": missing ";" before it', t.line, t.column);
            this.push(list, words);
            words = [];
          }
          if (depth > 0) return list;
          this.error('unexpected "}": no block is open here', t.line, t.column);
          break;
        case 'eof':
          if (words.length > 0) {
            const last = words[words.length - 1] as Token;
            // An unterminated quote has been reported already and explains the end of file.
            if (!this.lexer.problems.some((p) => p.message.startsWith('unterminated'))) this.error('unexpected end of file, expecting ";" or "}"', last.endLine, last.endColumn);
            this.eofReported = true;
            this.push(list, words);
          }
          this.eof(depth);
          return list;
      }
    }
  }

  /** Skips to the `}` matching an open `{` without recursion; false at end of file. */
  private skipBlock(): boolean {
    let open = 1;
    for (;;) {
      const t = this.lexer.next();
      if (t.kind === 'eof') return false;
      if (t.kind === '{') open++;
      else if (t.kind === '}' && --open === 0) return true;
    }
  }

  /** End of file inside `depth` open blocks: reported once, at the end of the file. */
  private eof(depth: number): void {
    if (depth === 0 || this.eofReported) return;
    this.eofReported = true;
    const t = this.lexer.next();
    this.error(`unexpected end of file, expecting "}" (${depth} block${depth > 1 ? 's' : ''} not closed)`, t.line, t.column);
  }

  /** Builds the statement(s) from the words, splitting where a `;` was evidently forgotten. */
  private push(list: NginxStatement[], words: Token[]): NginxStatement {
    let from = 0;
    for (let i = 1; i < words.length; i++) {
      const w = words[i] as Token;
      const prev = words[i - 1] as Token;
      if (w.quoted || w.line === prev.endLine || !STATEMENT_STARTERS.has(w.value)) continue;
      if (!this.startsLine(w)) continue;
      this.error(`missing ";" after "${prev.value}": "${w.value}" on the next line starts a new directive`, prev.endLine, prev.endColumn);
      list.push(this.statement(words.slice(from, i)));
      from = i;
    }
    const statement = this.statement(from === 0 ? words : words.slice(from));
    list.push(statement);
    return statement;
  }

  private startsLine(w: Token): boolean {
    const text = this.lexer.text;
    // Walk back from the word's first character over spaces and tabs to the line start.
    let offset = this.offsetOf(w) - 1;
    while (offset >= 0 && (text[offset] === ' ' || text[offset] === '\t')) offset--;
    return offset < 0 || text[offset] === '\n' || text[offset] === '\r';
  }

  /** Offset of a token in the text, from its line and column (only used on the rare split path). */
  private offsetOf(w: Token): number {
    const text = this.lexer.text;
    let offset = 0;
    for (let line = 1; line < w.line; line++) offset = text.indexOf('\n', offset) + 1;
    return offset + w.column - 1;
  }

  private statement(words: Token[]): NginxStatement {
    const head = words[0] as Token;
    const args: NginxWord[] = [];
    for (let i = 1; i < words.length; i++) {
      const w = words[i] as Token;
      args.push({ value: w.value, quoted: w.quoted, line: w.line, column: w.column });
    }
    return { name: head.value, args, file: this.file, line: head.line, column: head.column };
  }
}
