import { posix } from 'node:path';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import { BadGlobError, globTester } from '../../discover/glob-match.js';
import { type CaddyToken, lexCaddyfile } from './lex-caddyfile.js';
import { appendAll } from '../../arrays/append-all.js';

/**
 * Caddyfile structure (caddyconfig/caddyfile/parse.go, Caddy v2.6.2 and later): an optional
 * global options block `{ ... }` first, snippets `(name) { ... }`, then site blocks
 * `addr1, addr2 { directives }` (braces may be left out when the file has a single site).
 * `import` is expanded where it starts a line, before blocks are read, as Caddy does: a snippet
 * defined earlier, else a file or glob relative to the importing file's directory. `{$VAR}` and
 * `{$VAR:default}` are environment placeholders replaced at parse time.
 */
export interface CaddyDirective {
  name: CaddyToken;
  args: CaddyToken[];
  block?: CaddyDirective[];
}

export interface CaddySiteBlock {
  keys: CaddyToken[];
  directives: CaddyDirective[];
  at: SourcePosition;
}

export interface Caddyfile {
  global?: { at: SourcePosition; directives: CaddyDirective[] };
  sites: CaddySiteBlock[];
  /** Host paths of the files read (main file and imports). */
  files: string[];
  diagnostics: Diagnostic[];
}

/** Root-confined file access; paths are absolute paths on the served system. */
export interface CaddyFileAccess {
  read(path: string): string | undefined;
  list(dir: string): string[] | undefined;
  host(path: string): string;
  /** Why a file that is there is not read (a FIFO, no permission, a link leaving the root). */
  refused?(path: string): { reason: string } | undefined;
  /** Marks a refusal as reported at the import that named the file. */
  reported?(problem: { reason: string }): void;
  /** Counts one import of a file; a problem once the run's budget of inclusions is spent. */
  include?(path: string): { reason: string } | undefined;
}

const MAX_IMPORT_DEPTH = 50;

/** Replaces `{$VAR}` / `{$VAR:default}`: unknown variables keep their text and are recorded. */
function substituteEnv(token: CaddyToken): CaddyToken {
  if (!token.text.includes('{$')) return token;
  const env: string[] = [];
  const text = token.text.replace(/\{\$([A-Za-z0-9_]+)(?::([^}]*))?\}/g, (whole, name: string, dflt: string | undefined) => {
    env.push(name);
    return dflt ?? whole;
  });
  return { ...token, text, env };
}

export function parseCaddyfile(mainPath: string, access: CaddyFileAccess): Caddyfile {
  const result: Caddyfile = { sites: [], files: [], diagnostics: [] };
  const snippets = new Map<string, CaddyToken[]>();

  // Each file is lexed once, however often it is imported; every import gets its own tokens,
  // since expansion marks them (newlineBefore).
  const lexedFiles = new Map<string, CaddyToken[]>();
  const readTokens = (path: string): CaddyToken[] | undefined => {
    const text = access.read(path);
    if (text === undefined) return undefined;
    let tokens = lexedFiles.get(path);
    if (tokens === undefined) {
      const host = access.host(path);
      result.files.push(host);
      const lexed = lexCaddyfile(text, host);
      appendAll(result.diagnostics, lexed.diagnostics);
      tokens = lexed.tokens;
      lexedFiles.set(path, tokens);
    }
    return tokens.map((token) => substituteEnv({ ...token }));
  };

  const expand = (tokens: CaddyToken[], path: string, stack: string[]): CaddyToken[] => {
    const out: CaddyToken[] = [];
    let depth = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as CaddyToken;
      const lineStart = i === 0 || t.newlineBefore;
      if (lineStart && !t.quoted && t.text === 'import') {
        const args: CaddyToken[] = [];
        while (i + 1 < tokens.length && !(tokens[i + 1] as CaddyToken).newlineBefore) args.push(tokens[++i] as CaddyToken);
        const target = args[0];
        if (target === undefined) {
          result.diagnostics.push({ code: 'parse-error', message: 'import needs a snippet name or a file pattern', position: t.at });
          continue;
        }
        const values = args.slice(1).map((a) => a.text);
        // {args.N} (v2.6) and {args[N]} (v2.7+) take the import's arguments.
        const withArgs = (body: CaddyToken[]): CaddyToken[] =>
          body.map((b, k) => ({
            ...b,
            text: b.text.replace(/\{args(?:\.(\d+)|\[(\d+)\])\}/g, (_whole, a?: string, c?: string) => values[Number(a ?? c)] ?? ''),
            newlineBefore: k === 0 ? true : b.newlineBefore,
          }));
        const expanded: CaddyToken[] = [];
        const snippet = snippets.get(target.text);
        if (snippet !== undefined) {
          const key = `snippet:${target.text}`;
          if (stack.includes(key) || stack.length >= MAX_IMPORT_DEPTH) {
            result.diagnostics.push({ code: 'include-error', message: `Import cycle: snippet ${target.text} imports itself`, position: target.at });
            continue;
          }
          appendAll(expanded, expand(withArgs(snippet), path, [...stack, key]));
        } else {
          const pattern = posix.normalize(target.text.startsWith('/') ? target.text : posix.join(posix.dirname(path), target.text));
          // caddyconfig/caddyfile/parse.go doImport (Caddy 2.6.2, checked with `caddy adapt`):
          // more than one `*` or `?`, or a `[...]` class, is refused before any file is globbed.
          if ((pattern.match(/\*/g) ?? []).length > 1 || (pattern.match(/\?/g) ?? []).length > 1 || (pattern.includes('[') && pattern.includes(']'))) {
            result.diagnostics.push({ code: 'include-error', message: `import ${target.text}: Glob pattern may only contain one wildcard (*), but has others: ${pattern} (Caddy refuses the config)`, position: target.at });
            continue;
          }
          let matches: string[] | undefined;
          try {
            matches = globFiles(access, pattern);
          } catch (error) {
            if (!(error instanceof BadGlobError)) throw error;
            // filepath.Glob returns ErrBadPattern (e.g. the range [z-a]); Caddy refuses the import.
            result.diagnostics.push({ code: 'include-error', message: `import ${target.text}: ${pattern} is not a valid glob pattern (Caddy refuses the config)`, position: target.at });
            continue;
          }
          if (matches === undefined) {
            result.diagnostics.push({ code: 'include-error', message: `import ${target.text}: ${pattern} does not exist under --root (Caddy refuses the config)`, position: target.at });
            continue;
          }
          if (matches.length === 0) {
            // parse.go: a glob without matches is only logged as a warning.
            result.diagnostics.push({ code: 'config-warning', message: `import ${target.text}: no files match ${pattern} under --root`, position: target.at });
            continue;
          }
          for (const m of matches) {
            const key = `file:${m}`;
            if (stack.includes(key) || stack.length >= MAX_IMPORT_DEPTH) {
              result.diagnostics.push({ code: 'include-error', message: `Import cycle: ${m} is already being read`, position: target.at });
              continue;
            }
            const over = access.include?.(m);
            if (over) {
              access.reported?.(over);
              result.diagnostics.push({ code: 'include-error', message: `import ${target.text}: ${m} is ${over.reason}`, position: target.at });
              continue;
            }
            const fileTokens = readTokens(m);
            const refused = fileTokens === undefined ? access.refused?.(m) : undefined;
            if (refused) {
              access.reported?.(refused);
              result.diagnostics.push({ code: 'include-error', message: `import ${target.text}: ${m} is not read: ${refused.reason}`, position: target.at });
            }
            if (fileTokens !== undefined && fileTokens.length > 0) appendAll(expanded, expand(withArgs(fileTokens), m, [...stack, key]));
          }
        }
        appendAll(out, expanded);
        if (i + 1 < tokens.length) (tokens[i + 1] as CaddyToken).newlineBefore = true;
        continue;
      }
      const next = tokens[i + 1];
      if (depth === 0 && lineStart && !t.quoted && /^\(.+\)$/.test(t.text) && next?.text === '{' && !next.newlineBefore) {
        const body: CaddyToken[] = [];
        let d = 1;
        let j = i + 2;
        for (; j < tokens.length; j++) {
          const b = tokens[j] as CaddyToken;
          if (!b.quoted && b.text === '{') d++;
          if (!b.quoted && b.text === '}' && --d === 0) break;
          body.push(b);
        }
        if (d !== 0) result.diagnostics.push({ code: 'parse-error', message: `Snippet ${t.text} is not closed (missing })`, position: t.at });
        snippets.set(t.text.slice(1, -1), body);
        i = j;
        continue;
      }
      if (!t.quoted && t.text === '{') depth++;
      if (!t.quoted && t.text === '}') depth--;
      out.push(t);
    }
    return out;
  };

  const main = readTokens(mainPath);
  if (main === undefined) return result;
  const tokens = expand(main, mainPath, [`file:${mainPath}`]);
  parseTop(tokens, result);
  return result;
}

/** Files for an import pattern: undefined when a plain path is missing (parse.go doImport). */
function globFiles(access: CaddyFileAccess, pattern: string): string[] | undefined {
  const there = (p: string): boolean => access.read(p) !== undefined || access.refused?.(p) !== undefined;
  if (!/[*?[]/.test(pattern)) return there(pattern) ? [pattern] : undefined;
  const dir = posix.dirname(pattern);
  // Throws BadGlobError for a pattern Go's filepath.Match refuses (`[z-a]`); the caller reports it.
  const matches = globTester(posix.basename(pattern));
  // parse.go: files starting with a dot are skipped unless the pattern asks for them.
  return (access.list(dir) ?? []).filter((n) => matches(n) && (!n.startsWith('.') || posix.basename(pattern).startsWith('.'))).map((n) => posix.join(dir, n)).filter(there);
}

const isOpen = (t: CaddyToken | undefined): boolean => t !== undefined && !t.quoted && t.text === '{';
const isClose = (t: CaddyToken | undefined): boolean => t !== undefined && !t.quoted && t.text === '}';

/**
 * Blocks nested deeper are skipped (and reported): the parser and the readers recurse per block,
 * and 100,000 nested blocks would exhaust the stack. Real Caddyfiles nest a few levels.
 */
export const MAX_BLOCK_DEPTH = 200;

function parseTop(tokens: CaddyToken[], result: Caddyfile): void {
  let pos = 0;
  /** Skips the rest of a block whose `{` was just read, without recursing. */
  const skipBlock = (open: CaddyToken): void => {
    let depth = 1;
    for (; pos < tokens.length && depth > 0; pos++) {
      if (isOpen(tokens[pos])) depth++;
      else if (isClose(tokens[pos])) depth--;
    }
    if (depth > 0) result.diagnostics.push({ code: 'parse-error', message: 'Unexpected end of file: this { is never closed', position: open.at });
  };
  const body = (open: CaddyToken, depth = 1): CaddyDirective[] => {
    const directives: CaddyDirective[] = [];
    while (pos < tokens.length && !isClose(tokens[pos])) {
      const name = tokens[pos++] as CaddyToken;
      const args: CaddyToken[] = [];
      while (pos < tokens.length && !(tokens[pos] as CaddyToken).newlineBefore && !isClose(tokens[pos])) args.push(tokens[pos++] as CaddyToken);
      const directive: CaddyDirective = { name, args };
      if (isOpen(args[args.length - 1])) {
        const brace = args.pop() as CaddyToken;
        if (depth >= MAX_BLOCK_DEPTH) {
          result.diagnostics.push({ code: 'parse-error', message: `blocks nested more than ${MAX_BLOCK_DEPTH} deep: privacy-lint does not read the block of "${name.text}"`, position: brace.at });
          skipBlock(brace);
        } else {
          directive.block = body(brace, depth + 1);
        }
      }
      directives.push(directive);
    }
    if (isClose(tokens[pos])) pos++;
    else result.diagnostics.push({ code: 'parse-error', message: 'Unexpected end of file: this { is never closed', position: open.at });
    return directives;
  };

  if (isOpen(tokens[0]) && (tokens[1] === undefined || tokens[1].newlineBefore)) {
    const open = tokens[0] as CaddyToken;
    pos = 1;
    result.global = { at: open.at, directives: body(open) };
  }
  while (pos < tokens.length) {
    const first = tokens[pos] as CaddyToken;
    if (isClose(first)) {
      result.diagnostics.push({ code: 'parse-error', message: 'Unexpected } with no open block', position: first.at });
      pos++;
      continue;
    }
    const keys: CaddyToken[] = [];
    // Keys run on one line, or on several when a line ends with a comma.
    while (pos < tokens.length && !isOpen(tokens[pos])) {
      const t = tokens[pos] as CaddyToken;
      const prev = keys[keys.length - 1];
      if (keys.length > 0 && t.newlineBefore && !(prev !== undefined && prev.text.endsWith(','))) break;
      keys.push(t);
      pos++;
    }
    const cleanKeys = keys.flatMap((k) => (k.text === ',' ? [] : [{ ...k, text: k.text.replace(/,$/, '') }]));
    if (isOpen(tokens[pos])) {
      const open = tokens[pos++] as CaddyToken;
      result.sites.push({ keys: cleanKeys, directives: body(open), at: first.at });
      continue;
    }
    if (result.sites.length === 0) {
      // A single site without braces: everything after its address line is its body.
      const directives: CaddyDirective[] = [];
      while (pos < tokens.length) {
        if (isClose(tokens[pos])) {
          result.diagnostics.push({ code: 'parse-error', message: 'Unexpected } with no open block', position: (tokens[pos] as CaddyToken).at });
          pos++;
          continue;
        }
        const name = tokens[pos++] as CaddyToken;
        const args: CaddyToken[] = [];
        while (pos < tokens.length && !(tokens[pos] as CaddyToken).newlineBefore) args.push(tokens[pos++] as CaddyToken);
        const directive: CaddyDirective = { name, args };
        if (isOpen(args[args.length - 1])) {
          const brace = args.pop() as CaddyToken;
          directive.block = body(brace);
        }
        directives.push(directive);
      }
      result.sites.push({ keys: cleanKeys, directives, at: first.at });
      continue;
    }
    result.diagnostics.push({ code: 'parse-error', message: `Site address ${first.text} must be followed by { (only a lone site may leave out braces)`, position: first.at });
  }
}
