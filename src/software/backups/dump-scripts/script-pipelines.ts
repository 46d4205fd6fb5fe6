/**
 * A shell reader for backup scripts, just enough to follow data: statements split on `;`, `&&`,
 * `||`, `&` and newlines; pipelines split on `|`; each stage's words (quotes removed, `$(...)`
 * and backquotes kept as written) and its output redirections with their targets. Nothing is
 * ever expanded or run. Offsets point into the text so findings can be positioned.
 */
export interface Word {
  value: string;
  /** Offset of the word's first character in the text. */
  start: number;
  /** The word contained an unquoted or double-quoted expansion (`$x`, `$(..)`, backquotes). */
  dynamic: boolean;
}

export interface Redirect {
  op: string;
  /** File descriptor redirected (1 = stdout unless written `2>`). */
  fd: number;
  target: Word;
}

export interface Stage {
  words: Word[];
  redirects: Redirect[];
  /** Leading `NAME=value` words (assignments, or environment for the command). */
  assignments: Word[];
}

export interface Pipeline {
  stages: Stage[];
  start: number;
}

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'in', 'case', 'esac', '{', '}', '!', 'time']);

export function readPipelines(text: string): Pipeline[] {
  const pipelines: Pipeline[] = [];
  let stages: Stage[] = [];
  let stage: Stage = { words: [], redirects: [], assignments: [] };
  let pendingRedirect: { op: string; fd: number } | undefined;
  let pipelineStart = 0;
  const endStage = (): void => {
    // Reserved words open or close compound commands: skip them so `if pg_dump ...` is seen.
    while (stage.words.length > 0 && RESERVED.has((stage.words[0] as Word).value)) stage.words.shift();
    if (stage.words.length > 0 || stage.redirects.length > 0 || stage.assignments.length > 0) stages.push(stage);
    stage = { words: [], redirects: [], assignments: [] };
    pendingRedirect = undefined;
  };
  const endPipeline = (next: number): void => {
    endStage();
    if (stages.length > 0) pipelines.push({ stages, start: pipelineStart });
    stages = [];
    pipelineStart = next;
  };

  let pos = 0;
  while (pos < text.length) {
    const ch = text[pos] as string;
    if (ch !== '\n' && /\s/.test(ch)) {
      pos++;
      continue;
    }
    if (ch === '\\' && text[pos + 1] === '\n') {
      pos += 2;
      continue;
    }
    if (ch === '#') {
      while (pos < text.length && text[pos] !== '\n') pos++;
      continue;
    }
    if (ch === '|' && text[pos + 1] !== '|') {
      endStage();
      pos++;
      continue;
    }
    if (ch === ';' || ch === '\n' || ch === '&' || ch === '|' || ch === '(' || ch === ')') {
      if (ch === '&' && text[pos + 1] === '>') {
        pos += text[pos + 2] === '>' ? 3 : 2;
        pendingRedirect = { op: '&>', fd: 1 };
        continue;
      }
      const two = (ch === '&' || ch === '|' || ch === ';') && text[pos + 1] === ch;
      pos += two ? 2 : 1;
      endPipeline(pos);
      continue;
    }
    const redirect = /^(\d?)(>>|>\||>&|>|<<<|<<-?|<&|<)/.exec(text.slice(pos, pos + 4));
    if (redirect && (redirect[1] === '' || stage.words.length === 0 || /\s/.test(text[pos - 1] ?? ' '))) {
      const op = redirect[2] as string;
      pos += redirect[0].length;
      if (op.startsWith('<')) {
        // Input: the target is read, not written; skip its word.
        const skipped = readWord(text, skipBlanks(text, pos));
        pos = skipped.end;
        continue;
      }
      if (op === '>&') {
        const target = readWord(text, skipBlanks(text, pos));
        pos = target.end;
        continue; // `2>&1` duplicates a descriptor: no file
      }
      pendingRedirect = { op, fd: redirect[1] === '' ? 1 : Number(redirect[1]) };
      continue;
    }
    const { word, end } = readWord(text, pos);
    // Every branch above consumes the characters readWord stops at; this guards the loop anyway.
    pos = end > pos ? end : pos + 1;
    if (pendingRedirect) {
      stage.redirects.push({ ...pendingRedirect, target: word });
      pendingRedirect = undefined;
    } else if (stage.words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word.value)) stage.assignments.push(word);
    else stage.words.push(word);
  }
  endPipeline(pos);
  return pipelines;
}

function skipBlanks(text: string, pos: number): number {
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t')) pos++;
  return pos;
}

/** One word: quotes removed, `$(...)`/`${...}`/backquotes kept whole (nested parentheses too). */
function readWord(text: string, start: number): { word: Word; end: number } {
  let value = '';
  let dynamic = false;
  let pos = start;
  while (pos < text.length) {
    const ch = text[pos] as string;
    if (/[\s;&|()<>]/.test(ch)) break;
    if (ch === '\\') {
      value += text[pos + 1] ?? '';
      pos += 2;
    } else if (ch === "'") {
      const close = text.indexOf("'", pos + 1);
      const end = close < 0 ? text.length : close;
      value += text.slice(pos + 1, end);
      pos = end + 1;
    } else if (ch === '"') {
      pos++;
      while (pos < text.length && text[pos] !== '"') {
        if (text[pos] === '\\' && pos + 1 < text.length) {
          value += text.charAt(pos + 1);
          pos += 2;
        } else if (text[pos] === '$' || text[pos] === '`') {
          const sub = readExpansion(text, pos);
          value += sub.text;
          dynamic = true;
          pos = sub.end;
        } else value += text.charAt(pos++);
      }
      pos++;
    } else if (ch === '$' || ch === '`') {
      const sub = readExpansion(text, pos);
      value += sub.text;
      dynamic = true;
      pos = sub.end;
    } else {
      value += ch;
      pos++;
    }
  }
  return { word: { value, start, dynamic }, end: pos };
}

function readExpansion(text: string, pos: number): { text: string; end: number } {
  const open = text[pos + 1];
  if (text[pos] === '`') {
    const close = text.indexOf('`', pos + 1);
    const end = close < 0 ? text.length : close + 1;
    return { text: text.slice(pos, end), end };
  }
  if (open === '(' || open === '{') {
    const closer = open === '(' ? ')' : '}';
    let depth = 0;
    for (let i = pos + 1; i < text.length; i++) {
      if (text[i] === open) depth++;
      else if (text[i] === closer && --depth === 0) return { text: text.slice(pos, i + 1), end: i + 1 };
    }
    return { text: text.slice(pos), end: text.length };
  }
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])?/.exec(text.slice(pos)) as RegExpExecArray;
  return { text: m[0], end: pos + m[0].length };
}
