import type { RootFiles } from '../../files/root-files.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import type { ProsodyRelease } from '../../config/types.js';

/**
 * The result of evaluating a Prosody config symbolically (never executing it): Lua values as
 * far as they can be known statically, each with the position of the expression it came from.
 */
export type LuaValue =
  | { type: 'nil'; at: SourcePosition }
  | { type: 'boolean'; value: boolean; at: SourcePosition }
  | { type: 'number'; value: number; at: SourcePosition }
  | { type: 'string'; value: string; at: SourcePosition }
  | {
      type: 'table';
      /**
       * Array part, in order: the values of keys 1..n. Entries may themselves be `unknown`, and
       * `nil` for holes (`{ "a", nil, "b" }`); Lua's ipairs (and so Prosody's module lists) stop
       * at the first nil.
       */
      items: LuaValue[];
      /** String-keyed fields, in source order. */
      fields: Map<string, LuaValue>;
      /** Entries whose key could not be known statically. */
      unknownEntries: LuaValue[];
      /**
       * Entries with a known key that is neither a string nor an index of `items`
       * (`{ [0] = "x" }`, `{ [1.5] = 1 }`, `{ [true] = 1 }`, far-sparse `{ [1000] = 1 }`).
       * Absent when there are none.
       */
      otherEntries?: { key: LuaValue; value: LuaValue }[];
      at: SourcePosition;
    }
  | { type: 'function'; at: SourcePosition }
  /** A value that depends on the runtime (environment, files, calls, loops): never guessed. */
  | {
      type: 'unknown';
      reason: string;
      at: SourcePosition;
      /** The string it would be when the runtime condition holds (an append inside an `if`). */
      possibly?: string;
    };

/** One option as set in a section. */
export interface ProsodyOption {
  name: string;
  value: LuaValue;
  /** Position of the option's name in the (last) assignment that set it. */
  at: SourcePosition;
  /** Earlier assignments of the same option in the same section (any file), oldest first. */
  overridden: SourcePosition[];
}

export interface ProsodySection {
  /** `*` for the global section, else the nameprep'd (lower-cased) host or component name. */
  name: string;
  kind: 'global' | 'host' | 'component';
  /** For components: the module named in `Component "x" "muc"`, else `component` (external). */
  componentModule?: { value: string; at: SourcePosition };
  /**
   * Set when the host name is only known at runtime (`VirtualHost(ENV_DOMAIN)`): says why.
   * `name` is then `<` + the name expression's source text + `>`, e.g. `<ENV_DOMAIN>`.
   */
  nameUnknown?: string;
  /**
   * Set when the section is first declared in code that runs only under a runtime condition
   * (`if ENV_X then Component "x" "muc" end`): it may not exist at all. Says why.
   */
  conditional?: string;
  /** Every `VirtualHost`/`Component` statement that opened this section. */
  declarations: SourcePosition[];
  options: Map<string, ProsodyOption>;
}

export interface ProsodyConfig {
  release: ProsodyRelease;
  mainFile: string;
  /** Every file read, main file first, in the order Prosody would read them. */
  files: string[];
  /** Global section first, then hosts and components in order of first declaration. */
  sections: Map<string, ProsodySection>;
  diagnostics: Diagnostic[];
  /** True when Prosody itself would refuse to load this config (parse error, missing Include, ...). */
  refusedByServer: boolean;
}

export interface LoadOptions {
  /** The served system's files: absolute Include paths resolve under --root, nothing outside is read. */
  files: RootFiles;
  release: ProsodyRelease;
}

/** Where an option's effective value for a section comes from (Prosody's host_mt fallback). */
export interface EffectiveOption {
  option: ProsodyOption;
  from: 'section' | 'global';
}
