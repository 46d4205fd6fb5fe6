import type { EditProposal } from './edit.js';
import type { SourcePosition } from './evidence.js';

/**
 * What a reader or interpreter could not read or found wrong in a config itself,
 * independent of any policy. Each code is reported by the built-in rule of the same id
 * (rules/parse-error.ts, ...), so severities can be overridden like any rule's.
 */
export type DiagnosticCode =
  | 'parse-error' // the file is not valid in its format; the server would refuse it
  | 'include-error' // an include target is missing, outside --root, or cyclic
  | 'config-error' // valid syntax the server itself rejects (e.g. 0.12 table.insert on an option)
  | 'config-warning' // accepted by the server, but not what the author meant (duplicate option, bare name)
  | 'unknown-value'; // a value that depends on the runtime (env, file contents, loops)

export interface Diagnostic {
  code: DiagnosticCode;
  message: string;
  position: SourcePosition;
  /** What to change, when there is one obvious fix. */
  suggestion?: string;
  /** The suggestion as an edit, when it is one safe change at one place. */
  edit?: EditProposal;
}
