/**
 * Finds where a YAML source nests deeper than privacy-lint reads, before the `yaml` package
 * composes it: its composer recurses once per level (and so do the readers of the tree), so
 * 10,000 nested `[` exhaust the JavaScript stack, and at times abort the whole process with a
 * V8 fatal error instead of a catchable RangeError.
 *
 * libyaml (ejabberd's fast_yaml, borgmatic's ruamel) sets no limit of its own; real configs nest
 * fewer than 20 levels, so 1,000 leaves every real file alone.
 *
 * Counted: flow collections (`[` `{` opened where a value starts, or anywhere inside a flow
 * collection), block indentation levels, and compact nested sequences (`- - - x`). Quoted
 * scalars and comments are skipped. Linear in the source; no allocation per line.
 */
export const YAML_MAX_NESTING = 1000;

export interface ExcessiveYamlNesting {
  offset: number;
  depth: number;
}

/** `|` or `>` with chomping and indentation indicators, then only a comment: a block scalar header. */
const BLOCK_SCALAR_TAIL = /^[|>][-+0-9]*[ \t]*(?:#.*)?\r?$/;

export function findExcessiveYamlNesting(s: string, limit = YAML_MAX_NESTING): ExcessiveYamlNesting | undefined {
  const indents: number[] = [];
  let flow = 0;
  /** Inside a quoted scalar: its quote character code; quoted scalars may span lines. */
  let quote = 0;
  const n = s.length;
  /** Indentation of the line that opened a block scalar (`|`, `>`): deeper lines are its text. */
  let blockScalar = -1;
  let lineStart = 0;
  while (lineStart < n) {
    let lineEnd = s.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    let i = lineStart;
    if (blockScalar >= 0) {
      while (i < lineEnd && s.charCodeAt(i) === 32) i++;
      if (i - lineStart > blockScalar || i >= lineEnd || s.charCodeAt(i) === 13) {
        lineStart = lineEnd + 1;
        continue;
      }
      blockScalar = -1;
      i = lineStart;
    }
    if (flow === 0 && quote === 0) {
      while (i < lineEnd && s.charCodeAt(i) === 32) i++;
      const first = s.charCodeAt(i);
      // Blank and comment lines, and document markers, say nothing about nesting.
      if (i < lineEnd && first !== 35 && first !== 13 && !(i === lineStart && (s.startsWith('---', i) || s.startsWith('...', i)))) {
        const indent = i - lineStart;
        while (indents.length > 0 && (indents[indents.length - 1] as number) > indent) indents.pop();
        if (indents.length === 0 || (indents[indents.length - 1] as number) < indent) indents.push(indent);
        // `- - - x`: each dash opens a sequence nested in the one before.
        let dashes = 0;
        while (s.charCodeAt(i) === 45 && (s.charCodeAt(i + 1) === 32 || i + 1 === lineEnd)) {
          dashes++;
          i += 2;
          while (i < lineEnd && s.charCodeAt(i) === 32) i++;
        }
        if (indents.length + dashes > limit) return { offset: i, depth: indents.length + dashes };
      }
    }
    let valueStart = flow === 0 && quote === 0;
    for (; i < lineEnd; i++) {
      const ch = s.charCodeAt(i);
      if (quote !== 0) {
        if (ch === quote) {
          // '' inside a single-quoted scalar is an escaped quote.
          if (quote === 39 && s.charCodeAt(i + 1) === 39) i++;
          else quote = 0;
        } else if (ch === 92 && quote === 34) {
          i++;
        }
        continue;
      }
      if (ch === 32 || ch === 9) continue;
      if (ch === 35 && (i === lineStart || s.charCodeAt(i - 1) === 32 || s.charCodeAt(i - 1) === 9)) break;
      if ((ch === 34 || ch === 39) && (valueStart || flow > 0)) {
        quote = ch;
        continue;
      }
      if ((ch === 91 || ch === 123) && (valueStart || flow > 0)) {
        flow++;
        if (indents.length + flow > limit) return { offset: i, depth: indents.length + flow };
        valueStart = true;
        continue;
      }
      if ((ch === 93 || ch === 125) && flow > 0) {
        flow--;
        valueStart = false;
        continue;
      }
      // A value starts after `: `, `- `, `? ` (block) or `,` (flow).
      const next = s.charCodeAt(i + 1);
      const spaceNext = next === 32 || next === 9 || i + 1 >= lineEnd;
      valueStart = (ch === 44 && flow > 0) || ((ch === 58 || ch === 45 || ch === 63) && spaceNext);
      if ((ch === 124 || ch === 62) && flow === 0 && BLOCK_SCALAR_TAIL.test(s.slice(i, Math.min(lineEnd, i + 80)))) {
        let indent = 0;
        while (s.charCodeAt(lineStart + indent) === 32) indent++;
        blockScalar = indent;
        break;
      }
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** 1-based line and column of an offset (the yaml package's LineCounter fills only while parsing). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
