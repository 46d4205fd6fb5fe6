import type { Diagnostic } from '../../inventory/diagnostic.js';
import { NginxLexer } from './lex-nginx.js';
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
    const lexer = this.lexer;
    const list: NginxStatement[] = [];
    // The words of the statement being read, and for each: where it ends (line, column) and its offset.
    let words: NginxWord[] = [];
    let ends: number[] = [];
    for (;;) {
      const kind = lexer.next();
      switch (kind) {
        case 'word':
          words.push({ value: lexer.value, quoted: lexer.quoted, line: lexer.tokenLine, column: lexer.tokenColumn });
          ends.push(lexer.endLine, lexer.endColumn, lexer.tokenOffset);
          break;
        case ';':
          if (words.length === 0) this.error('unexpected ";"', lexer.tokenLine, lexer.tokenColumn);
          else this.push(list, words, ends);
          words = [];
          ends = [];
          break;
        case '{': {
          const line = lexer.tokenLine;
          const column = lexer.tokenColumn;
          if (words.length === 0) {
            this.error('unexpected "{"', line, column);
            // Read and drop, so that its `}` does not close our block; past the depth limit
            // without recursing (`{{{{…` is input too: found by the fuzzer).
            if (depth < MAX_DEPTH) this.block(depth + 1);
            else if (!this.skipBlock()) {
              this.eof(depth + 1);
              return list;
            }
            break;
          }
          const statement = this.push(list, words, ends);
          words = [];
          ends = [];
          if (depth >= MAX_DEPTH) {
            this.error(`blocks nested more than ${MAX_DEPTH} deep: the contents of "${statement.name}" are not read`, line, column);
            if (!this.skipBlock()) {
              this.eof(depth + 1);
              return list;
            }
          } else if (statement.name.endsWith('_by_lua_block')) {
            const body = lexer.luaBody();
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
            this.error('unexpected "}": missing ";" before it', lexer.tokenLine, lexer.tokenColumn);
            this.push(list, words, ends);
            words = [];
            ends = [];
          }
          if (depth > 0) return list;
          this.error('unexpected "}": no block is open here', lexer.tokenLine, lexer.tokenColumn);
          break;
        case 'eof':
          if (words.length > 0) {
            // An unterminated quote has been reported already and explains the end of file.
            if (!lexer.unterminated) this.error('unexpected end of file, expecting ";" or "}"', ends[ends.length - 3] as number, ends[ends.length - 2] as number);
            this.eofReported = true;
            this.push(list, words, ends);
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
      const kind = this.lexer.next();
      if (kind === 'eof') return false;
      if (kind === '{') open++;
      else if (kind === '}' && --open === 0) return true;
    }
  }

  /** End of file inside `depth` open blocks: reported once, at the end of the file. */
  private eof(depth: number): void {
    if (depth === 0 || this.eofReported) return;
    this.eofReported = true;
    this.lexer.next();
    this.error(`unexpected end of file, expecting "}" (${depth} block${depth > 1 ? 's' : ''} not closed)`, this.lexer.tokenLine, this.lexer.tokenColumn);
  }

  /** Builds the statement(s) from the words, splitting where a `;` was evidently forgotten. */
  private push(list: NginxStatement[], words: NginxWord[], ends: number[]): NginxStatement {
    let from = 0;
    for (let i = 1; i < words.length; i++) {
      const w = words[i] as NginxWord;
      const prevEndLine = ends[3 * i - 3] as number;
      if (w.quoted || w.line === prevEndLine || !STATEMENT_STARTERS.has(w.value)) continue;
      if (!this.startsLine(ends[3 * i + 2] as number)) continue;
      const prev = words[i - 1] as NginxWord;
      this.error(`missing ";" after "${prev.value}": "${w.value}" on the next line starts a new directive`, prevEndLine, ends[3 * i - 2] as number);
      list.push(this.statement(words.slice(from, i)));
      from = i;
    }
    const statement = this.statement(from === 0 ? words : words.slice(from));
    list.push(statement);
    return statement;
  }

  /** Whether only spaces and tabs precede the word starting at `offset` on its line. */
  private startsLine(offset: number): boolean {
    const text = this.lexer.text;
    let at = offset - 1;
    while (at >= 0 && (text[at] === ' ' || text[at] === '\t')) at--;
    return at < 0 || text[at] === '\n' || text[at] === '\r';
  }

  private statement(words: NginxWord[]): NginxStatement {
    const head = words[0] as NginxWord;
    return { name: head.value, args: words.slice(1), file: this.file, line: head.line, column: head.column };
  }
}
