import type { Diagnostic, DiagnosticCode } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import type { RootFiles } from '../../files/root-files.js';
import type { EjabberdMacro } from './config-model.js';

/** What the ejabberd reader carries while it reads files. */
export interface ReaderState {
  /** The served system's files under --root. */
  rootFiles: RootFiles;
  /** Virtual spool dir: ejabberd's working directory, where relative includes resolve. */
  spoolDir: string;
  diagnostics: Diagnostic[];
  files: string[];
  macros: Map<string, EjabberdMacro>;
}

export function report(state: ReaderState, code: DiagnosticCode, position: SourcePosition, message: string, suggestion?: string): void {
  const d: Diagnostic = { code, message, position };
  if (suggestion !== undefined) d.suggestion = suggestion;
  state.diagnostics.push(d);
}

/** "line:column" of a position, or "file:line:column" when it is in another file. */
export function where(p: SourcePosition, from?: SourcePosition): string {
  return from && from.file === p.file ? `line ${p.line}, column ${p.column}` : `${p.file}:${p.line}:${p.column}`;
}
