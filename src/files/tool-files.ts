import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, readRegularFile } from './regular-file.js';

/**
 * privacy-lint's own files, which are not part of the served system and so not under --root:
 * its configuration and policy, the built-in profiles, its package.json, the report it writes.
 * They are named by their paths on this machine. A configuration or policy is read like any
 * config: only a regular file within the size limit, never blocking on a FIFO or device.
 */

/** An error shaped like node:fs's (`code` when a system call failed), for the callers' messages. */
function fsError(message: string, code?: string): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

/** The text of one of the tool's input files; throws an fs-style error naming what is wrong. */
export function readToolFile(file: string, maxSize = DEFAULT_MAX_FILE_SIZE): string {
  const read = readRegularFile(path.resolve(file), file, maxSize);
  if (!read.ok) throw fsError(read.problem.reason, read.problem.errno);
  return read.text;
}

/**
 * Refuses, before a library opens it, an input file that is not a regular file (a FIFO would
 * block the read forever) or is over the size limit. Links are followed: the user named it.
 */
export function checkToolFile(file: string, maxSize = DEFAULT_MAX_FILE_SIZE): void {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    return; // The loader reports a missing file in its own words.
  }
  if (stats.isDirectory()) throw fsError('is a directory', 'EISDIR');
  if (!stats.isFile()) throw fsError('is not a regular file (a FIFO, socket or device): not read');
  if (stats.size > maxSize) throw fsError(`is ${stats.size} bytes, over the limit of ${maxSize} per file (--max-file-size): not read`);
}

/** Whether a path of the tool's own exists (a marker such as `.git`, a profile). */
export function toolPathExists(file: string): boolean {
  return existsSync(file);
}

/** Who owns a directory of the tool's own search and who may write to it, or undefined when it is not there. */
export function toolDirectoryAccess(directory: string): { uid: number; gid: number; mode: number } | undefined {
  try {
    const stats = statSync(directory);
    return stats.isDirectory() ? { uid: stats.uid, gid: stats.gid, mode: stats.mode } : undefined;
  } catch {
    return undefined;
  }
}

/** What a path named on the command line is: a directory, a file (or other entry), or nothing. */
export function toolPathKind(file: string): 'directory' | 'file' | undefined {
  try {
    return statSync(file).isDirectory() ? 'directory' : 'file';
  } catch {
    return undefined;
  }
}

/** The entry names of one of the tool's own directories (the built-in profiles). */
export function listToolDirectory(directory: string): string[] {
  return readdirSync(directory);
}

/** Writes the report (-o FILE), creating its directory. */
export function writeToolFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, 'utf8');
}

/** Appends to a file the tool was told to write to ($GITHUB_STEP_SUMMARY). */
export function appendToolFile(file: string, text: string): void {
  appendFileSync(file, text, 'utf8');
}

/**
 * Writes a file the user asked the tool to create (`init`). Without `overwrite` an existing file
 * is left alone and the write fails with EEXIST, checked by the same system call that creates it.
 */
export function createToolFile(file: string, text: string, overwrite: boolean): void {
  writeFileSync(file, text, { encoding: 'utf8', flag: overwrite ? 'w' : 'wx' });
}

/** A new empty folder under the system's temporary folder (RuleTester writes each case's tree there). */
export function makeToolTempDirectory(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Removes a folder this tool made (a RuleTester case's tree), with everything in it. */
export function removeToolDirectory(directory: string): void {
  rmSync(directory, { recursive: true, force: true });
}
