import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourcePosition } from '../../inventory/evidence.js';
import { refusal, report, type FileContext, type LoaderState, type WriteRecord } from './eval-state.js';
import { evaluateFile } from './evaluate-file.js';
import {
  configDirOf,
  isGlobInclude,
  listGlobMatches,
  resolveRelativePath,
  splitGlobInclude,
  toDiskPath,
} from './resolve-include.js';
import { sameValue } from './value-equality.js';

/** An Include problem; it stops Prosody (when the Include surely runs) unless `refuses` is false. */
function includeError(state: LoaderState, at: SourcePosition, message: string, refuses: boolean): void {
  if (refuses) refusal(state, 'include-error', at, message);
  else report(state, 'include-error', at, message);
}

function errnoText(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'No such file or directory';
  if (code === 'EACCES') return 'Permission denied';
  if (code === 'ENOTDIR') return 'Not a directory';
  return e instanceof Error ? e.message : String(e);
}

/** A non-wildcard Include of a virtual path (configmanager.lua:233-246). */
function includeOne(ctx: FileContext, virtualPath: string, at: SourcePosition): void {
  const state = ctx.state;
  const mapped = toDiskPath(state.root, virtualPath);
  if (!mapped.ok) {
    includeError(state, at, `Include of ${virtualPath} is not read: ${mapped.reason}`, false);
    return;
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(mapped.disk);
  } catch (e) {
    const shown = mapped.disk === virtualPath ? '' : ` (looked for ${mapped.disk})`;
    includeError(state, at, `Error loading included ${virtualPath}: ${errnoText(e)}${shown}`, true);
    return;
  }
  if (stat.isDirectory()) {
    includeError(state, at, `Error loading included ${virtualPath}: Is a directory`, true);
    return;
  }
  const real = fs.realpathSync(mapped.disk);
  if (state.includeStack.includes(real)) {
    const cycle = [...state.includeStack.slice(state.includeStack.indexOf(real)), real]
      .map((p) => path.relative(state.root, p) || p)
      .join(' → ');
    includeError(state, at, `Include cycle (${cycle}): Prosody would include these files until it runs out of stack`, true);
    return;
  }
  state.includeStack.push(real);
  try {
    evaluateFile(state, path.normalize(mapped.disk), virtualPath);
  } finally {
    state.includeStack.pop();
  }
}

function describeSection(section: string): string {
  return section === '*' ? 'the global section' : `section "${section}"`;
}

/**
 * Files matched by one wildcard are read in filesystem order by Prosody, so when two of them set
 * the same option differently, which one wins depends on the disk. privacy-lint reads them in
 * name order and says so.
 */
function warnOrderDependent(ctx: FileContext, pattern: string, perFile: { file: string; writes: Map<string, WriteRecord> }[]): void {
  const seen = new Map<string, { file: string; record: WriteRecord }>();
  for (const { file, writes } of perFile) {
    for (const [key, record] of writes) {
      const earlier = seen.get(key);
      if (earlier && !sameValue(earlier.record.value, record.value)) {
        report(
          ctx.state,
          'config-warning',
          record.at,
          `Option '${record.name}' of ${describeSection(record.section)} is also set in ${path.basename(earlier.file)} ` +
            `(line ${earlier.record.at.line}) with another value; both files come from Include "${pattern}", which Prosody reads ` +
            `in directory order (not sorted), so which value wins depends on the filesystem (privacy-lint assumes name order)`,
        );
      }
      seen.set(key, { file, record });
    }
  }
}

/** A wildcard Include (configmanager.lua:212-232). */
function includeGlob(ctx: FileContext, pattern: string, at: SourcePosition): void {
  const state = ctx.state;
  const split = splitGlobInclude(ctx.virtualPath, pattern);
  if (!split) {
    includeError(state, at, `Include "${pattern}" ends with a path separator; Prosody fails on it`, true);
    return;
  }
  const mapped = toDiskPath(state.root, split.dir);
  if (!mapped.ok) {
    includeError(state, at, `Include "${pattern}" is not read: ${mapped.reason}`, false);
    return;
  }
  let names: string[];
  try {
    names = listGlobMatches(mapped.disk, split.glob);
  } catch (e) {
    // lfs.dir raises for a missing directory.
    const shown = mapped.disk === split.dir ? '' : `, looked in ${mapped.disk}`;
    includeError(state, at, `cannot open ${split.dir}: ${errnoText(e)} (Include "${pattern}"${shown})`, true);
    return;
  }
  const perFile: { file: string; writes: Map<string, WriteRecord> }[] = [];
  state.globDepth++;
  try {
    for (const name of names) {
      const start = state.writes.length;
      // env.Include(path..path_sep..f): each match goes through Include again.
      includeOne(ctx, `${split.dir.replace(/\/+$/, '')}/${name}`, at);
      const writes = new Map<string, WriteRecord>();
      for (const record of state.writes.slice(start)) writes.set(`${record.section}/${record.name}`, record);
      perFile.push({ file: name, writes });
    }
  } finally {
    state.globDepth--;
    if (state.globDepth === 0) state.writes.length = 0;
  }
  warnOrderDependent(ctx, pattern, perFile);
}

/** `Include "path"`: relative to the including file's directory, absolute paths under --root. */
export function includeConfig(ctx: FileContext, file: string, at: SourcePosition): void {
  if (isGlobInclude(file)) {
    includeGlob(ctx, file, at);
    return;
  }
  includeOne(ctx, resolveRelativePath(configDirOf(ctx.virtualPath), file), at);
}
