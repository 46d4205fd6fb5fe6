import type { RootFiles } from '../../files/root-files.js';
import { lenientGlobTester } from '../../discover/glob-match.js';

/**
 * Expands an `include` mask as nginx does: glob(3) with flags 0 (nginx 1.22.1
 * src/os/unix/ngx_files.c:709), i.e. backslash escapes, no match of a leading `.` by a wildcard,
 * results sorted by strcmp (nginx never calls setlocale, so the C locale); no match is not an
 * error (`gl.test = 1`, src/core/ngx_conf_file.c:848). Paths are system paths read under the root.
 */

/** nginx treats a path as a mask iff it contains one of `*?[` (ngx_conf_file.c:839, strpbrk). */
export function isGlob(path: string): boolean {
  return /[*?[]/.test(path);
}

export function expandGlob(files: RootFiles, pattern: string): string[] {
  const segments = pattern.split('/').filter((s) => s !== '');
  let candidates = [''];
  // Names read from a directory for the last segment are returned as they are (glob(3) does not
  // stat them: a dangling link is returned and nginx then fails to open it); literal segments
  // must exist.
  let listed = false;
  for (const segment of segments) {
    if (!isGlob(segment)) {
      const literal = segment.replace(/\\(.)/g, '$1');
      candidates = candidates.map((c) => `${c}/${literal}`);
      listed = false;
      continue;
    }
    listed = true;
    // A backwards range matches nothing here, as the server's own glob does.
    const matches = lenientGlobTester(segment);
    const next: string[] = [];
    for (const dir of candidates) {
      for (const name of files.list(dir === '' ? '/' : dir) ?? []) {
        if (name.startsWith('.') && !segment.startsWith('.')) continue;
        if (matches(name)) next.push(`${dir}/${name}`);
      }
    }
    candidates = next;
  }
  return candidates.filter((c) => c !== '' && (listed || exists(files, c))).sort(compareBytes);
}

function exists(files: RootFiles, path: string): boolean {
  return files.stat(path) !== undefined;
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

