import type { Diagnostic } from '../../../inventory/diagnostic.js';
import type { ShellWord } from '../../scheduled-jobs/shell-words.js';
import { wordAt, type Invocation } from '../borg/tool-invocations.js';
import { parseResticDuration, type KeepPolicy, type KeepUnit } from '../keep-rules.js';

/** Global options that take a value (restic 0.17 cmd/restic/global.go), so the value is not the subcommand. */
const GLOBAL_WITH_VALUE = new Set([
  '-r', '--repo', '--repository-file', '-p', '--password-file', '--password-command', '--cache-dir', '-o', '--option',
  '--limit-upload', '--limit-download', '--key-hint', '--tls-client-cert', '--cacert', '--pack-size', '--compression',
  '--stuck-request-timeout', '--retry-lock',
]);

/** `restic backup` options that take a value (restic 0.17 cmd/restic/cmd_backup.go). */
const BACKUP_WITH_VALUE = new Set([
  '--tag', '--host', '-H', '--exclude', '-e', '--iexclude', '--exclude-file', '--iexclude-file', '--files-from',
  '--files-from-raw', '--files-from-verbatim', '--stdin-filename', '--parent', '--time', '--exclude-larger-than',
  '--exclude-if-present', '--read-concurrency', '--group-by', '-g', '--stdin-from-command',
]);

/** restic forget's keep flags (restic 0.17 cmd/restic/cmd_forget.go) and their short forms. */
export const RESTIC_KEEP_FLAGS: Record<string, KeepUnit> = {
  '--keep-last': 'last', '-l': 'last',
  '--keep-hourly': 'hourly', '-H': 'hourly',
  '--keep-daily': 'daily', '-d': 'daily',
  '--keep-weekly': 'weekly', '-w': 'weekly',
  '--keep-monthly': 'monthly', '-m': 'monthly',
  '--keep-yearly': 'yearly', '-y': 'yearly',
};
export const RESTIC_WITHIN_FLAGS: Record<string, Exclude<KeepUnit, 'last' | 'secondly' | 'minutely' | '13weekly' | '3monthly'> | undefined> = {
  '--keep-within': undefined,
  '--keep-within-hourly': 'hourly',
  '--keep-within-daily': 'daily',
  '--keep-within-weekly': 'weekly',
  '--keep-within-monthly': 'monthly',
  '--keep-within-yearly': 'yearly',
};
const FORGET_OTHER_WITH_VALUE = new Set(['--keep-tag', '--tag', '--host', '--path', '--group-by', '-g', '--max-unused', '--max-repack-size']);

export interface ResticCommand {
  inv: Invocation;
  subcommand: string | undefined;
  repo: string | undefined;
  /** Positional arguments of the subcommand. */
  args: ShellWord[];
  flags: Map<string, ShellWord | true>;
  insecureNoPassword: ShellWord | undefined;
}

/** Splits a restic command line into global options, the subcommand, its options and arguments. */
export function readResticCommand(inv: Invocation): ResticCommand {
  const out: ResticCommand = { inv, subcommand: undefined, repo: undefined, args: [], flags: new Map(), insecureNoPassword: undefined };
  const words = inv.words;
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as ShellWord;
    let name = w.value;
    let value: ShellWord | true = true;
    if (name.startsWith('-') && name !== '-') {
      const eq = name.indexOf('=');
      if (name.startsWith('--') && eq > 0) {
        const skip = eq + 1;
        value = { value: name.slice(skip), offsets: w.offsets.slice(skip), start: w.offsets[skip] ?? w.start };
        name = name.slice(0, eq);
      } else if (
        GLOBAL_WITH_VALUE.has(name) ||
        (out.subcommand === 'backup' && BACKUP_WITH_VALUE.has(name)) ||
        (out.subcommand === 'forget' && (name in RESTIC_KEEP_FLAGS || name in RESTIC_WITHIN_FLAGS || FORGET_OTHER_WITH_VALUE.has(name)))
      ) {
        const next = words[i + 1];
        if (next) value = next;
        i++;
      }
      if (name === '--insecure-no-password') out.insecureNoPassword = w;
      if ((name === '-r' || name === '--repo') && value !== true) out.repo = value.value;
      if (out.subcommand === 'forget' && name === '--keep-tag' && out.flags.has(name)) name = `${name}#${i}`;
      out.flags.set(name, value);
      continue;
    }
    if (out.subcommand === undefined) out.subcommand = name;
    else out.args.push(w);
  }
  return out;
}

/** The keep policy of a `restic forget` command; bad values become diagnostics. */
export function forgetPolicy(cmd: ResticCommand, diagnostics: Diagnostic[]): KeepPolicy & { invalid: string[] } {
  const policy: KeepPolicy & { invalid: string[] } = { counts: [], within: [], forever: [], invalid: [] };
  for (const [flag, value] of cmd.flags) {
    const name = flag.replace(/#\d+$/, '');
    if (value === true) continue;
    const at = wordAt(cmd.inv, value);
    const text = `${name} ${value.value}`;
    const unit = RESTIC_KEEP_FLAGS[name];
    if (unit) {
      // restic 0.16.0+: `unlimited` keeps all; negative counts are rejected (earlier -1 = unlimited).
      if (value.value === 'unlimited' || /^-\d+$/.test(value.value)) policy.counts.push({ unit, count: Infinity, text, at });
      else if (/^\d+$/.test(value.value)) policy.counts.push({ unit, count: Number(value.value), text, at });
      else {
        diagnostics.push({ code: /^\$/.test(value.value) ? 'unknown-value' : 'config-error', message: `restic: ${name} needs a count, not "${value.value}"`, position: at });
        policy.invalid.push(text);
      }
      continue;
    }
    if (name in RESTIC_WITHIN_FLAGS) {
      const seconds = parseResticDuration(value.value);
      if (seconds === undefined) {
        diagnostics.push({
          code: /^\$/.test(value.value) ? 'unknown-value' : 'config-error',
          message: `restic: ${name} needs a duration of y, m, d and h (e.g. 7d), not "${value.value}"`,
          position: at,
        });
        policy.invalid.push(text);
      } else {
        const within = RESTIC_WITHIN_FLAGS[name];
        policy.within.push({ seconds, text, at, ...(within ? { unit: within } : {}) });
      }
      continue;
    }
    if (name === '--keep-tag') policy.forever.push({ text, at });
  }
  return policy;
}
