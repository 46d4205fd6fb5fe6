import { posix } from 'node:path';
import type { RootFiles } from '../../files/root-files.js';
import { lenientGlobTester } from '../../discover/glob-match.js';
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
    if (isDirectory(files, p)) appendAll(out, filesBelow(files, p, depth + 1, walked));
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
    // A backwards range matches nothing here, as the server's own glob does.
    const matches = lenientGlobTester(part);
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
