import path from 'node:path';

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
