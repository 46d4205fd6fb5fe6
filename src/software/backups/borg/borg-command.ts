import type { Diagnostic } from '../../../inventory/diagnostic.js';
import type { ShellWord } from '../../scheduled-jobs/shell-words.js';
import { parseBorgInterval, type KeepPolicy, type KeepUnit } from '../keep-rules.js';
import { wordAt, type Invocation } from './tool-invocations.js';

/**
 * borg options that take a value (borg 1.2 `borg help`, common options and those of init,
 * create, prune, compact; borg 2 adds `-r/--repo`), so the value is not taken for an argument.
 */
const WITH_VALUE = new Set([
  '--lock-wait', '--umask', '--remote-path', '--rsh', '--upload-ratelimit', '--upload-buffer', '--debug-topic', '--debug-profile',
  '-r', '--repo', '-e', '--encryption', '--storage-quota', '--key-algorithm', '-C', '--compression', '--comment',
  '--timestamp', '-c', '--checkpoint-interval', '--chunker-params', '--exclude', '--exclude-from', '--pattern',
  '--patterns-from', '--exclude-if-present', '--files-cache', '--stdin-name', '--stdin-user', '--stdin-group',
  '--stdin-mode', '--paths-from-command', '--content-from-command', '-P', '--prefix', '-a', '--glob-archives',
  '--match-archives', '--keep-within', '--keep-last', '--keep-secondly', '--keep-minutely', '-H', '--keep-hourly', '-d',
  '--keep-daily', '-w', '--keep-weekly', '-m', '--keep-monthly', '-y', '--keep-yearly', '--keep-13weekly', '--keep-3monthly',
  '--threshold', '--other-repo', '--key-location', '--id-hash', '--format',
]);

/** borg prune keep flags (borg 1.2/1.4 `borg prune --help`); `--keep-last` is `--keep-secondly`. */
export const BORG_KEEP_FLAGS: Record<string, KeepUnit> = {
  '--keep-last': 'secondly', '--keep-secondly': 'secondly', '--keep-minutely': 'minutely',
  '-H': 'hourly', '--keep-hourly': 'hourly', '-d': 'daily', '--keep-daily': 'daily', '-w': 'weekly', '--keep-weekly': 'weekly',
  '-m': 'monthly', '--keep-monthly': 'monthly', '-y': 'yearly', '--keep-yearly': 'yearly',
  '--keep-13weekly': '13weekly', '--keep-3monthly': '3monthly',
};

export interface BorgCommand {
  inv: Invocation;
  subcommand: string | undefined;
  flags: Map<string, ShellWord | true>;
  args: ShellWord[];
  /** The repository as written (positional, `REPO::ARCHIVE`, or -r), before BORG_REPO. */
  repo: string | undefined;
}

/**
 * A borg command line read into its subcommand, flags and arguments. What the words say is read
 * once per command line (see parsedLines); only the invocation (the job running it) is each one's own.
 */
export function readBorgCommand(inv: Invocation): BorgCommand {
  let parsed = parsedLines.get(inv.words);
  if (parsed === undefined) parsedLines.set(inv.words, (parsed = parseBorgWords(inv.words)));
  return { inv, ...parsed };
}

/**
 * The reading of each command line's words: the words of a script's line are the same array for
 * every job reaching the script, so 5,000 timers running one `borg create` read it once. Shared:
 * callers must not change a command's flags or arguments.
 */
const parsedLines = new WeakMap<readonly ShellWord[], Omit<BorgCommand, 'inv'>>();

function parseBorgWords(words: readonly ShellWord[]): Omit<BorgCommand, 'inv'> {
  const out: Omit<BorgCommand, 'inv'> = { subcommand: undefined, flags: new Map(), args: [], repo: undefined };
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as ShellWord;
    let name = w.value;
    if (name.startsWith('-') && name !== '-') {
      let value: ShellWord | true = true;
      const eq = name.indexOf('=');
      if (name.startsWith('--') && eq > 0) {
        const skip = eq + 1;
        value = { value: name.slice(skip), offsets: w.offsets.slice(skip), start: w.offsets[skip] ?? w.start };
        name = name.slice(0, eq);
      } else if (WITH_VALUE.has(name) && !(name === '-d' && out.subcommand !== 'prune') && !(name === '-m' && out.subcommand !== 'prune')) {
        const next = words[i + 1];
        if (next) value = next;
        i++;
      }
      if ((name === '-r' || name === '--repo') && value !== true) out.repo = value.value;
      out.flags.set(name, value);
      continue;
    }
    if (out.subcommand === undefined) {
      out.subcommand = name;
      continue;
    }
    out.args.push(w);
  }
  const first = out.args[0]?.value;
  // borg 1: the first argument is REPO or REPO::ARCHIVE (`::ARCHIVE` uses BORG_REPO).
  if (out.repo === undefined && first !== undefined) {
    const sep = first.indexOf('::');
    if (sep > 0) out.repo = first.slice(0, sep);
    else if (sep < 0 && ['init', 'prune', 'compact', 'rcreate', 'repo-create'].includes(out.subcommand ?? '')) out.repo = first;
  }
  return out;
}

/** The keep policy of `borg prune`; values borg would refuse become diagnostics. */
export function pruneKeepPolicy(cmd: BorgCommand, diagnostics: Diagnostic[]): KeepPolicy & { invalid: string[] } {
  const policy: KeepPolicy & { invalid: string[] } = { counts: [], within: [], forever: [], invalid: [] };
  for (const [name, value] of cmd.flags) {
    if (value === true) continue;
    const at = wordAt(cmd.inv, value);
    const text = `${name} ${value.value}`;
    const unit = BORG_KEEP_FLAGS[name];
    if (unit) {
      if (/^-?\d+$/.test(value.value)) {
        const n = Number(value.value);
        // borg prune --help: a negative number of archives to keep means no limit.
        policy.counts.push({ unit: name === '--keep-last' ? 'last' : unit, count: n < 0 ? Infinity : n, text, at });
      } else {
        diagnostics.push({ code: value.value.includes('$') ? 'unknown-value' : 'config-error', message: `borg prune: ${name} needs a number, not "${value.value}"`, position: at });
        policy.invalid.push(text);
      }
    }
    if (name === '--keep-within') {
      const seconds = parseBorgInterval(value.value);
      if (seconds === undefined) {
        diagnostics.push({ code: value.value.includes('$') ? 'unknown-value' : 'config-error', message: `borg prune: --keep-within needs a number and one of H, d, w, m, y, not "${value.value}"`, position: at });
        policy.invalid.push(text);
      } else policy.within.push({ seconds, text, at });
    }
  }
  return policy;
}
