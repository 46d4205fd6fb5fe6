import { LateLuaSyntaxError, parseLuaStream } from '../../formats/lua/lua-statement-stream.js';
import { report, Scope, type FileContext, type LoaderState } from './eval-state.js';
import { execTopLevel } from './evaluate-chunk.js';

/**
 * Reads and evaluates one config file the way configmanager's parser.load does
 * (0.12 core/configmanager.lua:118-269): a fresh env whose section starts at global `*`,
 * fresh locals, its own duplicate-option bookkeeping.
 * The caller has read `source` from `disk` (its path on this machine) through the root's files.
 */
export function evaluateFile(state: LoaderState, disk: string, virtualPath: string, source: string, loadedPath?: string): void {
  state.files.push(disk);
  // An included file is parsed once per run, however often it is included (see RootFiles.parsed).
  const memo = <T>(parse: () => T): T =>
    loadedPath === undefined ? parse() : state.rootFiles.parsed({ text: source, path: loadedPath }, `prosody-lua ${disk}`, parse);
  const parsed = parseLuaStream(source, disk, state.partChars, memo);
  if (!parsed.ok) {
    // envload fails → parser.load returns nil, err → Prosody does not start (0.12 :254-258).
    if (state.spec.level === 0) state.refused = true;
    state.diagnostics.push({
      ...parsed.diagnostic,
      message: `${parsed.diagnostic.message} (Prosody refuses to start)`,
    });
    return;
  }
  const ctx: FileContext = {
    state,
    file: disk,
    virtualPath,
    source,
    lines: parsed.lines,
    section: '*',
    setOptions: new Map(),
    envFields: new Map(),
  };
  const scope = new Scope(undefined, state.spec.level);
  try {
    execTopLevel(ctx, parsed.statements, scope);
  } catch (e) {
    // A syntax error further down: loadProsodyConfig starts over, reading files whole.
    if (e instanceof LateLuaSyntaxError) throw e;
    // Never crash on odd input (e.g. nesting deep enough to exhaust the stack).
    const message = e instanceof Error ? e.message : String(e);
    report(state, 'unknown-value', { file: disk, line: 1, column: 1 }, `privacy-lint could not evaluate all of this file: ${message}`);
  }
  // Statements after a top-level `return` are not run, but Prosody compiles them first.
  parsed.statements.finish();
}
