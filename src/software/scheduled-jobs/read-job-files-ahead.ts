import type { RootFiles } from '../../files/root-files.js';
import type { CronFlavour } from './cron-flavour.js';
import { inUnitDir, UNIT_DIRS } from './load-unit.js';
import { timerNames } from './read-timer-jobs.js';

/**
 * Starts reading the job files on a worker thread (RootFiles.readAhead), in the order the job
 * readers will load them: the system crontab directories and spools, then each timer and the
 * service it starts by default. A system with thousands of job files then spends the second CPU
 * on their system calls while this one parses; with a few dozen nothing is started. A file left
 * out (a Unit= naming another service, an instance read from its template) is read as usual.
 */
export function readJobFilesAhead(files: RootFiles, flavour: CronFlavour): void {
  const runs: { dir: string; names: string[] }[] = [];
  // Consecutive files of one directory make one run (a timer and its service usually do).
  const add = (dir: string, name: string): void => {
    const last = runs[runs.length - 1];
    if (last?.dir === dir) last.names.push(name);
    else runs.push({ dir, names: [name] });
  };
  for (const dir of [...flavour.systemDirs, ...flavour.spools]) runs.push({ dir, names: files.list(dir) ?? [] });
  const unitDir = (name: string): string | undefined => UNIT_DIRS.find((d) => inUnitDir(files, d, name));
  for (const timer of timerNames(files)) {
    for (const unit of [timer, `${timer.slice(0, -'.timer'.length)}.service`]) {
      const dir = unitDir(unit);
      if (dir !== undefined) add(dir, unit);
    }
  }
  files.readAhead(runs);
}
