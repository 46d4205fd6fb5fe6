import type { Evidence } from '../../../inventory/evidence.js';
import type { SoftwareReading } from '../../../inventory/log-retention.js';
import type { BackupPractice, Interval, Retention } from '../../../inventory/practice.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { RootFiles } from '../../../files/root-files.js';
import { jobTexts } from '../dump-scripts/job-texts.js';
import { findInvocations, type Invocation } from '../dump-scripts/tool-invocations.js';
import { readRsnapshotConf, type RsnapshotConf } from './read-rsnapshot-conf.js';
import { describeDuration } from '../../../config/duration.js';
import { timeBound, unknownFigure } from '../../../inventory/retention.js';
import { scheduleInterval } from '../../scheduled-jobs/job-figures.js';
import { appendAll } from '../../../arrays/append-all.js';
import { groupInto } from '../../../arrays/group-into.js';

// rsnapshot 1.4.5 (Debian): the default config file is /etc/rsnapshot.conf (rsnapshot(1) "-c").
const DEFAULT_CONF = '/etc/rsnapshot.conf';

interface LevelRun {
  invocation: Invocation;
  job: ScheduledJob;
}

/**
 * rsnapshot: never encrypted (plain hard-linked trees under snapshot_root). The schedule comes
 * only from jobs running `rsnapshot [-c FILE] LEVEL`; the oldest snapshot lives through every
 * scheduled level: n1·p1 + Σ(n_i − 1)·p_i nominally, Σ n_i·p_i at worst (rsnapshot 1.4.5 rsnapshot(1): only the lowest level copies, each higher
 * level rotates in the oldest snapshot of the level below).
 */
export function readRsnapshot(files: RootFiles, jobs: ScheduledJob[]): SoftwareReading {
  const reading: SoftwareReading = { files: [], searched: [DEFAULT_CONF.slice(1)], diagnostics: [], practices: [], logRetention: [] };
  const { texts, files: scriptFiles } = jobTexts(files, jobs);
  const runs = new Map<string, Map<string, LevelRun[]>>();
  let usedScripts = false;
  for (const invocation of findInvocations(texts, new Set(['rsnapshot']))) {
    const parsed = parseArgs(invocation.args);
    if (!parsed.level) continue;
    if (invocation.source.scriptPath) usedScripts = true;
    const conf = parsed.conf ?? DEFAULT_CONF;
    const levels = runs.get(conf) ?? new Map<string, LevelRun[]>();
    runs.set(conf, levels);
    groupInto(levels, parsed.level, { invocation, job: invocation.source.job });
  }
  if (usedScripts) appendAll(reading.files, scriptFiles);
  const confPaths = [DEFAULT_CONF, ...[...runs.keys()].filter((c) => c !== DEFAULT_CONF)];
  for (const path of confPaths) {
    if (path !== DEFAULT_CONF) reading.searched.push(path.replace(/^\//, ''));
    const conf = readWithIncludes(files, path, reading, 0);
    if (!conf) continue;
    reading.practices.push(practiceFor(path, conf, runs.get(path) ?? new Map<string, LevelRun[]>()));
  }
  return reading;
}

function parseArgs(args: string[]): { conf?: string; level?: string } {
  const out: { conf?: string; level?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-c') out.conf = args[++i];
    else if (a.startsWith('-')) continue;
    else {
      out.level = a;
      break;
    }
  }
  return out;
}

function readWithIncludes(files: RootFiles, path: string, reading: SoftwareReading, depth: number): RsnapshotConf | undefined {
  const text = files.read(path);
  if (text === undefined) return undefined;
  const host = files.host(files.resolve(path) ?? path);
  reading.files.push(host);
  const conf = readRsnapshotConf(host, text);
  appendAll(reading.diagnostics, conf.diagnostics);
  for (const inc of conf.includes) {
    // include_conf with a backquoted command runs it (rsnapshot.conf(5)); never executed here.
    const included = depth < 8 && !inc.value.startsWith('`') ? readWithIncludes(files, inc.value, reading, depth + 1) : undefined;
    if (!included) {
      reading.diagnostics.push({ code: 'include-error', message: `include_conf ${inc.value}: not found under --root (or a command), its settings are unknown`, position: inc.at });
      // Its `backup` lines are unknown too, and so are its `retain` levels.
      conf.opaqueSources.push(inc);
      conf.unreadInclude = true;
      continue;
    }
    appendAll(conf.levels, included.levels);
    appendAll(conf.sources, included.sources);
    appendAll(conf.opaqueSources, included.opaqueSources);
    conf.snapshotRoot ??= included.snapshotRoot;
    conf.syncFirst ||= included.syncFirst;
    conf.unreadInclude ||= included.unreadInclude;
  }
  return conf;
}

function practiceFor(systemPath: string, conf: RsnapshotConf, runs: Map<string, LevelRun[]>): BackupPractice {
  const firstAt = conf.snapshotRoot?.at ?? conf.levels[0]?.at ?? { file: conf.file, line: 1, column: 1 };
  const evidence: Evidence[] = [{ ...firstAt, note: `rsnapshot config ${conf.file}` }];
  const chosen = conf.levels.map((level) => ({ level, run: shortest(runs.get(level.name) ?? []) }));
  const lowest = chosen[0];
  const { interval, neverScheduled } = intervalOf(conf, lowest, runs);
  const retention = retentionOf(chosen, conf.unreadInclude !== true);
  return {
    kind: 'backup',
    subject: { software: 'rsnapshot', name: systemPath, kind: 'backup' },
    evidence,
    tool: 'rsnapshot',
    encrypted: false,
    encryption: `rsnapshot stores plain hard-linked copies under snapshot_root${conf.snapshotRoot ? ` (${conf.snapshotRoot.value})` : ''}; it has no encryption`,
    retention,
    interval,
    contents: { paths: conf.sources.map((s) => s.value), databases: [], known: conf.opaqueSources.length === 0 },
    ...(neverScheduled ? { neverScheduled } : {}),
    encryptFix: 'rsnapshot cannot encrypt: put snapshot_root on an encrypted filesystem (LUKS), or back up with an encrypting tool (borg, restic, duplicity)',
  };
}

function shortest(list: LevelRun[]): LevelRun | undefined {
  // Only jobs that run count: a disabled timer or a job that never fires makes no snapshot.
  return list.filter((r) => r.job.runs).sort((a, b) => (a.job.schedule.worstCaseInterval ?? Infinity) - (b.job.schedule.worstCaseInterval ?? Infinity))[0];
}

function intervalOf(conf: RsnapshotConf, lowest: { level: { name: string }; run: LevelRun | undefined } | undefined, runs: Map<string, LevelRun[]>): { interval: Interval; neverScheduled?: string } {
  // With sync_first 1 the copy is made by `rsnapshot sync`; levels only rotate (rsnapshot.conf(5)).
  const run = conf.syncFirst ? shortest(runs.get('sync') ?? []) : lowest?.run;
  const what = conf.syncFirst ? 'rsnapshot sync' : `rsnapshot ${lowest?.level.name ?? '<lowest level>'}`;
  if (!run) {
    const why = `no cron line or timer runs \`${what}\` (Debian's /etc/cron.d/rsnapshot ships commented out), so no backups are made on a schedule`;
    return { interval: unknownFigure(why, `no schedule runs ${what}`), neverScheduled: why };
  }
  const interval = scheduleInterval(run.job.schedule, [{ ...run.invocation.at, note: `${what} runs ${run.job.schedule.description}` }]);
  return { interval: { ...interval, description: `${what}: ${run.job.schedule.description}` } };
}

/** `levelsKnown`: every include_conf was read, so no level is missing from `chosen`. */
function retentionOf(chosen: Array<{ level: { name: string; count: number; at: Evidence | { file: string; line: number; column: number } }; run: LevelRun | undefined }>, levelsKnown: boolean): Retention {
  const evidence: Evidence[] = [];
  let nominal = 0;
  let worst = 0;
  const parts: string[] = [];
  let known = true;
  for (const [i, { level, run }] of chosen.entries()) {
    // A level without a job never fills, and levels above it get nothing to rotate (§7).
    if (!run) break;
    const p = run.job.schedule.interval;
    const pw = run.job.schedule.worstCaseInterval;
    if (p === undefined || pw === undefined) {
      known = false;
      break;
    }
    nominal += (i === 0 ? level.count : level.count - 1) * p;
    worst += level.count * pw;
    parts.push(`retain ${level.name} ${level.count} × ${describeDuration(pw)}`);
    evidence.push({ ...level.at, note: `retain ${level.name} ${level.count}` });
  }
  if (chosen.length === 0) {
    return unknownFigure('the config has no retain (or interval) lines', 'no retain levels');
  }
  if (!known || parts.length === 0) {
    return unknownFigure(
      parts.length === 0 ? `no cron line or timer runs \`rsnapshot ${chosen[0]?.level.name ?? ''}\`, so the retain counts never take effect` : 'a level runs on a schedule without a computable interval',
      'rsnapshot levels without a usable schedule',
      { evidence: chosen.map(({ level }) => ({ ...level.at, note: `retain ${level.name} ${level.count}` })) },
    );
  }
  return timeBound(
    nominal,
    parts.join(' + '),
    { seconds: worst, reason: 'the oldest snapshot of each level lives through every level above the lowest (rsnapshot rotates the oldest snapshot upwards), and each level runs on its own schedule' },
    { ...(levelsKnown && chosen.length === 1 && chosen[0]?.run ? oneLevelFix(chosen[0].level, chosen[0].run) : { fixTemplate: 'lower the retain counts so that Σ count × period ≤ {{days}} days' }), evidence },
  );
}

/**
 * With one level, its count is the whole figure: the oldest of `retain daily N` lives N runs at
 * worst (rsnapshot 1.4.5 rotate_lowest_snapshots: each run drops daily.N-1 and shifts the rest),
 * so the edit is the largest N with N × the longest gap between runs within the claim. rsnapshot
 * takes any count of 1 or more for a single level (rsnapshot 1.4.5 /usr/bin/rsnapshot: "must be
 * at least 1"; a count of 1 is refused only below a second level). With several levels the
 * figure is their sum over the chain and which count to lower is the admin's choice: advice.
 * Only the digits change, so the TABs that separate rsnapshot's fields stay as they are.
 */
function oneLevelFix(level: { name: string; at: { file: string; line: number; column: number } }, run: LevelRun): Pick<Retention, 'fixTemplate' | 'fixEdit' | 'fixUnit' | 'fixFallback' | 'cleanupLag'> {
  const gap = run.job.schedule.worstCaseInterval ?? 0;
  return {
    fixTemplate: `retain ${level.name} {{count}}`,
    fixEdit: { at: level.at, find: /(?:retain|interval)\t+[^\t]+\t+(?<old>\d+)(?=\s*$)/, text: '{{count}}' },
    fixUnit: gap,
    // The count times the gap is the whole worst case: nothing is added after the last run.
    cleanupLag: 0,
    fixFallback: `run rsnapshot ${level.name} more often: even one snapshot lives ${describeDuration(gap)} (${run.job.schedule.description})`,
  };
}
