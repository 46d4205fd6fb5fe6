/**
 * Finds where a Lua source nests deeper than Lua itself allows, before luaparse (a recursive
 * descent parser) and the evaluator recurse into it: 100,000 nested tables or parentheses would
 * otherwise exhaust the JavaScript stack.
 *
 * Lua 5.4 refuses such a chunk too: its parser counts nested syntax levels (lparser.c enterlevel,
 * luaE_incCstack) and fails at LUAI_MAXCCALLS = 200 (llimits.h) with "C stack overflow", so
 * Prosody, which loads its config with load() (util/envload.lua), does not start either.
 *
 * Counted as levels, as lparser.c recurses on them: brackets `( [ {`, blocks (`function`, `if`,
 * `do` — which also closes `while`/`for` headers — and `repeat`), runs of unary operators
 * (`not`, `-`, `#`, `~`), and chains of the right-associative `..` and `^`. Strings and
 * comments are skipped. The count is an approximation of lparser.c's (it counts a level per
 * construct, Lua sometimes two), so the limit used is Lua's own and the check errs towards
 * accepting: it exists to stop the stack overflow, not to mirror Lua's exact threshold.
 */
export const LUA_MAX_NESTING = 200;

export interface ExcessiveNesting {
  /** Offset of the construct that went past the limit. */
  offset: number;
  depth: number;
}

const OPEN_BLOCK = new Set(['function', 'if', 'do', 'repeat']);
const CLOSE_BLOCK = new Set(['end', 'until']);
/** Words after which an operand is expected (so a following `-` is unary). */
const EXPECTS_OPERAND = new Set(['and', 'or', 'not', 'return', 'if', 'elseif', 'while', 'until', 'in', 'local', 'then', 'do', 'else', 'repeat']);

function isNameStart(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || ch === 95 || ch >= 128;
}

function isNameChar(ch: number): boolean {
  return isNameStart(ch) || (ch >= 48 && ch <= 57);
}

/** Level of a long bracket `[==[` starting at `i`, or -1. */
function longBracketLevel(s: string, i: number): number {
  if (s.charCodeAt(i) !== 91) return -1;
  let level = 0;
  while (s.charCodeAt(i + 1 + level) === 61) level++;
  return s.charCodeAt(i + 1 + level) === 91 ? level : -1;
}

/** End offset of the long string/comment body opened at `i` with `level`, or the source length. */
function skipLong(s: string, i: number, level: number): number {
  const close = s.indexOf(`]${'='.repeat(level)}]`, i + level + 2);
  return close < 0 ? s.length : close + level + 2;
}

/** Keywords that start or separate statements: they end any expression before them. */
const STATEMENT_WORDS = new Set(['local', 'return', 'if', 'then', 'else', 'elseif', 'end', 'while', 'do', 'for', 'in', 'until', 'repeat', 'break', 'goto', 'and', 'or']);

/** The first place where the nesting exceeds `limit`, or undefined. Linear in the source. */
export function findExcessiveNesting(s: string, limit = LUA_MAX_NESTING): ExcessiveNesting | undefined {
  // Open brackets and blocks; within the innermost one, the current run of unary operators and
  // chain of `..`/`^` (saved on opening, restored on closing).
  let depth = 0;
  let unary = 0;
  let chain = 0;
  const saved: number[] = [];
  let operandNext = true as boolean; // widened: operand() below sets it false, which narrowing cannot see
  const n = s.length;
  let i = 0;
  const over = (at: number): ExcessiveNesting | undefined =>
    depth + unary + chain > limit ? { offset: at, depth: depth + unary + chain } : undefined;
  const open = (at: number): ExcessiveNesting | undefined => {
    saved.push(unary, chain);
    depth++;
    unary = 0;
    chain = 0;
    operandNext = true;
    return over(at);
  };
  const close = (): void => {
    if (depth === 0) return;
    depth--;
    chain = saved.pop() ?? 0;
    unary = saved.pop() ?? 0;
  };
  /** An operand (name, literal, closed bracket) completes a unary run. */
  const operand = (): void => {
    unary = 0;
    operandNext = false;
  };
  while (i < n) {
    const ch = s.charCodeAt(i);
    let found: ExcessiveNesting | undefined;
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 11 || ch === 12) {
      i++;
    } else if (ch === 45 && s.charCodeAt(i + 1) === 45) {
      const level = longBracketLevel(s, i + 2);
      if (level >= 0) i = skipLong(s, i + 2, level);
      else while (i < n && s.charCodeAt(i) !== 10 && s.charCodeAt(i) !== 13) i++;
    } else if (ch === 34 || ch === 39) {
      let j = i + 1;
      while (j < n) {
        const c = s.charCodeAt(j);
        if (c === 92) j += 2;
        else if (c === ch || c === 10 || c === 13) break;
        else j++;
      }
      i = j + 1;
      operand();
    } else if (ch === 91 && longBracketLevel(s, i) >= 0) {
      i = skipLong(s, i, longBracketLevel(s, i));
      operand();
    } else if (isNameStart(ch)) {
      let j = i + 1;
      while (j < n && isNameChar(s.charCodeAt(j))) j++;
      const word = s.slice(i, j);
      if (STATEMENT_WORDS.has(word)) chain = 0;
      if (OPEN_BLOCK.has(word)) found = open(i);
      else if (CLOSE_BLOCK.has(word)) close();
      if (word === 'not' && operandNext) {
        unary++;
        found = over(i);
      } else if (EXPECTS_OPERAND.has(word) || OPEN_BLOCK.has(word)) {
        operandNext = true;
      } else {
        operand();
      }
      i = j;
    } else if (ch >= 48 && ch <= 57) {
      let j = i + 1;
      while (j < n && (isNameChar(s.charCodeAt(j)) || s.charCodeAt(j) === 46)) j++;
      i = j;
      operand();
    } else if (ch === 40 || ch === 91 || ch === 123) {
      found = open(i);
      i++;
    } else if (ch === 41 || ch === 93 || ch === 125) {
      close();
      operand();
      i++;
    } else if (ch === 46 && s.charCodeAt(i + 1) === 46 && s.charCodeAt(i + 2) !== 46) {
      // `..`: right-associative, each one a nested subexpr in lparser.c.
      chain++;
      found = over(i);
      operandNext = true;
      i += 2;
    } else if (ch === 94) {
      chain++;
      found = over(i);
      operandNext = true;
      i++;
    } else if ((ch === 45 || ch === 35 || ch === 126) && operandNext && s.charCodeAt(i + 1) !== 61) {
      unary++;
      found = over(i);
      i++;
    } else {
      // `,` `;` `=` and comparisons bind looser than `..`: they end a chain. Other binary
      // operators bind tighter and leave it open.
      if (ch === 44 || ch === 59 || ch === 61 || ch === 60 || ch === 62) chain = 0;
      operandNext = true;
      i++;
    }
    if (found) return found;
  }
  return undefined;
}
