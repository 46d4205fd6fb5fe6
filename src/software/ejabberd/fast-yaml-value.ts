import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { YamlNode, YamlScalar } from '../../formats/yaml/yaml-tree.js';
import type { EjabberdValue } from './config-model.js';

/**
 * fast_yaml's number test (c_src/fast_yaml.c make_num, p1_yaml 1.0.36): strtol base 10 must
 * consume everything, or stop at a '.' after which strtod consumes everything.
 */
const intPattern = /^[ \t\n\v\f\r]*[+-]?\d+$/;
const floatPattern = /^(?:[ \t\n\v\f\r]*[+-]?\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/;

/** The Erlang term fast_yaml makes of a scalar with `plain_as_atom` (make_scalar, fast_yaml.c). */
export function scalarValue(node: YamlScalar): EjabberdValue {
  const { text, style, at } = node;
  if (style === 'alias') return { kind: 'string', value: text, at }; // make_alias: the anchor name
  if (style === 'single') return { kind: 'atom', value: text, at };
  if (style === 'double') return { kind: 'string', value: text, at };
  if (text.length > 0 && intPattern.test(text)) return { kind: 'int', value: Number.parseInt(text, 10), at };
  if (text.length > 0 && floatPattern.test(text)) return { kind: 'float', value: Number.parseFloat(text), at };
  if (style === 'plain' && text.length > 0) return { kind: 'atom', value: text, at };
  return { kind: 'string', value: text, at };
}

/**
 * Converts a positioned YAML node into ejabberd's view of it. Map keys that are not scalars
 * cannot name anything in ejabberd: reported and given an empty name.
 */
export function toEjabberdValue(node: YamlNode, diagnostics: Diagnostic[]): EjabberdValue {
  switch (node.kind) {
    case 'scalar':
      return scalarValue(node);
    case 'seq':
      return { kind: 'list', items: node.items.map((n) => toEjabberdValue(n, diagnostics)), at: node.at };
    case 'map':
      return {
        kind: 'map',
        at: node.at,
        entries: node.entries.map((pair) => {
          if (pair.key.kind !== 'scalar') {
            diagnostics.push({ code: 'config-error', message: 'A map key must be a plain name, not a list or map', position: pair.key.at });
            return { key: '', keyAt: pair.key.at, value: toEjabberdValue(pair.value, diagnostics) };
          }
          return { key: pair.key.text, keyAt: pair.key.at, value: toEjabberdValue(pair.value, diagnostics) };
        }),
      };
  }
}

/** A scalar's text (atoms, strings, numbers); undefined for lists and maps. */
export function scalarText(value: EjabberdValue): string | undefined {
  if (value.kind === 'atom' || value.kind === 'string') return value.value;
  if (value.kind === 'int' || value.kind === 'float') return String(value.value);
  return undefined;
}

/** Lists and maps are Erlang lists after fast_yaml; group_dups and append_host_config only merge those. */
export function isErlangList(value: EjabberdValue): boolean {
  return value.kind === 'list' || value.kind === 'map';
}

/** proplists:get_value/2 on a map: the first entry with that key. */
export function mapGet(value: EjabberdValue | undefined, key: string): EjabberdValue | undefined {
  if (value?.kind !== 'map') return undefined;
  return value.entries.find((e) => e.key === key)?.value;
}

/** Printable description of a value's type, for messages. */
export function describeKind(value: EjabberdValue): string {
  switch (value.kind) {
    case 'atom':
    case 'string':
      return `'${value.value}'`;
    case 'int':
    case 'float':
      return String(value.value);
    case 'list':
      return 'a list';
    case 'map':
      return 'a map';
  }
}
