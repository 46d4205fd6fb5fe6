import type { SourcePosition } from '../../inventory/evidence.js';
import type { CleanupAction } from './job-model.js';
import type { ShellWord, SimpleCommand } from './shell-words.js';
import { baseName } from './unwrap-command.js';

const REMOVERS = new Set(['rm', 'unlink', 'shred']);
// find(1) (GNU findutils 4.9): `-Xtime n` counts 24-hour periods, fractions dropped, so
// `+N` means at least N+1 days old; `-Xmin +M` means more than M minutes old.
const DAY_TESTS = new Set(['-mtime', '-atime', '-ctime']);
const MINUTE_TESTS = new Set(['-mmin', '-amin', '-cmin']);

/**
 * `find DIR... [tests] -mtime +N -delete` and its variants (`-exec rm {} +`, `-execdir rm`,
 * `| xargs rm`, `-mmin +M`): one action per starting directory. A find that removes nothing,
 * or has no `+N` age test, is not a retention bound and gives no action. With several age tests
 * every one must hold, so the largest threshold is the one that bounds what is deleted.
 */
export function recogniseFind(words: ShellWord[], pipedTo: SimpleCommand | undefined, at: SourcePosition): CleanupAction[] {
  let i = 1;
  // Leading options: -H -L -P -D debugopts -Olevel.
  while (i < words.length && /^-([HLP]|D|O\d*)$/.test((words[i] as ShellWord).value)) {
    i += (words[i] as ShellWord).value === '-D' ? 2 : 1;
  }
  const directories: string[] = [];
  while (i < words.length) {
    const v = (words[i] as ShellWord).value;
    if (v.startsWith('-') || v === '(' || v === '!' || v === ',') break;
    directories.push(v);
    i++;
  }
  let olderThan: number | undefined;
  let rounding = 0;
  let deletes = false;
  const filters: string[] = [];
  while (i < words.length) {
    const v = (words[i] as ShellWord).value;
    const arg = words[i + 1]?.value;
    if ((DAY_TESTS.has(v) || MINUTE_TESTS.has(v)) && arg !== undefined) {
      const m = /^\+(\d+)$/.exec(arg);
      if (m) {
        const n = Number(m[1]);
        const seconds = DAY_TESTS.has(v) ? n * 86400 : n * 60;
        if (olderThan === undefined || seconds > olderThan) {
          olderThan = seconds;
          rounding = DAY_TESTS.has(v) ? 86400 : 0;
        }
      }
      if (v !== '-mtime' && v !== '-mmin') filters.push(`${v} ${arg}`);
      i += 2;
      continue;
    }
    if (v === '-delete') {
      deletes = true;
      i++;
      continue;
    }
    if (v === '-exec' || v === '-execdir' || v === '-ok' || v === '-okdir') {
      if (REMOVERS.has(baseName(words[i + 1]))) deletes = true;
      i++;
      while (i < words.length && words[i]?.value !== ';' && words[i]?.value !== '+') i++;
      i++;
      continue;
    }
    if (v.startsWith('-') && arg !== undefined && !arg.startsWith('-') && arg !== '(' && arg !== ')' && arg !== '!') {
      filters.push(`${v} ${arg}`);
      i += 2;
      continue;
    }
    filters.push(v);
    i++;
  }
  if (!deletes && pipedTo && baseName(pipedTo.words[0]) === 'xargs') {
    deletes = pipedTo.words.slice(1).some((w) => REMOVERS.has(baseName(w)));
  }
  if (!deletes || olderThan === undefined) return [];
  // GNU find starts from `.` when no starting point is given.
  if (directories.length === 0) directories.push('.');
  const seconds = olderThan;
  return directories.map((directory) => ({ kind: 'delete-files-older-than', directory, olderThan: seconds, rounding, filters: [...filters], at }));
}
