import path from 'node:path';

/**
 * `file` relative to `base` with forward slashes, as CI platforms expect repository paths, or
 * undefined when it is not under `base`. A path that is already relative is taken as it is.
 */
export function pathUnder(file: string, base: string): string | undefined {
  if (!path.isAbsolute(file)) return toPosix(file);
  const relative = path.relative(base, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  return toPosix(relative);
}

/** A path for a CI platform: relative to `base` when under it, else as it is (absolute). */
export function ciPath(file: string, base: string): string {
  return pathUnder(file, base) ?? toPosix(file);
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
