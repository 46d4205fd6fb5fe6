import type { LuaValue } from '../../src/software/prosody/config-model.js';

/**
 * privacy-lint's LuaValue in the JSON shape test/oracle/dump-prosody-config.lua prints for
 * Prosody's own values, so the two can be compared with a deep equality. The rules mirror the
 * Lua encoder exactly (see its header):
 *   strings, booleans as is; numbers as is except NaN/±inf → "NaN"/"Infinity"/"-Infinity", -0 → 0;
 *   table with keys 1..n only → array; only string keys → object; empty → {};
 *   otherwise { $type: 'table', array, fields, other: [[key, value], ...] };
 *   function → { $type: 'function' }.
 * `nil` is absence (Lua tables cannot hold nil), so it maps to ABSENT; a value that is or
 * contains `unknown` (or a table entry with an unknown key) cannot be compared: UNKNOWN.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const ABSENT = Symbol('absent');
export const UNKNOWN = Symbol('unknown');
export type Comparable = Json | typeof ABSENT | typeof UNKNOWN;

/** Same handling of special numbers as the Lua encoder's json_number. */
export function jsonNumber(n: number): Json {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return Object.is(n, -0) ? 0 : n;
}

export function luaValueToJson(value: LuaValue): Comparable {
  switch (value.type) {
    case 'nil':
      return ABSENT;
    case 'unknown':
      return UNKNOWN;
    case 'boolean':
    case 'string':
      return value.value;
    case 'number':
      return jsonNumber(value.value);
    case 'function':
      return { $type: 'function' };
    case 'table':
      return tableToJson(value);
  }
}

function tableToJson(table: Extract<LuaValue, { type: 'table' }>): Comparable {
  if (table.unknownEntries.length > 0) return UNKNOWN;
  // Integer keys as Lua sees them: array item i is key i+1; a nil item is a hole (no key).
  const integerKeys = new Map<number, Json>();
  for (const [index, item] of table.items.entries()) {
    const json = luaValueToJson(item);
    if (json === UNKNOWN) return UNKNOWN;
    if (json !== ABSENT) integerKeys.set(index + 1, json);
  }
  const fields: Record<string, Json> = {};
  for (const [name, field] of table.fields) {
    const json = luaValueToJson(field);
    if (json === UNKNOWN) return UNKNOWN;
    if (json !== ABSENT) fields[name] = json;
  }
  let n = 0;
  while (integerKeys.has(n + 1)) n += 1;
  const array: Json[] = [];
  for (let i = 1; i <= n; i += 1) array.push(integerKeys.get(i) as Json);
  const other: [Json, Json][] = [...integerKeys]
    .filter(([key]) => key > n)
    .map(([key, json]): [Json, Json] => [key, json])
    // The Lua side sorts by the key's JSON text.
    .sort((a, b) => (JSON.stringify(a[0]) < JSON.stringify(b[0]) ? -1 : 1));
  const hasFields = Object.keys(fields).length > 0;
  if (other.length === 0 && !hasFields) return n > 0 ? array : {};
  if (other.length === 0 && n === 0) return fields;
  return { $type: 'table', array, fields, other };
}
