import picomatch from 'picomatch';
import { PATH_MAX } from '../files/path-max.js';

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
      match = { ok: true, test: (path) => test(path) };
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
