import type { ProsodyRelease } from '../../config/types.js';
import type { Evidence, SourcePosition } from '../../inventory/evidence.js';
import type { LuaValue, ProsodyConfig, ProsodySection } from './config-model.js';
import { effectiveOption } from './effective-option.js';
import type { LuaScalar } from './periods.js';

/** A module default, with where in Prosody's source it was read. */
export interface ProsodyDefault {
  value: LuaScalar;
  /** Source reference per release, e.g. "modules/mod_mam/mod_mam.lua:46". */
  source: Record<ProsodyRelease, string>;
}

/** An option as a module reads it: the value, whether it is the default, and the evidence. */
export interface OptionReading {
  name: string;
  /** The scalar the module sees (get_option_scalar: a table yields its first item). */
  scalar: LuaScalar;
  /** The full value when set (tables, for list options). */
  value: LuaValue | undefined;
  /** When the value depends on the runtime: why, and where. */
  unknown?: { reason: string; at: SourcePosition };
  /** True when the option is not set and the module's default applies. */
  isDefault: boolean;
  /** 'section' = set in this host/component; 'global' = inherited from the global section. */
  from: 'section' | 'global' | 'default';
  evidence: Evidence;
}

/**
 * Reads options the way Prosody's moduleapi does (0.12 core/moduleapi.lua:202-220: own value,
 * else the global one, else the module default; a table yields its first item), keeping evidence.
 */
export class OptionReader {
  constructor(
    readonly config: ProsodyConfig,
    readonly release: ProsodyRelease,
  ) {}

  /** The position a default is reported at: the section's first declaration, or the main file. */
  anchor(section: ProsodySection): SourcePosition {
    return section.declarations[0] ?? { file: this.config.mainFile, line: 1, column: 1 };
  }

  /**
   * Readings per section: the interpreters ask for the same option of a host several times
   * (archive, push, accounts...), and on 100,000 hosts building each reading again was a tenth of
   * the run. Readings are never changed after they are made, so one object serves every asker.
   */
  // One short list per section (about eleven names, searched in order) rather than a map of
  // lists: on 100,000 hosts the maps and lists were held until the interpretation ended. A Map,
  // not a WeakMap: the reader ends with the interpretation, and weak entries cost the collector.
  private readonly readings = new Map<ProsodySection, CachedReading[]>();
  /**
   * The note and origin of a default reading depend on the option, not the section: made once and
   * shared by every host that leaves the option unset.
   */
  private readonly defaults = new Map<string, DefaultNote[]>();

  read(section: ProsodySection, name: string, fallback?: ProsodyDefault, moduleName?: string): OptionReading {
    let list = this.readings.get(section);
    if (list === undefined) this.readings.set(section, (list = []));
    // Compared field by field rather than through a key string: 19 reads per host made building
    // the key most of the cost of a cached read.
    const value = fallback?.value;
    const source = fallback?.source[this.release];
    for (const c of list) {
      if (c.name === name && c.moduleName === moduleName && c.hasFallback === (fallback !== undefined) && Object.is(c.value, value) && c.source === source) return c.reading;
    }
    const reading = this.readUncached(section, name, fallback, moduleName);
    list.push({ name, moduleName, hasFallback: fallback !== undefined, value, source, reading });
    return reading;
  }

  private readUncached(section: ProsodySection, name: string, fallback?: ProsodyDefault, moduleName?: string): OptionReading {
    const found = effectiveOption(this.config, section.name, name);
    if (!found || found.option.value.type === 'nil') {
      const at = this.anchor(section);
      const value = fallback?.value;
      const { note, origin } = this.defaultNote(name, fallback, moduleName);
      return {
        name,
        scalar: value,
        value: undefined,
        isDefault: true,
        from: 'default',
        evidence: origin ? { file: at.file, line: at.line, column: at.column, note, default: origin } : { file: at.file, line: at.line, column: at.column, note },
      };
    }
    const { option, from } = found;
    const scalarValue = firstScalar(option.value);
    const where = from === 'global' && section.name !== '*' ? ' (global, inherited by ' + section.name + ')' : '';
    const reading: OptionReading = {
      name,
      scalar: scalarValue.scalar,
      value: option.value,
      isDefault: false,
      from,
      // Fields named, not spread: a spread per reading was a tenth of a 10,000-host run.
      evidence: { file: option.at.file, line: option.at.line, column: option.at.column, note: `${name} = ${describeValue(option.value)}${where}` },
    };
    if (scalarValue.unknown) reading.unknown = scalarValue.unknown;
    return reading;
  }

  /**
   * Found by comparing the default's value and source as read() compares readings: building a
   * key string for each of the ten default readings per host was a tenth of the reading time.
   */
  private defaultNote(name: string, fallback: ProsodyDefault | undefined, moduleName: string | undefined): DefaultNote {
    let notes = this.defaults.get(name);
    if (notes === undefined) this.defaults.set(name, (notes = []));
    const value = fallback?.value;
    const source = fallback?.source[this.release];
    for (const n of notes) {
      if (n.moduleName === moduleName && (n.fallback === undefined) === (fallback === undefined) && Object.is(n.fallback?.value, value) && n.fallback?.source[this.release] === source) return n;
    }
    const origin = fallback ? { software: 'prosody', release: this.release, source: fallback.source[this.release] } : undefined;
    const shown = value === undefined ? 'unset' : luaLiteral(value);
    const owner = moduleName ? ` (default of ${moduleName}, Prosody ${this.release})` : ` (Prosody ${this.release} default)`;
    const note: DefaultNote = { moduleName, fallback, note: `${name} not set: ${shown}${fallback ? owner : ''}`, origin };
    notes.push(note);
    return note;
  }
}

/** The note and origin of an option left at its default, with what it was read with. */
interface DefaultNote {
  moduleName: string | undefined;
  fallback: ProsodyDefault | undefined;
  note: string;
  origin: Evidence['default'];
}

/** A reading of one option name, with what it was read with. */
interface CachedReading {
  name: string;
  moduleName: string | undefined;
  hasFallback: boolean;
  value: LuaScalar;
  source: string | undefined;
  reading: OptionReading;
}


/** get_option_scalar: tables yield their first array item (0.12 core/moduleapi.lua:211-220). */
function firstScalar(value: LuaValue): { scalar: LuaScalar; unknown?: { reason: string; at: SourcePosition } } {
  switch (value.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return { scalar: value.value };
    case 'nil':
      return { scalar: undefined };
    case 'table': {
      const first = value.items[0];
      return first ? firstScalar(first) : { scalar: undefined };
    }
    case 'function':
      return { scalar: undefined, unknown: { reason: 'a function value', at: value.at } };
    case 'unknown':
      return { scalar: undefined, unknown: { reason: value.reason, at: value.at } };
  }
}

export function luaLiteral(value: LuaScalar): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** Short source-like rendering of a value for evidence notes. */
export function describeValue(value: LuaValue): string {
  switch (value.type) {
    case 'string':
      return JSON.stringify(value.value);
    case 'number':
    case 'boolean':
      return String(value.value);
    case 'nil':
      return 'nil';
    case 'function':
      return 'a function';
    case 'unknown':
      return `unknown (${value.reason})`;
    case 'table': {
      const parts = value.items.slice(0, 6).map(describeValue);
      for (const [k, v] of value.fields) if (parts.length < 6) parts.push(`${k} = ${describeValue(v)}`);
      const more = value.items.length + value.fields.size > 6 ? ', …' : '';
      return `{ ${parts.join(', ')}${more} }`;
    }
  }
}
