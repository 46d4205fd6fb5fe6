import type { EjabberdLogLocation } from './installation.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';

/**
 * The model of an ejabberd config as ejabberd 23.01 (Debian bookworm) would see it after
 * loading: includes expanded, macros replaced, duplicate options merged, per-host views built.
 * Values keep the Erlang typing that fast_yaml gives them (fast_yaml c_src/fast_yaml.c
 * make_scalar, with ejabberd's `plain_as_atom`): plain scalars are atoms unless they read as
 * numbers, single-quoted scalars are atoms, double-quoted and block scalars are strings
 * (binaries), aliases are the anchor's name as a string (fast_yaml does not resolve them).
 */

/** A macro substitution a value went through (yconf:replace_macro/4). */
export interface MacroUse {
  name: string;
  /** Where the macro name was written (the replaced scalar). */
  usedAt: SourcePosition;
  /** Where the macro's value is written in `define_macro`. */
  definedAt: SourcePosition;
}

interface ValueBase {
  /** Where the value is written; for a whole-value macro substitution, in the macro definition. */
  at: SourcePosition;
  /** Macro substitutions that produced this value, outermost first. Absent when none. */
  via?: MacroUse[];
}

export type EjabberdValue =
  | (ValueBase & { kind: 'atom'; value: string })
  | (ValueBase & { kind: 'string'; value: string })
  | (ValueBase & { kind: 'int'; value: number })
  | (ValueBase & { kind: 'float'; value: number })
  | (ValueBase & { kind: 'list'; items: EjabberdValue[] })
  | (ValueBase & { kind: 'map'; entries: EjabberdEntry[] });

/**
 * One entry of a YAML map. fast_yaml returns maps as lists of pairs, so duplicates are kept;
 * what a duplicate means depends on the option's validator (see load-config.ts).
 */
export interface EjabberdEntry {
  key: string;
  keyAt: SourcePosition;
  value: EjabberdValue;
}

/** A top-level (or per-host) option after duplicate grouping (econf:group_dups/1). */
export interface EjabberdOption {
  name: string;
  value: EjabberdValue;
  /** Position of the option's key (the first one when several were merged). */
  at: SourcePosition;
  /** Every key that contributed to the value, in order (more than one when lists/maps were merged). */
  occurrences: SourcePosition[];
}

export interface EjabberdListener {
  /** The listener's map in `listen`. */
  at: SourcePosition;
  port?: { value: number | string; at: SourcePosition };
  /** Absent: all interfaces (ejabberd_listener prepare_opts default {0,0,0,0}). */
  ip?: { value: string; at: SourcePosition };
  module?: { value: string; at: SourcePosition };
  /** `transport: udp` for STUN; tcp when absent. */
  transport?: { value: string; at: SourcePosition };
  tls?: { value: boolean; at: SourcePosition };
  starttls?: { value: boolean; at: SourcePosition };
  starttlsRequired?: { value: boolean; at: SourcePosition };
  /** `request_handlers` of ejabberd_http: path → handler module. */
  requestHandlers: { path: string; module: string; at: SourcePosition }[];
  /** All the listener's options, as written. */
  options: EjabberdEntry[];
}

export interface EjabberdMacro {
  name: string;
  value: EjabberdValue;
  /** Position of the macro's name in `define_macro`. */
  at: SourcePosition;
}

export interface EjabberdConfig {
  mainFile: string;
  /** Every file read, main file first, in the order ejabberd reads them (includes in place, then modules.d). */
  files: string[];
  /** Top-level options, in order of first occurrence; `define_macro` and `include_config_file` are consumed. */
  global: Map<string, EjabberdOption>;
  /** `hosts`, lower-cased as ejabberd's domain validator does. */
  hosts: { name: string; at: SourcePosition }[];
  /** host → options set under `host_config` (they replace the global value for that host). */
  hostConfig: Map<string, Map<string, EjabberdOption>>;
  /** host → options under `append_host_config` (lists/maps appended to the host or global value). */
  appendHostConfig: Map<string, Map<string, EjabberdOption>>;
  listeners: EjabberdListener[];
  /**
   * Macros by name (main file and its includes). Files in modules.d are parsed separately by
   * ejabberd and their macros apply only to themselves; they are listed here too, keyed
   * `file#NAME` when the name is already taken. EJABBERD_MACRO_<NAME> environment variables
   * can override any of them at runtime (ejabberd_config:get_additional_macros/0): not known here.
   */
  macros: Map<string, EjabberdMacro>;
  diagnostics: Diagnostic[];
  /** True when ejabberd 23.01 would refuse to start with this config. */
  refusedByServer: boolean;
  /** Where this installation writes ejabberd.log (installation.ts); the Debian default when left out. */
  log?: EjabberdLogLocation;
}

/** A module as configured for one host: its option map as written, and where it is named. */
export interface EffectiveModule {
  options: EjabberdValue;
  at: SourcePosition;
}
