import type { Expression, Identifier, Statement, TableConstructorExpression } from 'luaparse';

/**
 * Reads the simplest statement forms, which make up nearly all of a huge generated config, without
 * luaparse (whose tokens, location markers and nodes are most of the parse time there, bench/):
 *
 *     name = value            (value: "string", 'string', 123, true, false, nil, or a
 *                              table of such values and `key = value` fields)
 *     name "a" "b" { ... }    (calls with string and table arguments, chained)
 *
 * The nodes are those luaparse builds (same types, fields and `range`). Anything else (escapes
 * in a string, other numbers, expressions, other statements, a statement continued by the
 * next token) stops the scan, and lua-statement-stream.ts hands the rest to luaparse. A statement
 * read here is complete only when what follows cannot continue it: the end of the text, `;`, or
 * a name other than `and`/`or` (the same rule as the cuts in lua-statement-stream.ts).
 * Whitespace and comments are skipped as luaparse skips them (luaparse.js skipWhiteSpace,
 * scanComment, readLongString).
 */

/** Lua 5.3 keywords as luaparse knows them (luaparse.js isKeyword; `goto` with labels). */
const KEYWORDS = new Set([
  'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'goto', 'if', 'in',
  'local', 'nil', 'not', 'or', 'repeat', 'return', 'then', 'true', 'until', 'while',
]);

/** Deeper tables are left to luaparse. */
const MAX_DEPTH = 50;

function isNameStart(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || ch === 95;
}

function isNameChar(ch: number): boolean {
  return isNameStart(ch) || (ch >= 48 && ch <= 57);
}

function isDigit(ch: number): boolean {
  return ch >= 48 && ch <= 57;
}

type Ranged<T> = T & { range: [number, number] };

class SimpleScanner {
  pos: number;

  constructor(
    private readonly src: string,
    start: number,
  ) {
    this.pos = start;
  }

  /** Skips whitespace and comments; false at an unfinished long comment (luaparse's error). */
  skipSpace(): boolean {
    const s = this.src;
    for (;;) {
      const ch = s.charCodeAt(this.pos);
      // luaparse isWhiteSpace (9, 32, 11, 12) and isLineTerminator (10, 13).
      if (ch === 32 || ch === 10 || ch === 9 || ch === 13 || ch === 11 || ch === 12) {
        this.pos++;
      } else if (ch === 45 && s.charCodeAt(this.pos + 1) === 45) {
        let i = this.pos + 2;
        if (s.charCodeAt(i) === 91) {
          let level = 0;
          while (s.charCodeAt(i + 1 + level) === 61) level++;
          if (s.charCodeAt(i + 1 + level) === 91) {
            const close = s.indexOf(`]${'='.repeat(level)}]`, i + 2 + level);
            if (close < 0) return false;
            this.pos = close + level + 2;
            continue;
          }
        }
        while (i < s.length && s.charCodeAt(i) !== 10 && s.charCodeAt(i) !== 13) i++;
        this.pos = i;
      } else {
        return true;
      }
    }
  }

  /** End of the name starting at `pos`, or -1. */
  private nameEnd(): number {
    if (!isNameStart(this.src.charCodeAt(this.pos))) return -1;
    let end = this.pos + 1;
    while (isNameChar(this.src.charCodeAt(end))) end++;
    return end;
  }

  /** A string without escapes or line breaks (those are luaparse's to read). */
  private string(): Ranged<Expression> | undefined {
    const s = this.src;
    const start = this.pos;
    const quote = s.charCodeAt(start);
    let i = start + 1;
    for (;;) {
      const ch = s.charCodeAt(i);
      if (ch === quote) break;
      if (ch === 92 || ch === 10 || ch === 13 || i >= s.length) return undefined;
      i++;
    }
    this.pos = i + 1;
    return { type: 'StringLiteral', value: null as unknown as string, raw: s.slice(start, i + 1), range: [start, i + 1] };
  }

  /** Decimal digits only, not followed by what would make another number or a malformed one. */
  private number(): Ranged<Expression> | undefined {
    const s = this.src;
    const start = this.pos;
    let i = start;
    while (isDigit(s.charCodeAt(i))) i++;
    const next = s.charCodeAt(i);
    if (i - start > 15 || isNameChar(next) || next === 46) return undefined;
    this.pos = i;
    const raw = s.slice(start, i);
    // luaparse.js readDecLiteral: parseFloat of the text.
    return { type: 'NumericLiteral', value: parseFloat(raw), raw, range: [start, i] };
  }

  value(depth: number): Ranged<Expression> | undefined {
    const s = this.src;
    const ch = s.charCodeAt(this.pos);
    if (ch === 34 || ch === 39) return this.string();
    if (ch === 123) return depth < MAX_DEPTH ? this.table(depth + 1) : undefined;
    if (isDigit(ch)) return this.number();
    const start = this.pos;
    const end = this.nameEnd();
    if (end < 0) return undefined;
    const word = s.slice(start, end);
    const range: [number, number] = [start, end];
    let literal: Ranged<Expression> | undefined;
    if (word === 'true' || word === 'false') literal = { type: 'BooleanLiteral', value: word === 'true', raw: word, range };
    else if (word === 'nil') literal = { type: 'NilLiteral', value: null, raw: word, range };
    if (literal) this.pos = end;
    return literal;
  }

  private identifier(start: number, end: number): Ranged<Identifier> {
    return { type: 'Identifier', name: this.src.slice(start, end), range: [start, end] };
  }

  /** `{ value, key = value; ... }` */
  private table(depth: number): Ranged<TableConstructorExpression> | undefined {
    const s = this.src;
    const start = this.pos;
    this.pos++;
    const fields: TableConstructorExpression['fields'] = [];
    for (;;) {
      if (!this.skipSpace()) return undefined;
      if (s.charCodeAt(this.pos) === 125) break;
      const fieldStart = this.pos;
      const keyEnd = this.nameEnd();
      if (keyEnd >= 0 && !KEYWORDS.has(s.slice(fieldStart, keyEnd))) {
        // `key = value`; a name as a value is left to luaparse.
        this.pos = keyEnd;
        if (!this.skipSpace() || s.charCodeAt(this.pos) !== 61 || s.charCodeAt(this.pos + 1) === 61) return undefined;
        this.pos++;
        if (!this.skipSpace()) return undefined;
        const value = this.value(depth);
        if (!value) return undefined;
        const key = this.identifier(fieldStart, keyEnd);
        fields.push({ type: 'TableKeyString', key, value, range: [fieldStart, value.range[1]] } as TableConstructorExpression['fields'][number]);
      } else {
        const value = this.value(depth);
        if (!value) return undefined;
        fields.push({ type: 'TableValue', value, range: [fieldStart, value.range[1]] } as TableConstructorExpression['fields'][number]);
      }
      if (!this.skipSpace()) return undefined;
      const sep = s.charCodeAt(this.pos);
      if (sep === 44 || sep === 59) {
        this.pos++;
        continue;
      }
      if (sep !== 125) return undefined;
      break;
    }
    this.pos++;
    return { type: 'TableConstructorExpression', fields, range: [start, this.pos] };
  }

  /** One statement at `pos` (not whitespace), or undefined when it is not of the simple forms. */
  statement(): Statement | undefined {
    const s = this.src;
    const start = this.pos;
    const end = this.nameEnd();
    if (end < 0 || KEYWORDS.has(s.slice(start, end))) return undefined;
    this.pos = end;
    if (!this.skipSpace()) return undefined;
    const ch = s.charCodeAt(this.pos);
    if (ch === 61 && s.charCodeAt(this.pos + 1) !== 61) {
      this.pos++;
      if (!this.skipSpace()) return undefined;
      const value = this.value(0);
      if (!value) return undefined;
      return { type: 'AssignmentStatement', variables: [this.identifier(start, end)], init: [value], range: [start, value.range[1]] } as Statement;
    }
    if (ch === 34 || ch === 39 || ch === 123) return this.callChain(start, end);
    return undefined;
  }

  /** `name "a"`, `name "a" "b"`, `name "a" { ... }`, `name { ... }`: calls with string or table arguments. */
  private callChain(start: number, end: number): Statement | undefined {
    const s = this.src;
    let call: Ranged<Expression> = this.identifier(start, end);
    for (;;) {
      const ch = s.charCodeAt(this.pos);
      if (ch === 34 || ch === 39) {
        const argument = this.string();
        if (!argument) return undefined;
        call = { type: 'StringCallExpression', base: call, argument, range: [start, argument.range[1]] };
      } else {
        const args = this.table(1);
        if (!args) return undefined;
        call = { type: 'TableCallExpression', base: call, arguments: args, range: [start, args.range[1]] };
      }
      const after = this.pos;
      if (!this.skipSpace()) return undefined;
      const next = s.charCodeAt(this.pos);
      if (next !== 34 && next !== 39 && next !== 123) {
        this.pos = after;
        break;
      }
    }
    return { type: 'CallStatement', expression: call, range: [start, call.range[1]] } as Statement;
  }

  /**
   * After a statement: skips what follows up to the next statement; false when the next token
   * could continue the statement (or a long comment is unfinished).
   */
  endsStatement(): boolean {
    const s = this.src;
    if (!this.skipSpace()) return false;
    const ch = s.charCodeAt(this.pos);
    if (this.pos >= s.length) return true;
    if (ch === 59) {
      // `;` ends it; more `;` are empty statements.
      while (s.charCodeAt(this.pos) === 59) {
        this.pos++;
        if (!this.skipSpace()) return false;
      }
      return true;
    }
    const end = this.nameEnd();
    if (end < 0) return false;
    const word = s.slice(this.pos, end);
    return word !== 'and' && word !== 'or';
  }
}

/**
 * The simple statements starting at `start`, a statement boundary of the file, read until one
 * that is not simple or until `limit` is passed. `end` is where reading stopped: the start of
 * the statement not read (possibly after whitespace and comments), or the end of the text.
 */
export function readSimpleStatements(source: string, start: number, limit: number): { body: Statement[]; end: number } {
  const body: Statement[] = [];
  const scanner = new SimpleScanner(source, start);
  if (!scanner.skipSpace()) return { body, end: start };
  let end = scanner.pos;
  while (end < source.length && end < limit) {
    const statement = scanner.statement();
    if (!statement || !scanner.endsStatement()) break;
    body.push(statement);
    end = scanner.pos;
  }
  return { body, end };
}
