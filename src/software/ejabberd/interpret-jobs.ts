import type { EditProposal } from '../../inventory/edit.js';
import path from 'node:path';
import { describeDuration } from '../../config/duration.js';
import type { Evidence, SourcePosition } from '../../inventory/evidence.js';
import { forever, soonest, trafficBound, type Retention } from '../../inventory/retention.js';
import { cleanupRetention, type JobCleanup } from '../scheduled-jobs/job-figures.js';
import type { CleanupAction, ScheduledJob } from '../scheduled-jobs/job-model.js';
import { recogniseCleanup } from '../scheduled-jobs/recognise-cleanup.js';
import { scheduleFromInterval } from '../scheduled-jobs/schedule.js';
import type { EffectiveModule } from './config-model.js';
import { mapGet, scalarText } from './fast-yaml-value.js';
import type { EjabberdContext } from './interpret-context.js';

const DAY = 86400;

/**
 * ejabberd keeps archives, offline messages and accounts until a command deletes them
 * (ejabberd 23.01 src/mod_mam.erl, src/mod_offline.erl mod_options/1: no expiry option in mod_mam,
 * mod_offline or for accounts; maintainers
 * in processone/ejabberd#4252). Retention therefore comes from scheduled jobs: the nominal figure
 * is the job's DAYS, the worst case adds the longest gap between two runs.
 */
export interface JobMatch {
  /** Which actions delete the data, and their threshold in days. */
  days(action: CleanupAction): number | undefined;
  /** What the action's granularity adds to its threshold (`find -mtime +N`: a day). */
  rounding?(action: CleanupAction): JobCleanup['rounding'];
  /** What is kept, for messages: "one-to-one archive". */
  what: string;
  /** The command that would delete it, for the suggestion: `delete_old_mam_messages chat {{days}}`. */
  command: string;
  /** The commands that count, for messages: `delete_old_mam_messages all|chat DAYS`. */
  looksFor: string;
  /**
   * Without a job, the data is deleted only when a user acts (offline messages: when delivered):
   * no time bound, for this reason. Otherwise it is kept forever.
   */
  withoutJob?: string;
}

/**
 * Retention from the scheduled jobs that delete the data (only jobs that really run count): the
 * one that deletes soonest decides; without one the data is kept forever, or until a user acts.
 */
export function retentionFromJobs(ctx: EjabberdContext, match: JobMatch, anchor: Evidence): Retention {
  const fixTemplate = `/etc/cron.d/ejabberd-purge: 15 3 * * * ejabberd /usr/sbin/ejabberdctl ${match.command}`;
  const candidates: Retention[] = [];
  for (const job of ctx.jobs) {
    if (!job.runs) continue;
    for (const action of job.actions) {
      const days = match.days(action);
      if (days === undefined) continue;
      candidates.push(cleanupRetention({
        job,
        threshold: days * DAY,
        rounding: match.rounding?.(action),
        what: match.what,
        evidence: [{ ...action.at, note: `${job.schedule.description}: deletes ${match.what} older than ${days} days` }, anchor],
        // Keep the job and its schedule, change its threshold.
        fixTemplate: withDaysPlaceholder(job.command, days) ?? fixTemplate,
        ...(Number.isInteger(days) ? { fixEdit: daysEdit(action.at, days) } : {}),
      }));
    }
  }
  const best = soonest(candidates);
  if (best) return best;
  const idle = ctx.jobs.filter((j) => !j.runs && j.actions.some((a) => match.days(a) !== undefined));
  const first = idle[0];
  const why = first ? `; the job in ${path.basename(first.commandAt.file)} (line ${first.commandAt.line}) never runs: ${first.whyNotRuns ?? 'it is not scheduled'}` : '';
  const description = `${match.what} kept ${match.withoutJob ? 'until a user acts' : 'forever'}: ejabberd has no expiry option for it and no scheduled job runs ejabberdctl ${match.looksFor}${why}`;
  const details = { fixTemplate, cleanupLag: DAY, evidence: [anchor] };
  return match.withoutJob ? trafficBound(match.withoutJob, description, details) : forever(description, details);
}

/** The job's own command with its DAYS argument (the last such number) as `{{days}}`. */
/**
 * The job's own day count as an edit: the DAYS argument of an ejabberdctl delete_old_* command, or
 * find's `-mtime +N`, on the line the action is read from; the schedule and the rest stay.
 */
function daysEdit(at: SourcePosition, days: number): EditProposal {
  return { at, find: new RegExp(String.raw`.*?(?:\bdelete_old_[a-z_]+\b.*?\s|-mtime\s+\+)(?<old>${days})(?![0-9])`), text: '{{days}}' };
}

function withDaysPlaceholder(command: string, days: number): string | undefined {
  const line = command.split('\n').find((l) => new RegExp(`\\b${days}\\b`).test(l) && /ejabberdctl/.test(l));
  if (!line) return undefined;
  const at = line.lastIndexOf(String(days));
  return `${line.slice(0, at).replace(/^\s*ExecStart=/, '')}{{days}}${line.slice(at + String(days).length)}`.trim();
}

/** Does an action with an optional host apply to `host`? (No host = every host.) */
export function coversHost(action: { host?: string }, host: string): boolean {
  return action.host === undefined || action.host.toLowerCase() === host.toLowerCase();
}

/**
 * ejabberd-contrib mod_cron tasks: `{time, units, ctl | command, arguments}` run inside the
 * server (processone/ejabberd-contrib mod_cron/README.md; example in processone/ejabberd#4009).
 * Each becomes a scheduled job whose command is recognised like a crontab's.
 */
export function modCronJobs(ctx: EjabberdContext): ScheduledJob[] {
  const jobs: ScheduledJob[] = [];
  const seen = new Set<string>();
  for (const host of ctx.hosts) {
    const cron = ctx.module(host.name, 'mod_cron');
    if (!cron) continue;
    for (const task of tasksOf(cron)) {
      const key = `${task.at.file}:${task.at.line}:${task.at.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const job = taskJob(task.value, task.at);
      if (job) jobs.push(job);
    }
  }
  return jobs;
}

function tasksOf(cron: EffectiveModule): { value: NonNullable<ReturnType<typeof mapGet>>; at: SourcePosition }[] {
  const tasks = mapGet(cron.options, 'tasks');
  if (tasks?.kind !== 'list') return [];
  return tasks.items.map((value) => ({ value, at: value.at }));
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: DAY };

function taskJob(task: NonNullable<ReturnType<typeof mapGet>>, at: SourcePosition): ScheduledJob | undefined {
  const time = Number(scalarText(mapGet(task, 'time') ?? { kind: 'atom', value: '', at }));
  const units = scalarText(mapGet(task, 'units') ?? { kind: 'atom', value: 'seconds', at }) ?? 'seconds';
  const name = scalarText(mapGet(task, 'ctl') ?? mapGet(task, 'command') ?? { kind: 'atom', value: '', at });
  if (!name) return undefined;
  const args = mapGet(task, 'arguments');
  const words = args?.kind === 'list' ? args.items.map((a) => scalarText(a) ?? '') : [];
  const command = ['ejabberdctl', name, ...words].join(' ');
  const seconds = Number.isFinite(time) && UNIT_SECONDS[units] ? time * UNIT_SECONDS[units] : undefined;
  const schedule =
    seconds !== undefined
      ? scheduleFromInterval(seconds, `every ${describeDuration(seconds)} (mod_cron)`, at)
      : { interval: undefined, worstCaseInterval: undefined, description: 'mod_cron task with an unreadable time', at };
  // The command is assembled from the task's fields: every action points at the task itself.
  const actions = recogniseCleanup(command, at).map((action) => ({ ...action, at }));
  return { origin: 'ejabberd-mod_cron', file: at.file, command, commandAt: at, schedule, runs: seconds !== undefined, actions };
}
