/**
 * Why a file under --root was not read. Every reader reports these with the errno and the path
 * (a permission error is not an absent file), at the line that referred to the file.
 */
export type FileProblemKind =
  | 'absent' // ENOENT (or ENOTDIR on the way): the server would not find it either
  | 'permission' // EACCES / EPERM: it exists, privacy-lint may not read it
  | 'io' // any other error of the system call (EIO, ...)
  | 'directory' // a directory where a file was expected
  | 'not-regular' // a FIFO, socket or device: never opened for reading (it could block forever)
  | 'too-large' // over --max-file-size
  | 'outside-root' // a symlink whose target climbs above --root
  | 'link-loop' // symlinks that lead back to themselves
  | 'include-limit'; // included after the run's budget of inclusions was spent

export interface FileProblem {
  kind: FileProblemKind;
  /** The system path asked for ('/etc/nginx/nginx.conf'). */
  path: string;
  /** The path on this machine, when the problem is about one that is not under --root. */
  host?: string;
  /** The errno code when a system call failed ('EACCES'). */
  errno?: string;
  /** What went wrong, without the path: "permission denied (EACCES)". */
  reason: string;
  /** The path and the reason: "/etc/x: permission denied (EACCES)". */
  message: string;
}

/** strerror(3) wording of the errno codes a reader meets, lower-case as in a sentence. */
const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error',
  ENXIO: 'no such device or address',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
};

/** A FileProblem from an error thrown by a node:fs call on `path`. */
export function problemFromError(path: string, error: unknown): FileProblem {
  const errno = (error as { code?: unknown }).code;
  const code = typeof errno === 'string' ? errno : 'EIO';
  const kind: FileProblemKind =
    code === 'ENOENT' || code === 'ENOTDIR'
      ? 'absent'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission'
        : code === 'EISDIR'
          ? 'directory'
          : code === 'ELOOP'
            ? 'link-loop'
            : 'io';
  return problem(kind, path, `${ERRNO_TEXT[code] ?? 'cannot be read'} (${code})`, code);
}

export function problem(kind: FileProblemKind, path: string, reason: string, errno?: string): FileProblem {
  const made: FileProblem = { kind, path, reason, message: `${path}: ${reason}` };
  if (errno !== undefined) made.errno = errno;
  return made;
}

/** The number of bytes as a reader would write it: "16 MiB", "1.5 KiB", "12 bytes". */
export function formatSize(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${units[unit] as string}`;
}

/** `--max-file-size`: a number of bytes with an optional binary or decimal unit ("16MiB", "500k"). */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?)b?\s*$/i.exec(text);
  if (!m) return undefined;
  const power = ' kmgt'.indexOf((m[2] ?? '').toLowerCase() || ' ');
  // KiB/MiB are binary; a bare k/M/G (with or without B) is decimal, as SI writes it.
  const base = m[3] ? 1024 : 1000;
  const bytes = Math.floor(Number(m[1]) * base ** power);
  return Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}
