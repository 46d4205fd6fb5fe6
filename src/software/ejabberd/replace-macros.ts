import type { SourcePosition } from '../../inventory/evidence.js';
import type { EjabberdEntry, EjabberdValue, MacroUse } from './config-model.js';
import { describeKind } from './fast-yaml-value.js';
import { report, type ReaderState, where } from './reader-state.js';

/** yconf:validator(define_macro) = map(binary("^[A-Z_0-9]+$"), any()). */
const macroName = /^[A-Z_0-9]+$/;

interface Definition {
  name: string;
  at: SourcePosition;
  raw: EjabberdValue;
  expanded?: EjabberdValue;
  expanding?: boolean;
}

/**
 * The macro uses a value came through, nearest first, at most MAX_VIA of them: a chain of 5,000
 * macros each naming the next would otherwise copy a list of every use at every step (quadratic).
 */
const MAX_VIA = 8;

/**
 * A macro whose value names a macro whose value names a macro... is expanded this deep at most,
 * with a diagnostic there: expansion recurses per level, and 100,000 levels exhaust the stack.
 */
export const MAX_MACRO_DEPTH = 100;

function withVia(value: EjabberdValue, use: MacroUse): EjabberdValue {
  const via = [use];
  for (const earlier of value.via ?? []) {
    if (via.length >= MAX_VIA) break;
    via.push(earlier);
  }
  return { ...value, via };
}

/**
 * yconf:replace_macros/2 for one parse unit (a file and its includes): collects every
 * `define_macro` (partition_macros/1), refuses duplicates (check_duplicated_macros/1), expands
 * macros inside macro values with a cycle check, then replaces macros in the other options'
 * values (never in keys). A scalar equal to a macro name is replaced by the macro's value,
 * whatever its type; inside a string scalar `@NAME@` is replaced when the macro's value is a
 * string too (yconf:replace_macro/4: is_binary(V) andalso is_binary(Val)). fast_yaml makes
 * plain and single-quoted scalars atoms, so `@NAME@` works only in double-quoted or block
 * scalars. A name-like scalar with no macro stays as written (not an error in ejabberd).
 */
export function replaceMacros(state: ReaderState, entries: EjabberdEntry[], unitFile: string): EjabberdEntry[] {
  // Macros of the files parsed before this one (the main file, for a modules.d file): not
  // visible here, which a writer may not expect.
  const foreign = new Map([...state.macros.values()].map((m) => [m.name, m]));
  const defs = new Map<string, Definition>();
  const rest: EjabberdEntry[] = [];
  for (const entry of entries) {
    if (entry.key !== 'define_macro') {
      rest.push(entry);
      continue;
    }
    const v = entry.value;
    if (v.kind === 'list' && v.items.length === 0) continue;
    if (v.kind !== 'map') {
      report(state, 'config-error', v.at, `Invalid value of option define_macro: Expected map, got ${describeKind(v)} instead`);
      continue;
    }
    for (const m of v.entries) {
      if (!macroName.test(m.key)) {
        report(state, 'config-error', m.keyAt, `Invalid value of option define_macro: String '${m.key}' doesn't match regular expression: ^[A-Z_0-9]+$`);
        continue;
      }
      const earlier = defs.get(m.key);
      if (earlier) {
        report(state, 'config-error', m.keyAt, `Duplicated macro: ${m.key} (first defined at ${where(earlier.at, m.keyAt)})`, 'ejabberd refuses to start; keep one definition');
        continue;
      }
      defs.set(m.key, { name: m.key, at: m.keyAt, raw: m.value });
    }
  }
  const reportedCycles = new Set<string>();
  let tooDeepReported = false;
  const expand = (def: Definition, depth: number): EjabberdValue => {
    if (def.expanded) return def.expanded;
    if (depth > MAX_MACRO_DEPTH) {
      if (!tooDeepReported) {
        tooDeepReported = true;
        report(state, 'unknown-value', def.at, `Macro ${def.name} is reached through more than ${MAX_MACRO_DEPTH} macros, each naming the next: privacy-lint does not expand it further, and options using the chain are read with the macro's name as their value`);
      }
      return def.raw;
    }
    if (def.expanding) {
      if (!reportedCycles.has(def.name)) {
        reportedCycles.add(def.name);
        report(state, 'config-error', def.at, `Circularly defined macro: ${def.name}`, 'ejabberd refuses to start; break the cycle');
      }
      return def.raw;
    }
    def.expanding = true;
    def.expanded = substitute(def.raw, depth);
    def.expanding = false;
    return def.expanded;
  };
  const substitute = (value: EjabberdValue, depth: number): EjabberdValue => {
    switch (value.kind) {
      case 'list':
        return { ...value, items: value.items.map((item) => substitute(item, depth)) };
      case 'map':
        return { ...value, entries: value.entries.map((e) => ({ ...e, value: substitute(e.value, depth) })) };
      case 'atom':
      case 'string': {
        const def = defs.get(value.value);
        if (def) {
          const replaced = expand(def, depth + 1);
          return withVia(replaced, { name: def.name, usedAt: value.at, definedAt: def.raw.at });
        }
        const other = foreign.get(value.value);
        if (other && macroName.test(value.value)) {
          // Verified on Debian's 23.01: a modules.d file using a main-file macro for db_type
          // fails with "unsupported database: LAST_DB" (ejabberd_config:read_yaml_files/2
          // parses each file with its own macros).
          report(
            state,
            'config-warning',
            value.at,
            `${value.value} is a macro of ${other.at.file}, but ejabberd parses this file on its own: here it is the literal value '${value.value}'`,
            `Define ${value.value} in this file too, or write the value`,
          );
        }
        if (value.kind !== 'string' || !value.value.includes('@')) return value;
        let text = value.value;
        const uses: MacroUse[] = [];
        for (const d of defs.values()) {
          const token = `@${d.name}@`;
          if (!text.includes(token)) continue;
          const replacement = expand(d, depth + 1);
          if (replacement.kind !== 'string') continue;
          text = text.split(token).join(replacement.value);
          uses.push({ name: d.name, usedAt: value.at, definedAt: d.raw.at });
        }
        return uses.length === 0 ? value : { ...value, value: text, via: [...uses, ...(value.via ?? [])] };
      }
      default:
        return value;
    }
  };
  for (const def of defs.values()) {
    const value = expand(def, 0);
    const key = state.macros.has(def.name) ? `${unitFile}#${def.name}` : def.name;
    state.macros.set(key, { name: def.name, value, at: def.at });
  }
  return rest.map((e) => ({ ...e, value: substitute(e.value, 0) }));
}
