import type { RootFiles, RootText } from '../../files/root-files.js';

/**
 * The text of a job's unit file, by the host path the job names: every backup reader asks for the
 * unit of every job it looks at (its Environment= lines, its conditions), and each asked the file
 * layer, which normalised the path again each time. Found once per run for each unit.
 */
export function unitText(files: RootFiles, hostPath: string): RootText {
  return files.remembered('backup-unit-text', hostPath, () => files.loadHost(hostPath));
}
