import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { formatSize, problem as made, problemFromError, type FileProblem } from './file-problem.js';

/** 16 MiB: larger than any real server config, small enough that reading one costs little. */
export const DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024;

export type FileText = { ok: true; text: string } | { ok: false; problem: FileProblem };

/** What a non-regular file is, for the message that refuses it. */
export function typeOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function refuse(shown: string, stats: Stats, maxSize: number): FileProblem | undefined {
  if (stats.isDirectory()) return made('directory', shown, 'is a directory (EISDIR)', 'EISDIR');
  if (!stats.isFile()) return made('not-regular', shown, `${typeOf(stats)}, not a regular file: not read`);
  if (stats.size > maxSize) {
    return made('too-large', shown, `${formatSize(stats.size)}, over the limit of ${formatSize(maxSize)} per file (--max-file-size): not read`);
  }
  return undefined;
}

/**
 * The UTF-8 text of the regular file at `host` (a path on this machine, links already resolved
 * by the caller), never blocking: the type is checked before the file is opened (lstat, or the
 * caller's directory listing: `listedRegular`), and the open
 * is non-blocking and does not follow a link, so a FIFO or device swapped in between is caught
 * by fstat instead of hanging the read. `shown` is the path messages name.
 */
export function readRegularFile(host: string, shown: string, maxSize: number, listedRegular = false): FileText {
  let fd: number;
  try {
    // A directory listing that showed a regular file is the same check as lstat.
    const problem = listedRegular ? undefined : refuse(shown, lstatSync(host), maxSize);
    if (problem) return { ok: false, problem };
    fd = openSync(host, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    return { ok: false, problem: problemFromError(shown, error) };
  }
  try {
    const stats = fstatSync(fd);
    const problem = refuse(shown, stats, maxSize);
    if (problem) return { ok: false, problem };
    // Read what fstat announced, plus one byte to see a file that grew past the limit meanwhile.
    // Below the limit, a read that returned the announced size is taken as the whole file: the
    // read that would return end-of-file costs a system call per file (thousands of job files),
    // and a file growing meanwhile could not pass the limit by one byte anyway. Only the bytes
    // read are decoded, so the buffer need not be zeroed (and small ones come from Node's pool).
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxSize) + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) {
      if (length > 0 && length === stats.size && stats.size < maxSize) break;
      n = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > maxSize) return { ok: false, problem: refuse(shown, Object.assign(stats, { size: length }), maxSize) as FileProblem };
    return { ok: true, text: buffer.toString('utf8', 0, length) };
  } catch (error) {
    return { ok: false, problem: problemFromError(shown, error) };
  } finally {
    closeSync(fd);
  }
}
