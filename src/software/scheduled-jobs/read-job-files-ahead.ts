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
  const paths: string[] = [];
  for (const dir of [...flavour.systemDirs, ...flavour.spools]) {
    for (const name of files.list(dir) ?? []) paths.push(`${dir}/${name}`);
  }
  const unitPath = (name: string): string | undefined => {
    const dir = UNIT_DIRS.find((d) => inUnitDir(files, d, name));
    return dir === undefined ? undefined : `${dir}/${name}`;
  };
  for (const timer of timerNames(files)) {
    for (const unit of [timer, timer.replace(/\.timer$/, '.service')]) {
      const path = unitPath(unit);
      if (path !== undefined) paths.push(path);
    }
  }
  files.readAhead(paths);
}
