import type { RootFiles } from '../../../files/root-files.js';
import type { SoftwareReading } from '../../../inventory/log-retention.js';
import type { BackupPractice } from '../../../inventory/practice.js';
import { longestOf, timeBound, unknownFigure, type Retention } from '../../../inventory/retention.js';
import { scheduleInterval } from '../../scheduled-jobs/job-figures.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { locatorFrom, recogniseCleanup } from '../../scheduled-jobs/recognise-cleanup.js';
import { analyseDumpScript } from './analyse-dump-script.js';
import type { Cleanup } from './dump-retention.js';
import { sinkRetention } from './dump-retention.js';
import { jobTexts, type JobText } from './job-texts.js';

/**
 * Home-made dump scripts: each `pg_dump`, `mysqldump`, `sqlite3 .dump` or `tar` of
 * /var/lib/prosody|ejabberd that a scheduled job runs (in its command line, its cron.daily
 * script, or a script its command names), followed to the files it writes. Retention comes from
 * `find … -mtime +N -delete` over the dump directory in any job; the interval from the job.
 */

export function readDumpScripts(files: RootFiles, jobs: ScheduledJob[]): SoftwareReading {
  const reading: SoftwareReading = { files: [], searched: [], diagnostics: [], practices: [], logRetention: [] };
  const { texts } = jobTexts(files, jobs);
  // A text is what stands at its position: one script run by 10,000 jobs is read once, and is
  // analysed once here too.
  const once = <T>(cache: Map<string, T>, t: JobText, make: () => T): T => {
    const key = `${t.at.file}:${t.at.line}:${t.at.column}`;
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = make()));
    return value;
  };
  const analysed = new Map<string, ReturnType<typeof analyseDumpScript>>();
  // Whether a text runs a dump depends on the text alone, not on where it stands: a crontab of
  // 10,000 lines, mostly the same few commands, is read for dumps once per distinct command.
  const withoutDump = new Set<string>();
  // The cleanups are weighed only against a dump's files: a tree without a dump does not collect them.
  let cleanups: Cleanup[] | undefined;
  for (const t of texts) {
    if (withoutDump.has(t.text)) continue;
    const findings = once(analysed, t, () => analyseDumpScript(t.text, locatorFrom(t.text, t.at)));
    if (findings.length === 0) {
      withoutDump.add(t.text);
      continue;
    }
    if (t.scriptPath && !reading.files.includes(t.at.file)) reading.files.push(t.at.file);
    for (const f of findings) {
      const schedule = t.job.schedule;
      const interval = scheduleInterval(schedule, [{ ...schedule.at, note: `the job running ${t.scriptPath ?? 'the dump'}: ${schedule.description}` }]);
      const dumpEvidence = { evidence: [{ ...f.at, note: f.producer.what }] };
      const retention = f.staging
        ? timeBound(0, `staging file ${f.staging.file} (${f.producer.what} output): removed at line ${f.staging.removedAt.line} by the same script, after the ${f.staging.backup} run at line ${f.staging.backupAt.line} took it in, so it exists only while the script runs`, undefined, {
            evidence: [{ ...f.staging.removedAt, note: `removes the staging file ${f.staging.file}` }, { ...f.at, note: `${f.producer.what} writes the staging file` }],
          })
        : f.sinks.length === 0
          ? unknownFigure(f.unknownReason ?? 'the reader found no file the dump is written to', `${f.producer.what} output`, dumpEvidence)
          : f.unknownReason
            ? unknownFigure(f.unknownReason, `${f.producer.what} output`, dumpEvidence)
            : (longestOf(f.sinks.map((s) => sinkRetention(s, (cleanups ??= collectCleanups(jobs, texts)), t.job))) as Retention);
      const practice: BackupPractice = {
        kind: 'backup',
        subject: { software: 'dump-script', name: t.scriptPath ?? (files.system(t.job.file) ?? t.job.file), kind: 'backup' },
        evidence: [{ ...f.at, note: `${f.producer.what} (${[...f.producer.databases, ...f.producer.paths].join(', ')})` }],
        tool: 'dump-script',
        encrypted: f.encrypted,
        encryption: f.encryption,
        retention,
        interval,
        contents: { paths: f.producer.paths, databases: f.producer.databases, known: true },
        ...(t.job.runs ? {} : { neverScheduled: `the job that runs it never runs: ${t.job.whyNotRuns ?? 'it is not scheduled'}` }),
      };
      if (f.encrypted !== true) {
        practice.encryptFix = `pipe the ${f.producer.what} output through \`gpg --batch -e -r KEY\` (or \`age -r RECIPIENT\`) before anything writes it to a file, with no tee or -f to a plain file`;
      }
      reading.practices.push(practice);
    }
  }
  return reading;
}

/**
 * The `find … -mtime +N -delete` cleanups of the running jobs, in their lines and in the scripts
 * they run. A cleanup counts once per place and schedule: 5,000 identical cron lines running one
 * script are one cleanup, not 5,000 to weigh against every dump (a hang the fuzzer found).
 */
function collectCleanups(jobs: readonly ScheduledJob[], texts: readonly JobText[]): Cleanup[] {
  const cleanups: Cleanup[] = [];
  const seen = new Set<string>();
  const add = (cleanup: Cleanup): void => {
    const { at } = cleanup.action;
    const key = `${at.file}:${at.line}:${at.column}|${cleanup.job.schedule.description}|${String(cleanup.job.runs)}`;
    if (seen.has(key)) return;
    seen.add(key);
    cleanups.push(cleanup);
  };
  for (const job of jobs) {
    if (!job.runs) continue;
    for (const action of job.actions) if (action.kind === 'delete-files-older-than') add({ action, job });
  }
  const recognised = new Map<string, ReturnType<typeof recogniseCleanup>>();
  for (const t of texts) {
    if (!t.scriptPath) continue;
    // A script's text stands at the top of its file (jobTexts): its place is its file.
    let actions = recognised.get(t.at.file);
    if (actions === undefined) recognised.set(t.at.file, (actions = recogniseCleanup(t.text, t.at)));
    for (const action of actions) if (action.kind === 'delete-files-older-than') add({ action, job: t.job });
  }
  return cleanups;
}
