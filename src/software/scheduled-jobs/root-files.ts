import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/**
 * File access confined to a root directory, as if it were `/`: symlinks are followed
 * chroot-style (an absolute target such as `/usr/lib/...` means `<root>/usr/lib/...`), and
 * nothing outside the root is ever read — `..` cannot climb above it.
 */
export class RootFiles {
  constructor(readonly root: string) {}

  /** The absolute host path of a system path ('/etc/crontab'), without following symlinks. */
  host(systemPath: string): string {
    return join(this.root, posix.normalize(`/${systemPath}`));
  }

  /**
   * The system path that `systemPath` resolves to after following symlinks inside the root,
   * or undefined when a link loops. `/dev/null` is returned as is (a masked unit).
   */
  resolve(systemPath: string): string | undefined {
    let parts = posix.normalize(`/${systemPath}`).split('/').filter((p) => p !== '');
    const done: string[] = [];
    for (let hops = 0; parts.length > 0; ) {
      const part = parts.shift() as string;
      if (part === '..') {
        done.pop();
        continue;
      }
      const candidate = `/${[...done, part].join('/')}`;
      let target: string | undefined;
      try {
        if (lstatSync(this.host(candidate)).isSymbolicLink()) target = readlinkSync(this.host(candidate));
      } catch {
        // Missing: keep the name; the caller finds out when it reads.
      }
      if (target === undefined) {
        done.push(part);
        continue;
      }
      if (++hops > 40) return undefined;
      if (target === '/dev/null') return parts.length === 0 ? '/dev/null' : undefined;
      const base = target.startsWith('/') ? [] : done;
      parts = [...base, ...target.split('/').filter((p) => p !== '' && p !== '.'), ...parts];
      done.length = 0;
    }
    return `/${done.join('/')}`;
  }

  /** Sorted entry names of a directory, or undefined when it is absent. */
  list(systemPath: string): string[] | undefined {
    const resolved = this.resolve(systemPath);
    if (resolved === undefined) return undefined;
    try {
      return readdirSync(this.host(resolved)).sort();
    } catch {
      return undefined;
    }
  }

  /** The text of a regular file (after links), or undefined when absent or not a file. */
  read(systemPath: string): string | undefined {
    const resolved = this.resolve(systemPath);
    if (resolved === undefined || resolved === '/dev/null') return undefined;
    try {
      if (!statSync(this.host(resolved)).isFile()) return undefined;
      return readFileSync(this.host(resolved), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Whether the file (after links) has any execute bit set. */
  executable(systemPath: string): boolean {
    const resolved = this.resolve(systemPath);
    if (resolved === undefined) return false;
    try {
      return (statSync(this.host(resolved)).mode & 0o111) !== 0;
    } catch {
      return false;
    }
  }

  /** Whether a directory entry exists (a dangling symlink counts: systemd only needs the name). */
  exists(systemPath: string): boolean {
    // Resolve the directory inside the root first, so that a linked parent (`lib -> /usr/lib`)
    // is followed chroot-style rather than by the host's filesystem.
    const dir = this.resolve(posix.dirname(posix.normalize(`/${systemPath}`)));
    if (dir === undefined || dir === '/dev/null') return false;
    try {
      lstatSync(this.host(posix.join(dir, posix.basename(systemPath))));
      return true;
    } catch {
      return false;
    }
  }
}
