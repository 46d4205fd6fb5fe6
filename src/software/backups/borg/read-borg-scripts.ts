import type { RootFiles } from '../../../files/root-files.js';
import type { Evidence, SourcePosition, Tri } from '../../../inventory/evidence.js';
import type { SoftwareReading } from '../../../inventory/log-retention.js';
import type { BackupPractice, Retention } from '../../../inventory/practice.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { borgBounds, retentionFromBounds } from '../keep-rules.js';
import { withKeepEdit } from '../keep-edit.js';
import type { EnvAssignment } from '../restic/env-file.js';
import { jobEnvironment } from '../restic/job-environment.js';
import { readBorgCommand, pruneKeepPolicy, type BorgCommand } from './borg-command.js';
import { BORG_ENCRYPT_FIX, borgModeEncrypts } from './encryption-mode.js';
import { intervalOfCommands, scheduling } from './interval-from-jobs.js';
import { forever, longestSeconds, nominalSeconds, unknownFigure } from '../../../inventory/retention.js';
import { findInvocations, wordAt } from './tool-invocations.js';
import { appendAll } from '../../../arrays/append-all.js';
import { groupInto } from '../../../arrays/group-into.js';

const FIX_TEMPLATE = 'borg prune --keep-within {{days}}d REPO, then borg compact REPO (and no other --keep-* option)';
const CREATE_COMMANDS = new Set(['create']);
const INIT_COMMANDS = new Set(['init', 'rcreate', 'repo-create']);


/**
 * borg run from scripts and cron (borg 1.2 docs: borg init, create, prune, compact): each scheduled `borg create`, with the
 * `borg init`/`repo-create`, `borg prune` and `borg compact` on the same repository.
 * borgmatic's own borg calls are not seen here (they are inside borgmatic).
 */
export function readBorgScripts(files: RootFiles, jobs: ScheduledJob[]): SoftwareReading {
  const reading: SoftwareReading = { files: [], searched: [], diagnostics: [], practices: [], logRetention: [] };
  const filesRead = new Set<string>();
  const commands = findInvocations(files, jobs, 'borg').map(readBorgCommand);
  const envs = new Map<BorgCommand, Map<string, EnvAssignment>>();
  for (const c of commands) envs.set(c, jobEnvironment(files, c.inv, filesRead, reading.diagnostics));
  const env = (c: BorgCommand): Map<string, EnvAssignment> => envs.get(c) ?? new Map<string, EnvAssignment>();
  const repoOf = (c: BorgCommand): string | undefined => c.repo ?? env(c).get('BORG_REPO')?.value;
  const groups = new Map<string, BorgCommand[]>();
  // A script's line is one place for every job reaching the script: its key is made once.
  const placeKeys = new Map<SourcePosition, string>();
  for (const c of commands) {
    if (!CREATE_COMMANDS.has(c.subcommand ?? '')) continue;
    const { at } = c.inv;
    let key = placeKeys.get(at);
    if (key === undefined) placeKeys.set(at, (key = `${at.file}:${at.line}:${at.column}`));
    groupInto(groups, key, c);
  }
  // The commands on one repository (or, without a known one, in one script), indexed once: each
  // create looked through every command, quadratic in a crontab of 20,000 borg lines.
  const relatedKey = (c: BorgCommand, repo = repoOf(c)): string => (repo !== undefined ? `repo:${repo}` : `script:${c.inv.script.file}`);
  const byRelatedKey = new Map<string, BorgCommand[]>();
  for (const c of commands) groupInto(byRelatedKey, relatedKey(c), c);
  for (const group of groups.values()) {
    const create = group[0] as BorgCommand;
    const repo = repoOf(create);
    const related = byRelatedKey.get(relatedKey(create, repo)) ?? [];
    const { interval, neverScheduled } = scheduling(files, group.map((c) => c.inv), 'borg create');
    const enc = readEncryption(related, env(create));
    const practice: BackupPractice = {
      kind: 'backup',
      subject: { software: 'borg', name: repo ?? (files.system(create.inv.script.file) ?? create.inv.script.file), kind: 'backup' },
      evidence: [{ ...create.inv.at, note: `borg create${repo ? ` in ${repo}` : ''}` }, ...enc.evidence],
      tool: 'borg',
      encrypted: enc.encrypted,
      encryption: enc.encryption,
      retention: readRetention(files, create, related, interval, reading),
      interval,
      contents: readContents(create),
      ...(neverScheduled ? { neverScheduled } : {}),
    };
    if (enc.encrypted !== true) practice.encryptFix = BORG_ENCRYPT_FIX;
    reading.practices.push(practice);
  }
  appendAll(reading.files, [...filesRead].sort());
  return reading;
}

/** borg 1.2 `borg init --encryption`: the init mode decides; otherwise the passphrase variables are evidence. */
function readEncryption(related: BorgCommand[], env: Map<string, EnvAssignment>): { encrypted: Tri; encryption: string; evidence: Evidence[] } {
  const init = ofSubcommand(related, 'init-with-mode').at(0);
  const mode = init ? (init.flags.get('-e') ?? init.flags.get('--encryption')) : undefined;
  if (init && mode && mode !== true) {
    return {
      encrypted: borgModeEncrypts(mode.value),
      encryption: `borg ${init.subcommand} --encryption ${mode.value}`,
      evidence: [{ ...wordAt(init.inv, mode), note: `repository created with --encryption ${mode.value}` }],
    };
  }
  const pass = env.get('BORG_PASSPHRASE');
  const secret = ['BORG_PASSCOMMAND', 'BORG_PASSPHRASE_FD', 'BORG_KEY_FILE'].map((n) => env.get(n)).find((a) => a !== undefined && a.value !== '');
  if (pass && pass.value === '' && !secret) {
    return { encrypted: false, encryption: 'BORG_PASSPHRASE is empty', evidence: [{ ...pass.at, note: 'BORG_PASSPHRASE is empty: a repokey repository with an empty passphrase opens for anyone holding it' }] };
  }
  const ok = env.get('BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK');
  const okYes = ok !== undefined && /^(yes|1|true)$/i.test(ok.value);
  const given = pass && pass.value !== '' ? pass : secret;
  if (given && okYes) {
    return {
      encrypted: 'unknown',
      encryption: `${given.name} and BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK both set`,
      evidence: [{ ...given.at, note: `${given.name} set` }, { ...ok.at, note: 'BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes' }],
    };
  }
  if (given) {
    return {
      encrypted: true,
      encryption: `${given.name} set (encryption inferred: a passphrase is used only by an encrypted repository)`,
      evidence: [{ ...given.at, note: `${given.name} is set: assumed encrypted, since the repository's mode was fixed by borg init` }],
    };
  }
  if (okYes) {
    return { encrypted: false, encryption: 'BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes, no passphrase', evidence: [{ ...ok.at, note: 'BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes lets borg use an unencrypted repository' }] };
  }
  return {
    encrypted: 'unknown',
    encryption: 'no borg init line and no passphrase variable: the mode was fixed when the repository was created (keyfile mode needs no passphrase)',
    evidence: [],
  };
}

function readRetention(files: RootFiles, create: BorgCommand, related: BorgCommand[], interval: BackupPractice['interval'], reading: SoftwareReading): Retention {
  const unbounded = (description: string, evidence: Evidence[]): Retention => forever(description, { fixTemplate: FIX_TEMPLATE, evidence });
  const prunes = ofSubcommand(related, 'prune');
  const prune = prunes.find((c) => !c.flags.has('-n') && !c.flags.has('--dry-run'));
  if (!prune) {
    const dry = prunes[0];
    return dry
      ? unbounded('borg prune runs only with --dry-run, which deletes nothing', [{ ...dry.inv.at, note: 'borg prune --dry-run' }])
      : unbounded('no borg prune runs for this repository, so archives are kept for ever', []);
  }
  const policy = pruneKeepPolicy(prune, reading.diagnostics);
  const evidence: Evidence[] = [...policy.within, ...policy.counts].map((r) => ({ ...r.at, note: r.text }));
  if (policy.invalid.length > 0) {
    const why = `borg prune cannot be read: ${policy.invalid.join('; ')}`;
    return unknownFigure(why, why, { fixTemplate: FIX_TEMPLATE, evidence });
  }
  // borg 1.2+ frees the chunks of pruned archives only at `borg compact` (borg 1.2 docs `borg compact`).
  if (ofSubcommand(related, 'compact').length === 0) {
    return unbounded('borg prune runs but borg compact never does: borg 1.2 and later free the data of pruned archives only at compact', [{ ...prune.inv.at, note: 'borg prune without borg compact' }, ...evidence]);
  }
  const pruneInterval = intervalOfCommands(files, prunes, 'borg prune');
  if (pruneInterval.bound !== 'time') return unbounded(`borg prune is never run periodically: ${pruneInterval.reason}`, [{ ...prune.inv.at, note: 'borg prune' }, ...evidence]);
  const sameJob = prune.inv.job === create.inv.job;
  const createGap = longestSeconds(interval);
  const lateBy = createGap === undefined ? undefined : createGap + (sameJob ? 0 : (longestSeconds(pruneInterval) ?? 0));
  const bounds = borgBounds(policy, nominalSeconds(interval), lateBy);
  const filtered = ['-P', '--prefix', '-a', '--glob-archives', '--match-archives'].find((f) => prune.flags.has(f));
  const notes: string[] = [];
  if (filtered) notes.push(`only archives matching ${filtered} are pruned; others are kept for ever`);
  if (bounds.nominal !== undefined && bounds.nominal !== Infinity) notes.push('keep counts skip periods without a backup, so if backups stop, old archives stay');
  return withKeepEdit(retentionFromBounds(bounds, notes, lateBy, '', FIX_TEMPLATE, evidence), policy, nominalSeconds(interval), 'borg prune');
}

function readContents(create: BorgCommand): BackupPractice['contents'] {
  // borg 1: REPO::ARCHIVE PATH...; borg 2: -r REPO ARCHIVE PATH...
  const paths = create.args.slice(1).map((w) => w.value);
  const known = !paths.some((p) => p.includes('$')) && !create.flags.has('--paths-from-command') && !create.flags.has('--content-from-command') && !create.flags.has('--patterns-from');
  return { paths: paths.filter((p) => !p.includes('$')), databases: [], known };
}

/**
 * The commands of one subcommand among a repository's commands, sorted once per list: every
 * create on the repository asks, and a crontab of 20,000 borg lines made that quadratic.
 * 'init-with-mode' is an init (or rcreate, repo-create) that names its --encryption mode.
 */
function ofSubcommand(related: BorgCommand[], kind: 'prune' | 'compact' | 'init-with-mode'): BorgCommand[] {
  let byKind = subcommandsOf.get(related);
  if (byKind === undefined) {
    byKind = new Map<string, BorgCommand[]>();
    for (const c of related) {
      if (c.subcommand === 'prune' || c.subcommand === 'compact') groupInto(byKind, c.subcommand, c);
      else if (INIT_COMMANDS.has(c.subcommand ?? '') && (c.flags.get('-e') ?? c.flags.get('--encryption'))) groupInto(byKind, 'init-with-mode', c);
    }
    subcommandsOf.set(related, byKind);
  }
  return byKind.get(kind) ?? [];
}

const subcommandsOf = new WeakMap<BorgCommand[], Map<string, BorgCommand[]>>();
