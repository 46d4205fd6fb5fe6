import * as path from 'node:path';
import type { FileProblem } from '../../files/file-problem.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import { refusal, report, type FileContext, type LoaderState, type WriteRecord } from './eval-state.js';
import { evaluateFile } from './evaluate-file.js';
import {
  configDirOf,
  isGlobInclude,
  listGlobMatches,
  resolveRelativePath,
  splitGlobInclude,
} from './resolve-include.js';
import { sameValue } from './value-equality.js';

/** An Include problem; it stops Prosody (when the Include surely runs) unless `refuses` is false. */
function includeError(state: LoaderState, at: SourcePosition, message: string, refuses: boolean): void {
  if (refuses) refusal(state, 'include-error', at, message);
  else report(state, 'include-error', at, message);
}

/** What Lua's io.open and lfs.dir say for a file that is not there (strerror, capitalised). */
function errnoText(problem: FileProblem): string {
  if (problem.errno === 'ENOTDIR') return 'Not a directory';
  if (problem.kind === 'directory') return 'Is a directory';
  return 'No such file or directory';
}

/** A file that is there but that privacy-lint may not or will not read: not Prosody's refusal. */
function notRead(state: LoaderState, problem: FileProblem): boolean {
  if (problem.kind === 'absent' || problem.kind === 'directory') return false;
  state.rootFiles.reported(problem);
  return true;
}

/** A non-wildcard Include of a virtual path (configmanager.lua:233-246). */
function includeOne(ctx: FileContext, virtualPath: string, at: SourcePosition): void {
  const state = ctx.state;
  const files = state.rootFiles;
  const mapped = { disk: files.host(virtualPath) };
  const over = files.include(virtualPath);
  if (over) {
    files.reported(over);
    includeError(state, at, `Include of ${virtualPath} is ${over.reason}`, false);
    return;
  }
  const loaded = files.load(virtualPath);
  if (!loaded.ok && notRead(state, loaded.problem)) {
    includeError(state, at, `Include of ${virtualPath} is not read: ${loaded.problem.reason}`, false);
    return;
  }
  if (!loaded.ok) {
    const shown = mapped.disk === virtualPath || loaded.problem.kind === 'directory' ? '' : ` (looked for ${mapped.disk})`;
    includeError(state, at, `Error loading included ${virtualPath}: ${errnoText(loaded.problem)}${shown}`, true);
    return;
  }
  // Identity for cycles: the file after links (system paths, shown without their leading slash).
  const real = loaded.path;
  if (state.includeStack.includes(real)) {
    const cycle = [...state.includeStack.slice(state.includeStack.indexOf(real)), real]
      .map((p) => p.slice(1) || p)
      .join(' → ');
    includeError(state, at, `Include cycle (${cycle}): Prosody would include these files until it runs out of stack`, true);
    return;
  }
  state.includeStack.push(real);
  try {
    evaluateFile(state, path.normalize(mapped.disk), virtualPath, loaded.text, real);
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
  const mapped = { disk: state.rootFiles.host(split.dir) };
  const listing = state.rootFiles.listing(split.dir);
  if (!listing.ok && notRead(state, listing.problem)) {
    includeError(state, at, `Include "${pattern}" is not read: ${listing.problem.reason}`, false);
    return;
  }
  if (!listing.ok) {
    // lfs.dir raises for a missing directory.
    const shown = mapped.disk === split.dir ? '' : `, looked in ${mapped.disk}`;
    includeError(state, at, `cannot open ${split.dir}: ${errnoText(listing.problem)} (Include "${pattern}"${shown})`, true);
    return;
  }
  const names = listGlobMatches(listing.names, split.glob);
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
