import { positionInValue, unitList, unitLists, unitValue } from '../../formats/systemd-unit/parse-unit.js';
import type { ScheduledJob, ScheduledJobs } from './job-model.js';
import { UNIT_DIRS, unitLoader } from './load-unit.js';
import { recogniseCleanupAt } from './recognise-cleanup.js';
import type { RootFiles } from '../../files/root-files.js';
import { placedTimerSchedule } from './timer-schedule.js';
import { SYSTEMD_DEFAULT_PATH, splitPath } from './search-path.js';

/** The PATH a service's Environment= lines set (systemd.exec(5): the last assignment wins), if any. */
function servicePath(units: Parameters<typeof unitList>[0]): string[] | undefined {
  let path: string[] | undefined;
  for (const a of unitList(units, 'Service', 'Environment')) {
    for (const m of a.value.matchAll(/(?:^|\s)(["']?)PATH=(.*?)\1(?=\s|$)/g)) path = splitPath(m[2] as string);
  }
  return path;
}

export { UNIT_DIRS } from './load-unit.js';

/**
 * Enabled = a link (or file) named after the unit in some `*.wants/` or `*.requires/` directory.
 * Those directories are listed once: asking each of them for each timer was quadratic.
 */
function enabledUnits(files: RootFiles): (name: string) => boolean {
  const names = new Set<string>();
  const unlisted: string[] = [];
  for (const dir of UNIT_DIRS) {
    for (const entry of files.list(dir) ?? []) {
      if (!entry.endsWith('.wants') && !entry.endsWith('.requires')) continue;
      const linked = files.listing(`${dir}/${entry}`);
      if (linked.ok) for (const name of linked.names) names.add(name);
      else if (linked.problem.kind !== 'absent') unlisted.push(`${dir}/${entry}`);
    }
  }
  // A directory that can be searched but not listed: ask for the entry itself.
  return (name) => names.has(name) || unlisted.some((dir) => files.exists(`${dir}/${name}`));
}

/** The commands a service runs, in the order it runs them (systemd.service(5)). */
const EXEC_KEYS = ['ExecStartPre', 'ExecStart', 'ExecStartPost'] as const;

/** Prefixes of Exec*= lines (systemd.service(5) "Table 1"): `-`, `@`, `:`, `+`, `!`, `!!`. */
const EXEC_PREFIX = /^[-@:+!]*/;

/**
 * The names of the timers in the unit directories or linked from their *.wants/ directories,
 * sorted; found once per run (the job files read ahead are found from them too).
 */
export function timerNames(files: RootFiles): string[] {
  return files.remembered('timer-names', '', () => findTimerNames(files));
}

function findTimerNames(files: RootFiles): string[] {
  const timers = new Set<string>();
  for (const dir of UNIT_DIRS) {
    for (const entry of files.list(dir) ?? []) {
      // A template (`name@.timer`) runs only as instances, found below in the *.wants/ links.
      if (entry.endsWith('.timer') && !entry.endsWith('@.timer')) timers.add(entry);
      if (entry.endsWith('.wants') || entry.endsWith('.requires')) {
        for (const linked of files.list(`${dir}/${entry}`) ?? []) {
          if (linked.endsWith('.timer') && !linked.endsWith('@.timer')) timers.add(linked);
        }
      }
    }
  }
  return [...timers].sort();
}

export function readTimerJobs(files: RootFiles, out: ScheduledJobs): void {
  const loadUnit = unitLoader(files, out);
  for (const dir of UNIT_DIRS) out.searched.push(files.host(dir));
  const isEnabled = enabledUnits(files);
  for (const timerName of timerNames(files)) {
    const timer = loadUnit(timerName);
    if (!timer) continue;
    const timerFile = timer.units[0]?.file ?? files.host(`/etc/systemd/system/${timerName}`);
    const { schedule, bootOnly } = placedTimerSchedule(timer.units, { file: timerFile, line: 1, column: 1 });
    if (timer.masked) schedule.description = `${timerName} is masked (linked to /dev/null)`;
    const unitKey = unitValue(timer.units, 'Timer', 'Unit');
    const instance = /@(.+)\.timer$/.exec(timerName)?.[1];
    // `%i` in Unit= is the instance name (systemd.unit(5) specifiers); other specifiers are left as written.
    const serviceName = unitKey ? unitKey.value.replace(/%i/g, instance ?? '') : timerName.replace(/\.timer$/, '.service');
    const service = loadUnit(serviceName);
    if (!service) {
      out.diagnostics.push({
        code: 'config-warning',
        message: `${timerName} starts ${serviceName}, which is not in any unit directory under the root, so nothing is run`,
        position: unitKey?.valueAt ?? { file: timerFile, line: 1, column: 1 },
      });
      continue;
    }
    const enabled = isEnabled(timerName);
    let whyNotRuns: string | undefined;
    if (timer.masked) whyNotRuns = `${timerName} is masked (linked to /dev/null)`;
    else if (service.masked) whyNotRuns = `${serviceName} is masked (linked to /dev/null)`;
    else if (!enabled) whyNotRuns = `${timerName} is not enabled: no link to it in a *.wants/ directory (systemctl enable ${timerName})`;
    else if (bootOnly) whyNotRuns = `${timerName} has no repeating trigger: ${schedule.description}`;
    const user = unitValue(service.units, 'Service', 'User')?.value ?? 'root';
    const searchPath = servicePath(service.units) ?? SYSTEMD_DEFAULT_PATH;
    for (const list of unitLists(service.units, 'Service', EXEC_KEYS)) {
      for (const a of list) {
        const prefixText = (EXEC_PREFIX.exec(a.value) as RegExpExecArray)[0];
        const prefix = prefixText.length;
        const command = a.value.slice(prefix);
        // With `@`, the second word is argv[0], not an argument: blank it out (same length, so
        // offsets still match the file) before looking for cleanup commands.
        const recognised = prefixText.includes('@') ? command.replace(/^(\S+\s+)(\S+)/, (_m, exe: string, argv0: string) => exe + ' '.repeat(argv0.length)) : command;
        const job: ScheduledJob = {
          origin: 'systemd-timer',
          file: a.keyAt.file,
          user,
          command,
          commandAt: positionInValue(a, prefix),
          schedule,
          runs: whyNotRuns === undefined,
          actions: recogniseCleanupAt(recognised, (o) => positionInValue(a, prefix + o)),
          searchPath,
        };
        if (whyNotRuns !== undefined) job.whyNotRuns = whyNotRuns;
        out.jobs.push(job);
      }
    }
  }
}
