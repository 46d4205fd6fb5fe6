import { posix } from 'node:path';
import { globTester } from '../../discover/glob-match.js';
import type { RootFiles } from '../scheduled-jobs/root-files.js';
import { appendAll } from '../../arrays/append-all.js';

/**
 * The files an Apache `Include` path names, in the order httpd reads them (server/config.c
 * ap_process_fnmatch_configs and ap_process_resource_config_nofnmatch, httpd 2.4): fnmatch
 * wildcards may appear in directory and file parts, matches sorted alphabetically, wildcards
 * do not match a leading dot (APR_FNM_PERIOD); a directory includes all files below it,
 * recursively, in alphabetical order.
 */
export const hasWildcard = (p: string): boolean => /[*?[]/.test(p);

/** Whether a system path (after links, inside root) is a directory. */
function isDirectory(files: RootFiles, path: string): boolean {
  return files.read(path) === undefined && files.list(path) !== undefined;
}

/** All files below a directory, recursively, sorted per level. */
function filesBelow(files: RootFiles, dir: string, depth = 0): string[] {
  if (depth > 32) return [];
  const out: string[] = [];
  for (const name of files.list(dir) ?? []) {
    const p = posix.join(dir, name);
    if (isDirectory(files, p)) appendAll(out, filesBelow(files, p, depth + 1));
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
  return current.flatMap((p) => (isDirectory(files, p) ? filesBelow(files, p) : files.read(p) !== undefined ? [p] : []));
}
