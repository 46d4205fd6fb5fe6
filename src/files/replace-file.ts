import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fchownSync, constants, fstatSync, fsyncSync, lstatSync, openSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, readRegularFile } from './regular-file.js';

/** A file's text as --fix read it, and the hash that tells whether it changed since. */
export type FixBase = { ok: true; text: string; sha256: string } | { ok: false; reason: string };

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Where `file` (a path on this machine) really is, when that is a regular file inside `root`
 * once every link is followed; else why it may not be written. --fix writes nothing else.
 */
function confined(root: string, file: string): { ok: true; real: string } | { ok: false; reason: string } {
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(file);
  } catch (error) {
    return { ok: false, reason: `cannot be resolved (${String((error as { code?: unknown }).code ?? error)})` };
  }
  const rel = path.relative(realRoot, real);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { ok: false, reason: 'is outside --root' };
  return { ok: true, real };
}

/** Reads a file that --fix may change: inside `root`, regular, within the size limit. */
export function readFixBase(root: string, file: string): FixBase {
  const where = confined(root, file);
  if (!where.ok) return where;
  const read = readRegularFile(where.real, file, DEFAULT_MAX_FILE_SIZE);
  if (!read.ok) return { ok: false, reason: read.problem.reason };
  return { ok: true, text: read.text, sha256: sha256(read.text) };
}

/**
 * Replaces the text of `file` atomically, as an admin's editor would not: the new text is
 * written beside it (same directory, so the rename cannot cross file systems), given the old
 * file's mode and owner, flushed, then renamed over it; a reader sees the old file or the new
 * one, never half of one. Refused when the file is not inside `root` or its text is no longer
 * the one whose hash is `expected` (it changed since it was read: the edits may not fit it).
 */
export function replaceFileUnderRoot(root: string, file: string, expected: string, text: string): { ok: true } | { ok: false; reason: string } {
  const where = confined(root, file);
  if (!where.ok) return where;
  const current = readRegularFile(where.real, file, DEFAULT_MAX_FILE_SIZE);
  if (!current.ok) return { ok: false, reason: current.problem.reason };
  if (sha256(current.text) !== expected) return { ok: false, reason: 'changed since it was read' };
  const old = lstatSync(where.real);
  const temp = path.join(path.dirname(where.real), `.${path.basename(where.real)}.privacy-lint-${randomBytes(6).toString('hex')}`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    writeSync(fd, text, null, 'utf8');
    // Owner before mode: chown clears set-id bits. Only root may give a file away; for anyone
    // else the owner is theirs already, or the write is refused rather than changing hands.
    const made = fstatSync(fd);
    if (made.uid !== old.uid || made.gid !== old.gid) fchownSync(fd, old.uid, old.gid);
    fchmodSync(fd, old.mode & 0o7777);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, where.real);
    return { ok: true };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Nothing was created, or it is gone already.
    }
    const code = (error as { code?: unknown }).code;
    return { ok: false, reason: `could not be written (${typeof code === 'string' ? code : String(error)})` };
  }
}
