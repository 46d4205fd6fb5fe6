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

/**
 * A message with the working directory taken out of the paths it quotes ("looked for
 * /home/runner/work/etc/prosody/x.cfg.lua" becomes "looked for prosody/x.cfg.lua" relative to it),
 * for formats that are uploaded and compared between machines (SARIF, GitHub, GitLab).
 */
export function withoutDirectory(text: string, dir: string): string {
  if (dir.length <= 1 || !text.includes(dir)) return text;
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  return text
    .split(prefix)
    .join('')
    .replace(new RegExp(`${escapeRegExp(dir)}(?![^\\s)"',;:])`, 'g'), '.');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
