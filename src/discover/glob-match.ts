import picomatch from 'picomatch';
import { PATH_MAX } from '../files/path-max.js';
import { tokenMatch } from './wildcard-match.js';

/**
 * Shell wildcard patterns from configs (nginx and Caddy include masks, Apache Include, logrotate
 * log paths), matched with picomatch set to fnmatch(3)'s rules: `*` `?` `[...]` (with `!`/`^`
 * negation, ranges and POSIX classes) within one path component, `\x` escapes, no brace or
 * extglob expansion, no `**`, a leading `!` literal, and a leading `.` matched only by a
 * pattern that starts with one. Building RegExps by hand turned `[z-a]` into an invalid RegExp
 * that crashed the run; here a bad pattern is a value the caller reports at its line.
 */
export type GlobMatch = { ok: true; test: (path: string) => boolean } | { ok: false; reason: string };

const OPTIONS: picomatch.PicomatchOptions = {
  dot: false,
  noextglob: true,
  nobrace: true,
  noglobstar: true,
  nonegate: true,
  posix: true,
  // Throws on a pattern that makes an invalid RegExp instead of silently matching nothing.
  debug: true,
};

/** Patterns repeat (every server block including the same mask): compile each once. */
const compiled = new Map<string, GlobMatch>();

export function compileGlob(pattern: string): GlobMatch {
  let match = compiled.get(pattern);
  if (match === undefined) {
    try {
      // No path is longer than PATH_MAX (4096, linux/limits.h): a longer pattern matches none, and
      // its RegExp may be too large for V8 to compile.
      if (pattern.length > PATH_MAX) throw new Error(`it is ${pattern.length.toLocaleString('en-US')} characters long, longer than any path (${PATH_MAX})`);
      const test = picomatch(pattern, OPTIONS);
      // V8 compiles a RegExp on its first use, and only then says it is too large: use it here,
      // where a refusal is a reason, not a crash in the middle of a reader.
      test('');
      // Several `*` in one component make picomatch's RegExp backtrack exponentially (ten `*?`
      // took 51 s on one name): such a pattern is matched component by component instead.
      const tokens = tokensOf(pattern);
      match = { ok: true, test: manyStars(tokens) ? componentMatcher(tokens) : (path) => test(path) };
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/: /, '') : String(error);
      // The reason is kept in the cache and quoted in messages: a megabyte pattern is shown by its start.
      const shown = pattern.length > 200 ? `${pattern.slice(0, 200)}…` : pattern;
      match = { ok: false, reason: `invalid pattern ${JSON.stringify(shown)}: ${reason}` };
    }
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(pattern, match);
  }
  return match;
}

/** Thrown by the include expanders for a pattern compileGlob refuses; the caller reports it at the include's line. */
export class BadGlobError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'BadGlobError';
  }
}

/** The matcher of a pattern; throws BadGlobError for a bad one. */
export function globTester(pattern: string): (path: string) => boolean {
  const match = compileGlob(pattern);
  if (!match.ok) throw new BadGlobError(match.reason);
  return match.test;
}

/**
 * Like globTester, for servers that accept a pattern no name can match: glob(3) and fnmatch
 * treat a backwards range (`[z-a]`) as matching nothing. nginx 1.22.1 `-t` accepts
 * `include conf.d/[z-a]*;` and includes nothing; apache2 2.4 `-t` says "No matches for the
 * wildcard". Only Caddy refuses such a pattern (Go's filepath.Match).
 */
export function lenientGlobTester(pattern: string): (path: string) => boolean {
  try {
    return globTester(pattern);
  } catch (error) {
    if (error instanceof BadGlobError) return () => false;
    throw error;
  }
}

/** A pattern's tokens: a character, `?`, `*`, a bracket expression (its test of one character) or `/`. */
type Token = { kind: 'char'; char: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; test: (char: string) => boolean } | { kind: 'slash' };

/** The end of the bracket expression that starts at `start` (fnmatch(3): `]` first is literal, `[:class:]` inside), or -1. */
function bracketEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close >= 0) i = close + 1;
    } else if (pattern[i] === ']') return i;
  }
  return -1;
}

function tokensOf(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) tokens.push({ kind: 'char', char: pattern[++i] as string });
    else if (ch === '*') tokens.push({ kind: 'star' });
    else if (ch === '?') tokens.push({ kind: 'any' });
    else if (ch === '/') tokens.push({ kind: 'slash' });
    else if (ch === '[' && bracketEnd(pattern, i) > i) {
      const end = bracketEnd(pattern, i);
      // One bracket expression alone is a character class: picomatch's RegExp of it cannot backtrack.
      const test = picomatch(pattern.slice(i, end + 1), { ...OPTIONS, dot: true });
      tokens.push({ kind: 'class', test: (char) => test(char) });
      i = end;
    } else tokens.push({ kind: 'char', char: ch });
  }
  return tokens;
}

/** Whether some path component of the pattern holds more than one `*`. */
function manyStars(tokens: Token[]): boolean {
  let stars = 0;
  for (const token of tokens) {
    if (token.kind === 'slash') stars = 0;
    else if (token.kind === 'star' && ++stars > 1) return true;
  }
  return false;
}

/**
 * fnmatch(3) with FNM_PATHNAME and FNM_PERIOD, as OPTIONS tells picomatch: component by component
 * (a wildcard never matches `/`), a leading `.` only by a literal one, each component by
 * tokenMatch, whose work is the product of the lengths.
 */
function componentMatcher(tokens: Token[]): (path: string) => boolean {
  const components: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'slash') components.push([]);
    else (components[components.length - 1] as Token[]).push(token);
  }
  return (path) => {
    const names = path.split('/');
    if (names.length !== components.length) return false;
    return components.every((tokens, i) => {
      const name = names[i] as string;
      const first = tokens[0];
      if (name.startsWith('.') && !(first?.kind === 'char' && first.char === '.')) return false;
      return tokenMatch(tokens.length, name.length, (p, t) => {
        const token = tokens[p] as Token;
        if (token.kind === 'star') return 'star';
        if (token.kind === 'any') return t < name.length;
        if (token.kind === 'class') return t < name.length && token.test(name[t] as string);
        return token.kind === 'char' && token.char === name[t];
      });
    });
  };
}
