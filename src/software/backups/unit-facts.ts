import type { RootFiles, RootText } from '../../files/root-files.js';
import type { FailedCondition } from './borg/tool-invocations.js';
import type { UnitEnvironmentLine } from './restic/job-environment.js';

/**
 * What the backup readers learn about a job's unit file, worked out once per unit and run: every
 * reader asks about the unit of every job it looks at (its Environment= lines, whether a condition
 * fails), and each question was a lookup of its own that normalised the path again. Each reader
 * fills in its part (`environment`, `failedCondition`) at its first question.
 */
export interface UnitFacts {
  loaded: RootText;
  /** The reader of job environments' part (job-environment.ts). */
  environment?: UnitEnvironmentLine[];
  /** failedCondition's part (tool-invocations.ts): null when no condition fails. */
  failedCondition?: FailedCondition | null;
}

export function unitFacts(files: RootFiles, hostPath: string): UnitFacts {
  return files.remembered('backup-unit-facts', hostPath, () => ({ loaded: files.loadHost(hostPath) }));
}
