import { isAbsolute, posix } from 'node:path';
import { parseNginx, type NginxParse } from '../../formats/nginx/parse-nginx.js';
import type { NginxStatement } from '../../formats/nginx/nginx-syntax.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import { RootFiles } from '../../files/root-files.js';
import { expandGlob, isGlob } from './include-glob.js';
import { appendAll } from '../../arrays/append-all.js';
import { BadGlobError } from '../../discover/glob-match.js';

/**
 * Reads nginx.conf and everything it includes into one tree, `include` statements replaced by
 * the statements of the files they name (nginx parses an included file in the context of the
 * include, nginx 1.22.1 src/core/ngx_conf_file.c:821-885). Paths are system paths read under
 * --root: an absolute symlink target means the same path under --root, and a path that climbs
 * above `/` is refused, so nothing outside --root is ever read.
 */

export interface NginxTree {
  /** Top-level statements, includes expanded in place (each keeps the file it came from). */
  statements: NginxStatement[];
  /** Absolute paths on disk of the files read, in the order nginx opens them. */
  files: string[];
  /** System paths of the files read (as `nginx -T` names them when run on the served system). */
  systemFiles: string[];
  diagnostics: Diagnostic[];
  /** System path of the main file, e.g. /etc/nginx/nginx.conf. */
  mainFile: string;
  /** Directory of the main file: relative includes resolve against it (ngx_conf_full_name(.., 1)). */
  confPrefix: string;
  /** Whether the main file exists under the root. */
  found: boolean;
}

export function loadNginxTree(files: RootFiles, mainFile = 'etc/nginx/nginx.conf'): NginxTree {
  const main = systemPathOf(files, mainFile);
  const tree: NginxTree = {
    statements: [],
    files: [],
    systemFiles: [],
    diagnostics: [],
    mainFile: main,
    confPrefix: posix.dirname(main),
    found: false,
  };
  const loader = new Loader(files, tree);
  const parsed = loader.parse(main);
  if (parsed === undefined) return tree;
  tree.found = true;
  tree.statements = loader.expanded(loader.key(main), parsed, [loader.key(main)]);
  return tree;
}

/** `etc/nginx/nginx.conf` or `<root>/etc/nginx/nginx.conf` → `/etc/nginx/nginx.conf`. */
function systemPathOf(files: RootFiles, file: string): string {
  if (isAbsolute(file)) {
    const systemPath = files.system(file);
    if (systemPath !== undefined) return systemPath;
  }
  return posix.normalize(`/${file}`);
}

/** True when `..` segments climb above `/`. */
function climbsAboveRoot(path: string): boolean {
  let depth = 0;
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    depth += part === '..' ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}

/** Bounds the recursion (each file can nest blocks too), so hostile input cannot exhaust the stack. */
const MAX_INCLUDE_DEPTH = 20;

class Loader {
  private readonly cache = new Map<string, NginxParse | undefined>();
  private readonly done = new Set<string>();

  constructor(
    private readonly files: RootFiles,
    private readonly tree: NginxTree,
  ) {}

  /** Identity of a file for cycle detection: its path after following links. */
  key(systemPath: string): string {
    return this.files.resolve(systemPath) ?? systemPath;
  }

  /** Parses a file once; diagnostics are reported for its first reading only. */
  parse(systemPath: string): NginxParse | undefined {
    const key = this.key(systemPath);
    if (this.cache.has(key)) return this.cache.get(key);
    let parsed: NginxParse | undefined;
    const text = this.files.read(systemPath);
    if (text !== undefined) {
      const disk = this.files.host(systemPath);
      parsed = parseNginx(text, disk);
      this.tree.files.push(disk);
      this.tree.systemFiles.push(posix.normalize(systemPath));
      appendAll(this.tree.diagnostics, parsed.diagnostics);
    }
    this.cache.set(key, parsed);
    return parsed;
  }

  /**
   * Replaces includes in place, in document order (the order nginx opens files). A file is
   * expanded once: a second include of it shares the same statements, read in its own context.
   */
  expand(statements: NginxStatement[], stack: string[]): NginxStatement[] {
    let out: NginxStatement[] | undefined;
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i] as NginxStatement;
      if (s.name === 'include') {
        out ??= statements.slice(0, i);
        for (const included of this.include(s, stack)) out.push(included);
        continue;
      }
      if (s.block) s.block = this.expand(s.block, stack);
      out?.push(s);
    }
    return out ?? statements;
  }

  /** The statements of a file with its includes expanded (once). */
  expanded(key: string, parsed: NginxParse, stack: string[]): NginxStatement[] {
    if (!this.done.has(key)) {
      this.done.add(key);
      parsed.statements = this.expand(parsed.statements, stack);
    }
    return parsed.statements;
  }

  private include(s: NginxStatement, stack: string[]): NginxStatement[] {
    const arg = s.args[0];
    if (arg === undefined || s.args.length !== 1) {
      this.report(s, `invalid number of arguments in "include" directive (nginx takes exactly one file or mask)`);
      return [];
    }
    const path = arg.value.startsWith('/') ? arg.value : `${this.tree.confPrefix}/${arg.value}`;
    if (climbsAboveRoot(path)) {
      this.report(s, `include ${arg.value} is not read: it resolves outside --root`);
      return [];
    }
    if (stack.length > MAX_INCLUDE_DEPTH) {
      this.report(s, `include ${arg.value} is not read: includes are nested more than ${MAX_INCLUDE_DEPTH} deep`);
      return [];
    }
    let targets: string[];
    try {
      targets = isGlob(path) ? expandGlob(this.files, path) : [posix.normalize(path)];
    } catch (error) {
      if (!(error instanceof BadGlobError)) throw error;
      this.report(s, `include ${arg.value} is not read: ${error.reason}`);
      return [];
    }
    const out: NginxStatement[] = [];
    for (const target of targets) {
      const key = this.key(target);
      if (stack.includes(key)) {
        this.report(s, `include cycle: ${target} is already being read (${[...stack, key].join(' → ')}); nginx recurses until it crashes (nginx 1.22.1 -t: segmentation fault)`);
        continue;
      }
      const problem = this.unreadable(target);
      if (problem) {
        // What nginx would do with a file privacy-lint may not read is not known: no "refuses".
        this.report(s, problem.refused ? `include ${target}: ${problem.reason} (nginx refuses to start)` : `include ${target} is not read: ${problem.reason}`);
        continue;
      }
      const parsed = this.parse(target);
      if (!parsed) continue;
      for (const included of this.expanded(key, parsed, [...stack, key])) out.push(included);
    }
    return out;
  }

  /** Why a system path cannot be read as a file, or undefined when it can. */
  private unreadable(systemPath: string): { reason: string; refused: boolean } | undefined {
    const loaded = this.files.load(systemPath);
    if (loaded.ok) return undefined;
    this.files.reported(loaded.problem);
    if (loaded.problem.kind === 'absent') return { reason: 'no such file', refused: true };
    if (loaded.problem.kind === 'directory') return { reason: 'is a directory', refused: true };
    return { reason: loaded.problem.reason, refused: false };
  }

  private report(s: NginxStatement, message: string): void {
    this.tree.diagnostics.push({ code: 'include-error', message, position: { file: s.file, line: s.line, column: s.column } });
  }
}
