import type { RootFiles } from '../../files/root-files.js';

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
    // Throws BadGlobError for a pattern glob(3) cannot use (`[z-a]`); the caller reports it.
    const matches = globTester(segment);
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

/** fnmatch(3) for one path segment: `*`, `?`, `[...]` with `!`/`^` negation and ranges, `\x`. */
function segmentMatcher(segment: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '\\' && i + 1 < segment.length) {
      source += escapeRegExp(segment[++i] as string);
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '[') {
      const close = bracketEnd(segment, i);
      if (close === -1) {
        source += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      let negate = false;
      if (body.startsWith('!') || body.startsWith('^')) {
        negate = true;
        body = body.slice(1);
      }
      source += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = close;
    } else {
      source += escapeRegExp(c);
    }
  }
  try {
    return new RegExp(`^${source}$`, 's');
  } catch {
    // A range running backwards ([z-a]) matches no name in glob(3): nginx 1.22.1 -t accepts
    // `include conf.d/[z-a]*;` and includes nothing. Only such a range makes the RegExp invalid.
    return /(?!)/;
  }
}

/** Index of the `]` closing a bracket expression opened at `open` (a leading `]` is literal). */
function bracketEnd(segment: string, open: number): number {
  let i = open + 1;
  if (segment[i] === '!' || segment[i] === '^') i++;
  if (segment[i] === ']') i++;
  return segment.indexOf(']', i);
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
