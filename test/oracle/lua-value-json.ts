import type { LuaValue } from '../../src/software/prosody/config-model.js';

/**
 * privacy-lint's LuaValue in the JSON shape test/oracle/dump-prosody-config.lua prints for
 * Prosody's own values, so the two can be compared with a deep equality. The rules mirror the
 * Lua encoder exactly (see its header):
 *   strings, booleans as is; numbers as is except NaN/±inf → "NaN"/"Infinity"/"-Infinity", -0 → 0;
 *   table with keys 1..n only → array; only string keys → object; empty → {};
 *   otherwise { $type: 'table', array, fields, other: [[key, value], ...] } (other: sorted, see
 *   inCanonicalOrder; it holds integer keys beyond a hole and keys of any other type);
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
  const other: [Json, Json][] = [];
  for (const entry of table.otherEntries ?? []) {
    const key = luaValueToJson(entry.key);
    const json = luaValueToJson(entry.value);
    if (key === UNKNOWN || json === UNKNOWN) return UNKNOWN;
    if (key === ABSENT || json === ABSENT) continue; // t[nil] cannot exist; t[k] = nil is no entry
    if (typeof key === 'number' && Number.isInteger(key) && key >= 1) integerKeys.set(key, json);
    else other.push([key, json]);
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
  for (const [key, json] of integerKeys) if (key > n) other.push([key, json]);
  const hasFields = Object.keys(fields).length > 0;
  if (other.length === 0 && !hasFields) return n > 0 ? array : {};
  if (other.length === 0 && n === 0) return fields;
  return { $type: 'table', array, fields, other: sortOther(other) };
}

const byKeyText = (a: [Json, Json], b: [Json, Json]): number => {
  const [x, y] = [JSON.stringify(a[0]), JSON.stringify(b[0])];
  return x < y ? -1 : x > y ? 1 : 0;
};
const sortOther = (other: [Json, Json][]): [Json, Json][] => [...other].sort(byKeyText);

/**
 * The same JSON with every `other` list of a `$type: 'table'` sorted by its keys' JSON text as
 * JavaScript writes it. The Lua encoder sorts by its own number formatting ("%.17g": 0.1 is
 * 0.10000000000000001), so both sides go through this before being compared.
 */
export function inCanonicalOrder(json: Json): Json {
  if (Array.isArray(json)) return json.map(inCanonicalOrder);
  if (json === null || typeof json !== 'object') return json;
  const result: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(json)) result[key] = inCanonicalOrder(value);
  if (json.$type === 'table' && Array.isArray(result.other)) {
    result.other = sortOther(result.other.filter((pair): pair is [Json, Json] => Array.isArray(pair) && pair.length === 2));
  }
  return result;
}
