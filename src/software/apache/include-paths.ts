import { posix } from 'node:path';
import type { RootFiles } from '../../files/root-files.js';

/**
 * The files an Apache `Include` path names, in the order httpd reads them (server/config.c
 * ap_process_fnmatch_configs and ap_process_resource_config_nofnmatch, httpd 2.4): fnmatch
 * wildcards may appear in directory and file parts, matches sorted alphabetically, wildcards
 * do not match a leading dot (APR_FNM_PERIOD); a directory includes all files below it,
 * recursively, in alphabetical order.
 */
export const hasWildcard = (p: string): boolean => /[*?[]/.test(p);

function fnmatchRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`);
  } catch {
    // A range running backwards ([z-a]) matches nothing in apr_fnmatch: apache2 -t (2.4.71) says
    // "No matches for the wildcard '[z-a]*'", as for any wildcard that matches no file.
    return /(?!)/;
  }
}

/** Whether a system path (after links, inside root) is a directory. */
function isDirectory(files: RootFiles, path: string): boolean {
  return files.kind(path) === 'directory';
}

/**
 * Whether a path names something to include: a readable file, or one that is there but cannot
 * be read (a FIFO, a link leaving the root, no permission), which the includer reports.
 */
function includable(files: RootFiles, path: string): boolean {
  const loaded = files.load(path);
  return loaded.ok || (loaded.problem.kind !== 'absent' && loaded.problem.kind !== 'directory');
}

/**
 * All files below a directory, recursively, sorted per level. Each directory is walked once
 * (by its path after links): two links back to their parent would otherwise make the walk
 * exponential in the depth.
 */
function filesBelow(files: RootFiles, dir: string, depth = 0, walked = new Set<string>()): string[] {
  const real = files.resolve(dir) ?? dir;
  if (depth > 32 || walked.has(real)) return [];
  walked.add(real);
  const out: string[] = [];
  for (const name of files.list(dir) ?? []) {
    const p = posix.join(dir, name);
    if (isDirectory(files, p)) out.push(...filesBelow(files, p, depth + 1, walked));
    else out.push(p);
  }
  return out;
}

/** Expands one absolute system path (with or without wildcards) into files to read. */
export function expandInclude(files: RootFiles, pattern: string): string[] {
  const parts = posix.normalize(pattern).split('/').filter((p) => p !== '');
  let current = ['/'];
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (!hasWildcard(part)) {
      current = current.map((c) => posix.join(c, part));
      return;
    }
    // Throws BadGlobError for a pattern fnmatch cannot use (`[z-a]`); the caller reports it.
    const matches = globTester(part);
    const next: string[] = [];
    for (const dir of current) {
      for (const name of files.list(dir) ?? []) {
        if (name.startsWith('.') && !part.startsWith('.')) continue;
        if (!matches(name)) continue;
        const p = posix.join(dir, name);
        // A wildcard in a directory part matches directories only.
        if (!last && !isDirectory(files, p)) continue;
        next.push(p);
      }
    }
    current = next;
  });
  return current.flatMap((p) => (isDirectory(files, p) ? filesBelow(files, p) : includable(files, p) ? [p] : []));
}
