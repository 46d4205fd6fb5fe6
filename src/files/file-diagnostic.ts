import type { Diagnostic } from '../inventory/diagnostic.js';
import type { SourcePosition } from '../inventory/evidence.js';
import type { FileProblem } from './file-problem.js';
import type { RootFiles } from './root-files.js';

/**
 * The finding for a file that could not be read, at the line that referred to it (an include,
 * a job's EnvironmentFile=): an include-error naming the path and errno. `what` says what the
 * file was read for ("Include", "the backup job's environment").
 */
export function fileDiagnostic(files: RootFiles, problem: FileProblem, at: SourcePosition, what?: string): Diagnostic {
  files.reported(problem);
  return { code: 'include-error', message: what ? `${what}: ${problem.message}` : problem.message, position: at };
}
