import * as path from 'node:path';

/** A virtual directory option given with or without its leading slash (`var/lib/ejabberd`). */
export function virtualDir(dir: string): string {
  return path.posix.normalize(dir.startsWith('/') ? dir : `/${dir}`).replace(/\/+$/, '') || '/';
}
