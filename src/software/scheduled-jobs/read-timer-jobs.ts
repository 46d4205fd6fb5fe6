import { parseUnitFile, positionInValue, unitList, unitValue, type UnitFile } from '../../formats/systemd-unit/parse-unit.js';
import type { ScheduledJob, ScheduledJobs } from './job-model.js';
import { recogniseCleanupAt } from './recognise-cleanup.js';
import type { RootFiles } from './root-files.js';
import { timerSchedule } from './timer-schedule.js';
import { appendAll } from '../../arrays/append-all.js';

/**
 * System unit directories, highest precedence first (systemd.unit(5) "Unit File Load Path",
 * systemd 252). On merged-/usr Debian /lib is a link to /usr/lib; the same unit found twice
 * is read once, from the first directory.
 */
export const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];

interface LoadedUnit {
  units: UnitFile[];
  masked: boolean;
}

/** `name@instance.timer` → `name@.timer`; undefined for a unit that is not an instance. */
function templateOf(name: string): string | undefined {
  const m = /^([^@]+)@(.+)(\.[a-z]+)$/.exec(name);
  return m ? `${m[1]}@${m[3]}` : undefined;
}

/**
 * Loads units and their drop-ins (`NAME.d/*.conf`; a drop-in of the same file name in a higher
 * directory masks a lower one; applied in file-name order), once each. An instance
 * (`pg_dump@main.timer`) without its own file is read from its template (`pg_dump@.timer`),
 * with the template's drop-ins, as systemd.unit(5) describes.
 */
function unitLoader(files: RootFiles, out: ScheduledJobs): (name: string) => LoadedUnit | undefined {
  const parsed = new Map<string, UnitFile | undefined>();
  const parse = (systemPath: string): UnitFile | undefined => {
    if (parsed.has(systemPath)) return parsed.get(systemPath);
    const text = files.read(systemPath);
    let unit: UnitFile | undefined;
    if (text !== undefined) {
      const file = files.host(systemPath);
      out.files.push(file);
      unit = parseUnitFile(text, file);
      appendAll(out.diagnostics, unit.diagnostics);
    }
    parsed.set(systemPath, unit);
    return unit;
  };
  const find = (name: string): string | undefined => UNIT_DIRS.map((dir) => `${dir}/${name}`).find((p) => files.exists(p));
  return (name) => {
    const template = templateOf(name);
    const main = find(name) ?? (template !== undefined ? find(template) : undefined);
    if (main === undefined) return undefined;
    if (files.resolve(main) === '/dev/null') return { units: [], masked: true };
    const units: UnitFile[] = [];
    const first = parse(main);
    if (first) units.push(first);
    const dropIns = new Map<string, string>();
    for (const dirName of [name, template].filter((n): n is string => n !== undefined)) {
      for (const dir of UNIT_DIRS) {
        for (const entry of files.list(`${dir}/${dirName}.d`) ?? []) {
          if (entry.endsWith('.conf') && !dropIns.has(entry)) dropIns.set(entry, `${dir}/${dirName}.d/${entry}`);
        }
      }
    }
    for (const entry of [...dropIns.keys()].sort()) {
      const unit = parse(dropIns.get(entry) as string);
      if (unit) units.push(unit);
    }
    return { units, masked: false };
  };
}

/** Enabled = a link (or file) named after the unit in some `*.wants/` or `*.requires/` directory. */
function isEnabled(files: RootFiles, name: string): boolean {
  for (const dir of UNIT_DIRS) {
    for (const entry of files.list(dir) ?? []) {
      if ((entry.endsWith('.wants') || entry.endsWith('.requires')) && files.exists(`${dir}/${entry}/${name}`)) return true;
    }
  }
  return false;
}

/** Prefixes of Exec*= lines (systemd.service(5) "Table 1"): `-`, `@`, `:`, `+`, `!`, `!!`. */
const EXEC_PREFIX = /^[-@:+!]*/;

export function readTimerJobs(files: RootFiles, out: ScheduledJobs): void {
  const loadUnit = unitLoader(files, out);
  const timers = new Set<string>();
  for (const dir of UNIT_DIRS) {
    out.searched.push(files.host(dir));
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
  for (const timerName of [...timers].sort()) {
    const timer = loadUnit(timerName);
    if (!timer) continue;
    const timerFile = timer.units[0]?.file ?? files.host(`/etc/systemd/system/${timerName}`);
    const schedule = timerSchedule(timer.units, { file: timerFile, line: 1, column: 1 });
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
    const enabled = isEnabled(files, timerName);
    let whyNotRuns: string | undefined;
    if (timer.masked) whyNotRuns = `${timerName} is masked (linked to /dev/null)`;
    else if (service.masked) whyNotRuns = `${serviceName} is masked (linked to /dev/null)`;
    else if (!enabled) whyNotRuns = `${timerName} is not enabled: no link to it in a *.wants/ directory (systemctl enable ${timerName})`;
    else if (schedule.bootOnly) whyNotRuns = `${timerName} has no repeating trigger: ${schedule.description}`;
    const user = unitValue(service.units, 'Service', 'User')?.value ?? 'root';
    const { bootOnly: _bootOnly, ...plainSchedule } = schedule;
    for (const key of ['ExecStartPre', 'ExecStart', 'ExecStartPost']) {
      for (const a of unitList(service.units, 'Service', key)) {
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
          schedule: plainSchedule,
          runs: whyNotRuns === undefined,
          actions: recogniseCleanupAt(recognised, (o) => positionInValue(a, prefix + o)),
        };
        if (whyNotRuns !== undefined) job.whyNotRuns = whyNotRuns;
        out.jobs.push(job);
      }
    }
  }
}
