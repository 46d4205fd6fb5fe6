import { TextCache } from '../../../arrays/text-cache.js';
import type { EditProposal } from '../../../inventory/edit.js';
import type { RootFiles } from '../../../files/root-files.js';
import type { SourcePosition, Tri } from '../../../inventory/evidence.js';
import type { SoftwareReading } from '../../../inventory/log-retention.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { jobTexts } from '../dump-scripts/job-texts.js';
import { findInvocations, type Invocation } from '../dump-scripts/tool-invocations.js';
import { chainRetention, type FullEvery, type Removal } from './chain-retention.js';
import { readDuplicityArgs, type DuplicityRun } from './duplicity-invocation.js';
import { describeDuration } from '../../../config/duration.js';
import { parseDuplicityInterval } from './duplicity-time.js';
import { scheduling } from '../borg/interval-from-jobs.js';

interface Located {
  run: DuplicityRun;
  invocation: Invocation;
  job: ScheduledJob;
}

/**
 * `NAME=value` lines of a script whose value has no expansion, for `$TARGET`-style arguments.
 * Read once per script text: every duplicity line of a script asks, and a script of thousands of
 * them read itself again for each (the fuzzer's repeated lines).
 */
export function plainAssignments(text: string): Map<string, string> {
  let vars = assignmentsByText.get(text);
  if (vars === undefined) assignmentsByText.set(text, (vars = readPlainAssignments(text)));
  return vars;
}

const assignmentsByText = new TextCache<Map<string, string>>(1024);

function readPlainAssignments(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const m of text.matchAll(/^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=(?:'([^'\n]*)'|"([^"$`\n]*)"|([^\s'"$`;]*))[ \t]*(?:#.*)?$/gm)) {
    vars.set(m[1] as string, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return vars;
}

function expand(value: string | undefined, vars: Map<string, string>): string | undefined {
  return value?.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a?: string, b?: string) => vars.get((a ?? b) as string) ?? m);
}

/**
 * duplicity run directly from scheduled jobs (duplicity 0.8.22 duplicity(1)): one backup practice per
 * target URL that a job backs up to. Encrypted unless --no-encryption (duplicity encrypts with
 * GnuPG by default: symmetric with PASSPHRASE, or --encrypt-key); retention from scheduled
 * remove-older-than / remove-all-but-n-full with --force and the full-chain caveat.
 */
export function readDuplicity(files: RootFiles, jobs: ScheduledJob[]): SoftwareReading {
  const reading: SoftwareReading = { files: [], searched: [], diagnostics: [], practices: [], logRetention: [] };
  const { texts } = jobTexts(files, jobs);
  const runs: Located[] = [];
  for (const invocation of findInvocations(texts, new Set(['duplicity']))) {
    const vars = plainAssignments(invocation.source.text);
    const run = readDuplicityArgs(invocation.args, invocation.argsAt, invocation.at);
    const target = expand(run.target, vars);
    const source = expand(run.source, vars);
    if (target !== undefined) run.target = target;
    if (source !== undefined) run.source = source;
    runs.push({ run, invocation, job: invocation.source.job });
    if (invocation.source.scriptPath && !reading.files.includes(invocation.source.at.file)) reading.files.push(invocation.source.at.file);
  }
  for (const r of runs) {
    if (isBackup(r.run) && r.run.target === undefined) {
      // duplicity 0.8 commandline.py: "Command line error: Expected 2 args, got N"; nothing is backed up.
      reading.diagnostics.push({ code: 'config-warning', message: 'duplicity is run without a source and a target URL: it stops with "Command line error: Expected 2 args", so this job backs up nothing', position: r.invocation.at });
    }
  }
  const targets = [...new Set(runs.filter((r) => isBackup(r.run) && r.run.target !== undefined).map((r) => r.run.target as string))];
  for (const target of targets) {
    const mine = runs.filter((r) => r.run.target === target);
    const backups = mine.filter((r) => isBackup(r.run));
    const first = backups[0] as Located;
    const { interval, neverScheduled } = scheduling(files, backups.map((b) => ({ job: b.job, at: b.invocation.at })), `duplicity backup to ${target}`);
    reading.practices.push({
      kind: 'backup',
      subject: { software: 'duplicity', name: target, kind: 'backup' },
      evidence: [{ ...first.invocation.at, note: `duplicity backs up to ${target}` }],
      tool: 'duplicity',
      ...encryptionOf(backups),
      retention: chainRetention(removals(mine), fullEvery(backups), `duplicity remove-older-than {{days}}D --force ${target}`),
      interval,
      ...(neverScheduled ? { neverScheduled } : {}),
      contents: {
        paths: [...new Set(backups.map((b) => b.run.source).filter((s): s is string => s !== undefined && s.startsWith('/')))],
        databases: [],
        known: backups.every((b) => b.run.source?.startsWith('/') === true && !b.run.source.includes('$')),
      },
    });
  }
  return reading;
}

function isBackup(run: DuplicityRun): boolean {
  return run.action === 'backup' || run.action === 'full' || run.action === 'incr';
}

function encryptionOf(backups: Located[]): { encrypted: Tri; encryption: string; encryptFix?: string } {
  const fix = 'remove --no-encryption and give --encrypt-key KEYID (duplicity encrypts with GnuPG unless told not to)';
  const plain = backups.find((b) => b.run.options.has('--no-encryption'));
  if (plain) return { encrypted: false, encryption: '--no-encryption', encryptFix: fix };
  const key = backups.flatMap((b) => [...(b.run.options.get('--encrypt-key') ?? []), ...(b.run.options.get('--hidden-encrypt-key') ?? [])])[0];
  if (key) return { encrypted: true, encryption: `GnuPG public key (--encrypt-key ${key.value})` };
  // Symmetric by default with PASSPHRASE from the environment (duplicity(1) ENVIRONMENT VARIABLES).
  const empty = backups.some((b) => /^[ \t]*(?:export[ \t]+)?PASSPHRASE=(?:''|""|)[ \t]*$/m.test(b.invocation.source.text));
  if (empty) {
    return {
      encrypted: 'unknown',
      encryption: 'PASSPHRASE is set to an empty string: GnuPG symmetric encryption with an empty passphrase protects nothing',
      encryptFix: fix,
    };
  }
  return { encrypted: true, encryption: 'GnuPG symmetric with PASSPHRASE (duplicity default)' };
}

function fullEvery(backups: Located[]): FullEvery | undefined {
  const options: FullEvery[] = [];
  for (const b of backups) {
    const run = b.run;
    // A scheduled `full` starts a new chain every run.
    const interval = b.job.schedule.worstCaseInterval;
    if (run.action === 'full' && interval !== undefined) {
      options.push({ seconds: interval, description: `every ${describeDuration(interval)} (duplicity full, ${b.job.schedule.description})`, at: run.at });
    }
    for (const o of run.options.get('--full-if-older-than') ?? []) {
      const s = parseDuplicityInterval(o.value);
      // The full happens at the first run after the age is reached.
      if (s !== undefined && interval !== undefined) options.push({ seconds: s, description: `every ${o.value} (--full-if-older-than)`, at: o.at });
    }
  }
  return options.sort((a, b) => a.seconds - b.seconds)[0];
}

/** `remove-older-than TIME` on the command's line: TIME becomes days (duplicity(1) TIME FORMATS: `30D`). */
function olderThanEdit(at: SourcePosition): EditProposal {
  return { at, find: /.*?\bremove-older-than\s+["']?(?<old>[0-9A-Za-z:+-]+)/, text: '{{days}}D' };
}

function removals(mine: Located[]): Removal[] {
  const out: Removal[] = [];
  for (const r of mine) {
    const force = r.run.options.has('--force');
    if (r.run.action === 'remove-older-than') {
      const s = parseDuplicityInterval(r.run.actionArg ?? '');
      if (s !== undefined) out.push({ kind: 'older-than', value: s, force, text: `remove-older-than ${r.run.actionArg}`, at: r.run.at, job: r.job, edit: olderThanEdit(r.run.at) });
    } else if (r.run.action === 'remove-all-but-n-full') {
      const n = Number(r.run.actionArg);
      if (Number.isInteger(n) && n > 0) out.push({ kind: 'all-but-n-full', value: n, force, text: `remove-all-but-n-full ${n}`, at: r.run.at, job: r.job });
    }
  }
  return out;
}

