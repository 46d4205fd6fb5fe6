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

/** Where files its directory listing showed as regular are read (most are small job files). */
const scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * The UTF-8 text of the regular file at `host` (a path on this machine, links already resolved
 * by the caller), never blocking: the type is checked before the file is opened (lstat, or the
 * caller's directory listing: `listedRegular`), and the open is non-blocking and does not follow
 * a link, so a FIFO or device swapped in between cannot hang the read. `shown` is the path
 * messages name.
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
    return listedRegular ? readListed(fd, shown, maxSize) : readChecked(fd, shown, maxSize);
  } catch (error) {
    return { ok: false, problem: problemFromError(shown, error) };
  } finally {
    closeSync(fd);
  }
}

/**
 * A file lstat did not see: fstat says what was opened. Then it reads what fstat announced, plus
 * one byte to see a file that grew past the limit meanwhile. Below the limit, a read that
 * returned the announced size is taken as the whole file.
 */
function readChecked(fd: number, shown: string, maxSize: number): FileText {
  const stats = fstatSync(fd);
  const problem = refuse(shown, stats, maxSize);
  if (problem) return { ok: false, problem };
  // Only the bytes read are decoded, so the buffer need not be zeroed (small ones come from Node's pool).
  const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxSize) + 1);
  let length = 0;
  for (let n = -1; n !== 0 && length < buffer.length; length += n) {
    if (length > 0 && length === stats.size && stats.size < maxSize) break;
    n = readSync(fd, buffer, length, buffer.length - length, null);
  }
  if (length > maxSize) return { ok: false, problem: refuse(shown, Object.assign(stats, { size: length }), maxSize) as FileProblem };
  return { ok: true, text: buffer.toString('utf8', 0, length) };
}

/**
 * A file its directory listing showed as regular (thousands of job files): read to its end
 * without an fstat first, which cost as much as the read and a Stats object per file. Were it
 * swapped for a FIFO or a device meanwhile, the non-blocking read ends at once (nothing read)
 * or past the size limit, and fstat then names what it is.
 */
function readListed(fd: number, shown: string, maxSize: number): FileText {
  const { buffer, length } = readToEnd(fd, maxSize, scratch, readSync);
  if (length === 0 || length > maxSize) {
    // Nothing read may be a FIFO or /dev/null swapped in, too much a device or a file still
    // growing (as large as what was read): fstat tells them from an empty or a large file.
    const stats = fstatSync(fd);
    const problem = refuse(shown, stats.isFile() ? Object.assign(stats, { size: Math.max(stats.size, length) }) : stats, maxSize);
    if (problem) return { ok: false, problem };
  }
  return { ok: true, text: buffer.toString('utf8', 0, length) };
}

/**
 * Reads an open file to its end into `buffer`, grown by doubling, and stops once more than
 * `maxSize` bytes are read. Self-contained (its parameters and Buffer only): the read-ahead
 * worker runs its source text, so that both read a file the same way.
 */
export function readToEnd(fd: number, maxSize: number, buffer: Buffer, read: typeof readSync): { buffer: Buffer; length: number } {
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxSize) break;
      const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxSize + 1));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    const n = read(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  return { buffer, length };
}
