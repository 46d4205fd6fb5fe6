import { posix } from 'node:path';

/** `//`, or a `.` or `..` component: what posix.normalize would rewrite in an absolute path. */
const NOT_NORMAL = /\/\/|\/\.\.?(?:\/|$)/;

/**
 * `posix.normalize('/' + path)`: a system path as RootFiles keys it ('/etc/crontab'). A path that
 * is already in that form (the common case: paths built from a directory listing) is returned as
 * it is, without the two strings normalize builds: 10,000 job files were normalised some ten
 * times each on their way through the file layer.
 */
export function normalSystemPath(path: string): string {
  return isNormalPath(path) ? path : posix.normalize(`/${path}`);
}

/** Whether posix.normalize would return this absolute path as it is. */
export function isNormalPath(path: string): boolean {
  if (!path.startsWith('/')) return false;
  // Two searches settle most paths before the pattern is run (a `.name` component needs it).
  return (!path.includes('//') && !path.includes('/.')) || !NOT_NORMAL.test(path);
}
