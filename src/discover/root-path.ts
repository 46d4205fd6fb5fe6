import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Paths as a server would see them on the served system ("virtual", absolute POSIX paths)
 * mapped onto the copy of that system's files under --root on this machine. Every reader that
 * follows an include goes through toDiskPath, so nothing outside --root is ever read.
 */

export type DiskPath = { ok: true; disk: string } | { ok: false; reason: string };

function inside(base: string, p: string): boolean {
  const rel = path.relative(base, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The file under root for a virtual path; refuses paths that leave root (also through symlinks). */
export function toDiskPath(root: string, virtualPath: string): DiskPath {
  const disk = path.join(root, virtualPath);
  if (!inside(root, disk)) return { ok: false, reason: `it resolves outside --root (${root})` };
  try {
    const real = fs.realpathSync(disk);
    const realRoot = fs.realpathSync(root);
    if (!inside(realRoot, real)) return { ok: false, reason: `it is a link to ${real}, outside --root (${root})` };
  } catch {
    // Missing: the caller reports it when reading.
  }
  return { ok: true, disk };
}

/** The virtual path of a file under root: `/` + its path below root. */
export function toVirtualPath(root: string, disk: string): string {
  const rel = path.relative(root, disk);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return disk;
  return '/' + rel.split(path.sep).join('/');
}

/** A virtual directory option given with or without its leading slash (`var/lib/ejabberd`). */
export function virtualDir(dir: string): string {
  return path.posix.normalize(dir.startsWith('/') ? dir : `/${dir}`).replace(/\/+$/, '') || '/';
}
