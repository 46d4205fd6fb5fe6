import { TextCache } from '../../arrays/text-cache.js';
/**
 * A small POSIX-shell tokenizer, enough to find the simple commands in a cron line or a script:
 * it splits on `;`, `&`, `&&`, `||`, `|`, newlines and parentheses, removes quotes and
 * backslashes (POSIX sh "Quote Removal"), drops redirections with their targets, leading
 * `NAME=value` assignments and reserved words (`if`, `then`, `{`, ...), and skips comments.
 * It never expands anything: `$VAR` and `$(...)` stay as written. Every character of every word
 * keeps the offset it came from in the source, so a finding can point into the original text.
 */
export interface ShellWord {
  value: string;
  /** Source offset of each character of `value`. */
  offsets: number[];
  /** Source offset where the word starts (its first quote, if quoted). */
  start: number;
}

export interface SimpleCommand {
  words: ShellWord[];
  /** The command's output goes to the next command through `|`. */
  pipedToNext: boolean;
}

const RESERVED = new Set(['{', '}', '!', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'time', 'esac']);
const OPERATOR_CHARS = new Set([';', '&', '|', '(', ')', '<', '>', '\n']);

/**
 * Every backup, dump and cleanup reader splits the same job lines and scripts: each distinct
 * source is split once per run. The result is shared, so it is frozen.
 */
const splitCache = new TextCache<readonly SimpleCommand[]>(4096);

export function splitShell(source: string): readonly SimpleCommand[] {
  const cached = splitCache.get(source);
  if (cached) return cached;
  const commands = Object.freeze(split(source).map((c) => Object.freeze({ ...c, words: Object.freeze(c.words) as ShellWord[] })));
  splitCache.set(source, commands);
  return commands;
}

function split(source: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: ShellWord[] = [];
  let dropNextWord = false;
  const heredocs: Array<{ delimiter: string; stripTabs: boolean }> = [];
  const finish = (piped: boolean): void => {
    let i = 0;
    while (i < words.length) {
      const w = words[i] as ShellWord;
      if (RESERVED.has(w.value) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value)) i++;
      else break;
    }
    const rest = words.slice(i);
    if (rest.length > 0) commands.push({ words: rest, pipedToNext: piped });
    words = [];
    dropNextWord = false;
  };

  let pos = 0;
  while (pos < source.length) {
    const ch = source[pos] as string;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      pos++;
      continue;
    }
    if (ch === '\\' && source[pos + 1] === '\n') {
      pos += 2;
      continue;
    }
    if (ch === '#') {
      while (pos < source.length && source[pos] !== '\n') pos++;
      continue;
    }
    if (ch === '>' || ch === '<' || (ch === '&' && source[pos + 1] === '>')) {
      // Redirection: `>`, `>>`, `>&`, `>|`, `<`, `<<`, `<&`, `&>`, `&>>`; the next word is its target.
      const opStart = pos;
      pos++;
      while (pos < source.length && /[<>&|]/.test(source[pos] as string)) pos++;
      if (source.slice(opStart, pos) === '<<' && source[pos] === '-') pos++;
      if (source[pos] === '-' && source[pos - 1] === '&') pos++; // `>&-` closes a descriptor: no target word
      const op = source.slice(opStart, pos);
      if (op.endsWith('&-')) continue;
      if (op.startsWith('<<') && op !== '<<<') {
        // A here-document: its body (the lines after this one, up to the delimiter) is data.
        const target = readWord(source, skipBlanks(source, pos));
        heredocs.push({ delimiter: target.word.value, stripTabs: op === '<<-' });
        pos = target.end;
        continue;
      }
      dropNextWord = true;
      continue;
    }
    if (OPERATOR_CHARS.has(ch)) {
      const piped = ch === '|' && source[pos + 1] !== '|';
      pos += (ch === '&' || ch === '|') && source[pos + 1] === ch ? 2 : 1;
      finish(piped);
      if (ch === '\n') {
        for (const doc of heredocs.splice(0)) pos = skipHeredoc(source, pos, doc.delimiter, doc.stripTabs);
      }
      continue;
    }
    const word = readWord(source, pos);
    pos = word.end;
    // A word of digits right before `<` or `>` is a file descriptor number (`2>&1`).
    if (/^\d+$/.test(word.word.value) && (source[pos] === '>' || source[pos] === '<')) continue;
    if (dropNextWord) {
      dropNextWord = false;
      continue;
    }
    words.push(word.word);
  }
  finish(false);
  return commands;
}

function skipBlanks(source: string, pos: number): number {
  while (source[pos] === ' ' || source[pos] === '\t') pos++;
  return pos;
}

/** The offset after a here-document body that starts at `pos` and ends with a line equal to `delimiter`. */
function skipHeredoc(source: string, pos: number, delimiter: string, stripTabs: boolean): number {
  let p = pos;
  while (p < source.length) {
    let end = source.indexOf('\n', p);
    if (end < 0) end = source.length;
    const line = source.slice(p, end);
    p = end + 1;
    if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) break;
  }
  return p;
}

function readWord(source: string, start: number): { word: ShellWord; end: number } {
  let value = '';
  const offsets: number[] = [];
  const add = (c: string, at: number): void => {
    value += c;
    offsets.push(at);
  };
  /** Copies `$(...)`, `${...}` or a backquoted part verbatim, returning the offset after it. */
  const copyNested = (from: number): number => {
    const open = source[from];
    if (open === '`') {
      let p = from + 1;
      while (p < source.length && source[p] !== '`') p++;
      for (let q = from; q <= Math.min(p, source.length - 1); q++) add(source[q] as string, q);
      return p + 1;
    }
    const close = source[from + 1] === '(' ? ')' : '}';
    const opener = source[from + 1] as string;
    let depth = 0;
    let p = from + 1;
    for (; p < source.length; p++) {
      if (source[p] === opener) depth++;
      else if (source[p] === close && --depth === 0) break;
    }
    for (let q = from; q <= Math.min(p, source.length - 1); q++) add(source[q] as string, q);
    return p + 1;
  };

  let pos = start;
  while (pos < source.length) {
    const ch = source[pos] as string;
    if (ch === ' ' || ch === '\t' || ch === '\r' || OPERATOR_CHARS.has(ch)) break;
    if (ch === '\\') {
      if (source[pos + 1] === '\n') pos += 2;
      else if (pos + 1 < source.length) {
        add(source[pos + 1] as string, pos + 1);
        pos += 2;
      } else pos++;
      continue;
    }
    if (ch === "'") {
      pos++;
      while (pos < source.length && source[pos] !== "'") {
        add(source[pos] as string, pos);
        pos++;
      }
      pos++;
      continue;
    }
    if (ch === '"') {
      pos++;
      while (pos < source.length && source[pos] !== '"') {
        const c = source[pos] as string;
        if (c === '\\' && /[$`"\\\n]/.test(source[pos + 1] ?? '')) {
          if (source[pos + 1] !== '\n') add(source[pos + 1] as string, pos + 1);
          pos += 2;
        } else if ((c === '$' && (source[pos + 1] === '(' || source[pos + 1] === '{')) || c === '`') {
          pos = copyNested(pos);
        } else {
          add(c, pos);
          pos++;
        }
      }
      pos++;
      continue;
    }
    if ((ch === '$' && (source[pos + 1] === '(' || source[pos + 1] === '{')) || ch === '`') {
      pos = copyNested(pos);
      continue;
    }
    add(ch, pos);
    pos++;
  }
  return { word: { value, offsets, start }, end: pos };
}
