import path from 'node:path';
import { isNormalPath } from '../files/system-path.js';

/**
 * How a report shows a file: relative to `cwd` when it is under it, else absolute
 * (DESIGN.md "JSON report"). Strings that are not absolute paths are returned as they are,
 * so a label that is not a file can never be turned into a misleading path.
 */
export function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(cwd, file);
  if (relative === '') return '.';
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return outside ? path.normalize(file) : relative;
}

/**
 * displayPath(file, cwd) for the many files of one report: a normal absolute path (no `//`, `.`,
 * `..` or trailing slash, as readers make them) is shown by comparing prefixes, without the two
 * resolves and the string building of path.relative. A report lists every file that was read
 * (15,000 for 10,000 scheduled jobs); anything else takes displayPath's way.
 */
export function displayPathFrom(cwd: string): (file: string) => string {
  if (path.sep !== '/' || !isPlainAbsolute(cwd)) return (file) => displayPath(file, cwd);
  const prefix = cwd === '/' ? '/' : `${cwd}/`;
  return (file) => {
    if (!isPlainAbsolute(file)) return displayPath(file, cwd);
    if (file === cwd) return '.';
    // Under cwd: what path.relative gives. Outside: the path, which path.normalize keeps as it is.
    return file.startsWith(prefix) ? file.slice(prefix.length) : file;
  };
}

function isPlainAbsolute(file: string): boolean {
  return isNormalPath(file) && (file === '/' || !file.endsWith('/'));
}
