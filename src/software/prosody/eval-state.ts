import type { RootFiles } from '../../files/root-files.js';
import type { Node } from 'luaparse';
import type { ProsodyRelease } from '../../config/types.js';
import type { LineIndex } from '../../formats/lua/line-index.js';
import { nodeEnd, nodeStart } from '../../formats/lua/parse-lua.js';
import type { Diagnostic, DiagnosticCode } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import type { Val } from './runtime-value.js';

/** An option as stored during evaluation (value not yet turned into a LuaValue). */
export interface InternalOption {
  name: string;
  value: Val;
  at: SourcePosition;
  overridden: SourcePosition[];
  /**
   * The file (parser.load call) whose set_options last recorded this option, and the line it
   * recorded (see option-store.ts). Kept here rather than in a Map per file: on a config of
   * 100,000 hosts such a Map costs a tenth of the load time.
   */
  setIn: FileContext | undefined;
  setLine: number;
}

export interface InternalSection {
  name: string;
  kind: 'global' | 'host' | 'component';
  componentModule?: { value: string; at: SourcePosition };
  declarations: SourcePosition[];
  options: Map<string, InternalOption>;
  /** Set when the host name could not be known statically (`VirtualHost(ENV_DOMAIN)`). */
  nameUnknown?: string;
  /** Set when the section is first declared in code that runs only under a runtime condition. */
  conditional?: string;
}

/** One option write, so that files matched by one Include glob can be compared afterwards. */
export interface WriteRecord {
  section: string;
  name: string;
  value: Val;
  at: SourcePosition;
}

/**
 * Speculation: code whose execution depends on the runtime (a branch of an undecidable `if`, a
 * loop body, a function body) is still evaluated, but every write it makes to something that
 * existed before it (an option, an outer local, an outer table) stores an unknown value.
 */
export interface Speculation {
  /** 0 = certain. Scopes and tables remember the level they were created at. */
  level: number;
  /** Why the current code may or may not run; used as the reason of the unknown values. */
  reason: string;
}

export interface LoaderState {
  release: ProsodyRelease;
  /** The served system's files under --root: virtual paths are read there. */
  rootFiles: RootFiles;
  sections: Map<string, InternalSection>;
  diagnostics: Diagnostic[];
  files: string[];
  refused: boolean;
  /** Real paths of the files being read, outermost first (Include cycle detection). */
  includeStack: string[];
  /** Option writes, recorded only while a wildcard Include is being read (globDepth > 0). */
  writes: WriteRecord[];
  globDepth: number;
  /** Number of option writes so far (to tell whether a function call set options). */
  writeCount: number;
  spec: Speculation;
  /** Functions whose bodies are being evaluated (recursion guard). */
  activeFunctions: Set<Node>;
  callDepth: number;
  /** file + message of refusals already reported (see refusal()). */
  reportedErrors: Set<string>;
  /**
   * Size of the parts a file is parsed in (lua-statement-stream.ts); Infinity parses each file
   * whole, before any of it is evaluated.
   */
  partChars: number;
  /** Every option name seen, to share one string per name among sections. */
  optionNames: Map<string, string>;
}

/** The per-file environment of one `parser.load` call (0.12 core/configmanager.lua:118-269). */
export interface FileContext {
  state: LoaderState;
  /** Absolute path on disk. */
  file: string;
  /** The path as Prosody would see it on the served system (under --root). */
  virtualPath: string;
  source: string;
  lines: LineIndex;
  /** env.__currenthost: the section that assignments go to. */
  section: string;
  /**
   * set_options of configmanager: option (section and name) → line of its latest assignment in
   * this file, for the options whose record another file took over since (see option-store.ts).
   */
  setOptions: Map<InternalOption, number>;
  /** Pre-seeded env fields (VirtualHost, Include, ...) that the config rebound by assignment. */
  envFields: Map<string, Val>;
}

export class Scope {
  readonly vars = new Map<string, { value: Val }>();

  constructor(
    readonly parent: Scope | undefined,
    readonly level: number,
  ) {}

  lookup(name: string): { value: Val; scope: Scope } | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walks the chain up from this scope; no closure keeps it
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return { value: v.value, scope: s };
    }
    return undefined;
  }

  assign(name: string, value: Val): boolean {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walks the chain up from this scope; no closure keeps it
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) {
        v.value = value;
        return true;
      }
    }
    return false;
  }

  declare(name: string, value: Val): void {
    this.vars.set(name, { value });
  }
}

/** 1-based position of a syntax node, from its character range. */
export function pos(ctx: FileContext, node: Node): SourcePosition {
  return ctx.lines.position(ctx.file, nodeStart(node));
}

/** The source text of a node, shortened for messages. */
export function sourceText(ctx: FileContext, node: Node, max = 60): string {
  const text = ctx.source.slice(nodeStart(node), nodeEnd(node)).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

export function report(
  state: LoaderState,
  code: DiagnosticCode,
  position: SourcePosition,
  message: string,
  suggestion?: string,
): void {
  const d: Diagnostic = { code, message, position };
  if (suggestion !== undefined) d.suggestion = suggestion;
  state.diagnostics.push(d);
}

/**
 * A failure that makes Prosody's config load fail (a Lua runtime error, a missing Include).
 * When the code runs only under runtime conditions the failure is only possible: a
 * 'config-warning', and the server is not marked as refusing. Evaluation continues either way,
 * so that the rest of the config is still checked.
 */
export function refusal(
  state: LoaderState,
  code: 'config-error' | 'include-error' | 'parse-error',
  position: SourcePosition,
  message: string,
  suggestion?: string,
): void {
  // The same error repeated in one file (every use of a missing `Lua` in 0.12) is reported once.
  const key = `${position.file}\n${message}`;
  if (state.reportedErrors.has(key)) return;
  state.reportedErrors.add(key);
  if (state.spec.level === 0) {
    state.refused = true;
    report(state, code, position, `Prosody refuses to start: ${message}`, suggestion);
  } else {
    report(state, 'config-warning', position, `Prosody would refuse to start if this runs (it runs ${state.spec.reason}): ${message}`, suggestion);
  }
}

/** A Lua runtime error: see refusal(). */
export function runtimeError(state: LoaderState, position: SourcePosition, message: string, suggestion?: string): void {
  refusal(state, 'config-error', position, message, suggestion);
}

/** Runs `fn` speculatively: writes made inside to outer state become unknown with `reason`. */
export function speculate<T>(state: LoaderState, reason: string, fn: () => T): T {
  const saved = state.spec;
  state.spec = { level: saved.level + 1, reason };
  try {
    return fn();
  } finally {
    state.spec = saved;
  }
}
