import type { RootFiles } from '../../../files/root-files.js';
import type { Evidence, Tri } from '../../../inventory/evidence.js';
import type { SoftwareReading } from '../../../inventory/log-retention.js';
import type { BackupPractice, Retention } from '../../../inventory/practice.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { intervalOfCommands, scheduling } from '../borg/interval-from-jobs.js';
import { forever, longestSeconds, nominalSeconds, unknownFigure } from '../../../inventory/retention.js';
import { findInvocations, wordAt } from '../borg/tool-invocations.js';
import { resticBounds, retentionFromBounds } from '../keep-rules.js';
import { dumpedDatabases } from './dump-producer.js';
import type { EnvAssignment } from './env-file.js';
import { forgetPolicy, readResticCommand, type ResticCommand } from './restic-command.js';
import { jobEnvironment } from './job-environment.js';
import { withKeepEdit } from '../keep-edit.js';
import { appendAll } from '../../../arrays/append-all.js';

const FIX_TEMPLATE = 'restic forget --keep-within {{days}}d --prune (and no other --keep-* option)';


/**
 * restic: every `restic backup` run by a scheduled job, with the `restic forget` and `restic
 * prune` runs on the same repository (restic 0.14 doc/040_backup.rst, doc/060_forget.rst). restic has no configuration file; the
 * repository and password come from flags, the unit's environment and sourced env files.
 */
export function readRestic(files: RootFiles, jobs: ScheduledJob[]): SoftwareReading {
  const reading: SoftwareReading = { files: [], searched: [], diagnostics: [], practices: [], logRetention: [] };
  const filesRead = new Set<string>();
  const commands = findInvocations(files, jobs, 'restic').map(readResticCommand);
  const envs = new Map<ResticCommand, Map<string, EnvAssignment>>();
  for (const c of commands) envs.set(c, jobEnvironment(files, c.inv, filesRead, reading.diagnostics));
  const env = (c: ResticCommand): Map<string, EnvAssignment> => envs.get(c) ?? new Map<string, EnvAssignment>();
  const repoOfCommand = (c: ResticCommand): string | undefined => {
    const file = c.flags.get('--repository-file');
    if (c.repo !== undefined) return c.repo;
    if (file && file !== true) return `file ${file.value}`;
    const e = env(c);
    return e.get('RESTIC_REPOSITORY')?.value ?? (e.get('RESTIC_REPOSITORY_FILE') ? `file ${e.get('RESTIC_REPOSITORY_FILE')?.value}` : undefined);
  };
  // Each command's repository once, and the commands grouped by it: a backup's forget and prune
  // runs are looked up, not searched for among every command again.
  const repos = new Map(commands.map((c) => [c, repoOfCommand(c)]));
  const repoOf = (c: ResticCommand): string | undefined => repos.get(c);
  const byRepo = new Map<string, ResticCommand[]>();
  for (const c of commands) {
    const key = repoOf(c) ?? `\0${c.inv.script.file}`;
    const list = byRepo.get(key);
    if (list) list.push(c);
    else byRepo.set(key, [c]);
  }
  const groups = new Map<string, ResticCommand[]>();
  for (const c of commands.filter((c) => c.subcommand === 'backup')) {
    const key = `${c.inv.at.file}:${c.inv.at.line}:${c.inv.at.column}`;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const reportedEmpty = new Set<string>();
  for (const group of groups.values()) {
    const backup = group[0] as ResticCommand;
    const repo = repoOf(backup);
    const related = byRepo.get(repo ?? `\0${backup.inv.script.file}`) ?? [];
    const { interval, neverScheduled } = scheduling(files, group.map((c) => c.inv), 'restic backup');
    const evidence: Evidence[] = [{ ...backup.inv.at, note: `restic backup${repo ? ` to ${repo}` : ''}` }];

    // Encryption: every restic repository is encrypted unless created and used with
    // --insecure-no-password (restic 0.17.0 CHANGELOG).
    let encrypted: Tri = true;
    let encryption = 'restic encrypts every repository (AES-256-CTR with Poly1305-AES)';
    const insecure = insecureOf(related);
    if (insecure?.insecureNoPassword) {
      encrypted = false;
      encryption = '--insecure-no-password: the repository has an empty password, so anyone holding it can read it';
      evidence.push({ ...wordAt(insecure.inv, insecure.insecureNoPassword), note: '--insecure-no-password' });
    } else {
      const e = env(backup);
      const source =
        backup.flags.get('--password-file') ?? backup.flags.get('-p') ?? backup.flags.get('--password-command');
      if (source && source !== true) evidence.push({ ...wordAt(backup.inv, source), note: `password from ${source.value}` });
      const named = ['RESTIC_PASSWORD_FILE', 'RESTIC_PASSWORD_COMMAND', 'RESTIC_PASSWORD'].map((n) => e.get(n)).find((a) => a !== undefined);
      if (named) evidence.push({ ...named.at, note: `${named.name} set` });
      const password = e.get('RESTIC_PASSWORD');
      if (password && password.value === '' && !source && !e.get('RESTIC_PASSWORD_FILE') && !e.get('RESTIC_PASSWORD_COMMAND')) {
        const key = `${password.at.file}:${password.at.line}`;
        if (!reportedEmpty.has(key)) {
          reportedEmpty.add(key);
          reading.diagnostics.push({
            code: 'config-error',
            message: 'restic: RESTIC_PASSWORD is empty; restic refuses an empty password without --insecure-no-password, so this backup fails',
            position: password.at,
          });
        }
      }
    }

    const practice: BackupPractice = {
      kind: 'backup',
      subject: { software: 'restic', name: repo ?? (files.system(backup.inv.script.file) ?? backup.inv.script.file), kind: 'backup' },
      evidence,
      tool: 'restic',
      encrypted,
      encryption,
      retention: readRetention(files, backup, related, interval, reading),
      interval,
      contents: readContents(backup),
      ...(neverScheduled ? { neverScheduled } : {}),
    };
    if (!encrypted) practice.encryptFix = 'restic init with a password (RESTIC_PASSWORD_FILE) into a new repository, and drop --insecure-no-password';
    reading.practices.push(practice);
  }
  appendAll(reading.files, [...filesRead].sort());
  return reading;
}

/** The forget runs that delete, once per repository's command list (every backup of it asks). */
const forgetLists = new WeakMap<ResticCommand[], ResticCommand[]>();
function forgetsOf(related: ResticCommand[]): ResticCommand[] {
  let found = forgetLists.get(related);
  if (found === undefined) {
    found = related.filter((c) => c.subcommand === 'forget' && !c.flags.has('--dry-run') && !c.flags.has('-n'));
    forgetLists.set(related, found);
  }
  return found;
}

/**
 * The first command of a repository's list with --insecure-no-password, once per list: every
 * backup to the repository asks (1,250 backup lines and 5,800 commands on one repository).
 */
const insecureInLists = new WeakMap<ResticCommand[], ResticCommand | undefined>();
function insecureOf(related: ResticCommand[]): ResticCommand | undefined {
  if (!insecureInLists.has(related)) insecureInLists.set(related, related.find((c) => c.insecureNoPassword));
  return insecureInLists.get(related);
}

/** The jobs that run a repository's forgets, once per list, so a backup's own job is looked up. */
const jobsOfLists = new WeakMap<ResticCommand[], Set<ScheduledJob>>();
function jobsOf(forgets: ResticCommand[]): Set<ScheduledJob> {
  let jobs = jobsOfLists.get(forgets);
  if (jobs === undefined) jobsOfLists.set(forgets, (jobs = new Set(forgets.map((f) => f.inv.job))));
  return jobs;
}

function readRetention(files: RootFiles, backup: ResticCommand, related: ResticCommand[], interval: BackupPractice['interval'], reading: SoftwareReading): Retention {
  const forgets = forgetsOf(related);
  const unbounded = (description: string, evidence: Evidence[]): Retention => forever(description, { fixTemplate: FIX_TEMPLATE, evidence });
  const forget = forgets[0];
  if (!forget) {
    const dry = related.find((c) => c.subcommand === 'forget');
    return unbounded(dry ? 'restic forget runs only with --dry-run, which deletes nothing' : 'no restic forget runs for this repository, so snapshots are kept for ever', dry ? [{ ...dry.inv.at, note: 'restic forget --dry-run' }] : []);
  }
  const policy = forgetPolicy(forget, reading.diagnostics);
  const evidence: Evidence[] = [...policy.within, ...policy.counts, ...policy.forever].map((r) => ({ ...r.at, note: r.text }));
  if (policy.invalid.length > 0) {
    const why = `restic forget cannot be read: ${policy.invalid.join('; ')}`;
    return unknownFigure(why, why, { fixTemplate: FIX_TEMPLATE, evidence });
  }
  // forget removes snapshot records only; the data goes with --prune or `restic prune` (restic 0.14 doc/060_forget.rst).
  const prunes = forget.flags.has('--prune') || related.some((c) => c.subcommand === 'prune');
  if (!prunes) return unbounded('restic forget runs without --prune and no restic prune runs, so the data of forgotten snapshots stays in the repository', [{ ...forget.inv.at, note: 'restic forget without --prune' }, ...evidence]);
  const tag = forget.flags.get('--tag');
  const backupTag = backup.flags.get('--tag');
  if (tag && tag !== true && !(backupTag && backupTag !== true && backupTag.value.split(',').some((t) => tag.value.split(',').includes(t)))) {
    return unbounded(`restic forget --tag ${tag.value} considers only snapshots tagged ${tag.value}, and this backup does not set that tag, so its snapshots are kept for ever`, [
      { ...wordAt(forget.inv, tag), note: `--tag ${tag.value}` },
      ...evidence,
    ]);
  }
  const forgetInterval = intervalOfCommands(files, forgets, 'restic forget');
  if (forgetInterval.bound !== 'time') return unbounded(`restic forget is never run periodically: ${forgetInterval.reason}`, [{ ...forget.inv.at, note: 'restic forget' }, ...evidence]);
  // A forget run by another job adds that job's gap: data is deleted at most one run late.
  const sameJob = jobsOf(forgets).has(backup.inv.job);
  const backupGap = longestSeconds(interval);
  const lateBy = backupGap === undefined ? undefined : backupGap + (sameJob ? 0 : (longestSeconds(forgetInterval) ?? 0));
  const bounds = resticBounds(policy, nominalSeconds(interval), lateBy);
  const notes: string[] = [];
  if (bounds.nominal !== undefined && bounds.nominal !== Infinity) notes.push('keep counts skip periods without a snapshot, so if backups stop, old snapshots stay');
  // restic forget --help: --host, --tag and --path limit which snapshots the policy is applied to.
  const filters = ['--host', '--tag', '--path'].filter((f) => forget.flags.has(f));
  if (filters.length > 0) notes.push(`only snapshots matching ${filters.join(', ')} are forgotten; others are kept for ever`);
  return withKeepEdit(retentionFromBounds(bounds, notes, lateBy, "restic's buckets are calendar periods, and ", FIX_TEMPLATE, evidence), policy, nominalSeconds(interval), 'restic forget');
}

function readContents(backup: ResticCommand): BackupPractice['contents'] {
  const paths: string[] = [];
  const databases: string[] = [];
  let known = true;
  const stdinFrom = backup.flags.get('--stdin-from-command');
  if (backup.flags.has('--stdin') || stdinFrom) {
    const producer = stdinFrom ? backup.args : backup.inv.pipedFrom?.words;
    const dbs = producer ? dumpedDatabases(producer) : undefined;
    if (dbs) appendAll(databases, dbs);
    else known = false;
  } else {
    for (const a of backup.args) {
      if (a.value.includes('$')) known = false;
      else paths.push(a.value);
    }
  }
  if (backup.flags.has('--files-from') || backup.flags.has('--files-from-raw') || backup.flags.has('--files-from-verbatim')) known = false;
  return { paths, databases, known };
}
