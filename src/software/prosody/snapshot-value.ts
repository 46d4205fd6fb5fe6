import type { LuaValue } from './config-model.js';
import { globalReason } from './lua-globals.js';
import type { LuaTable, TableKey } from './lua-table.js';
import type { Val } from './runtime-value.js';

/**
 * Shared by every table without string keys or unknown keys (most lists): a Map and an array
 * per table would be most of a huge config's memory. Nothing may change them: the array is
 * frozen, and the Map's writing methods throw.
 */
const NO_FIELDS: Map<string, LuaValue> = new Map();
for (const method of ['set', 'delete', 'clear'] as const) {
  Object.defineProperty(NO_FIELDS, method, {
    value: () => {
      throw new TypeError('the fields of a LuaValue table are read-only');
    },
  });
}
const NO_VALUES = Object.freeze([]) as unknown as LuaValue[];

const isIndex = (k: TableKey): boolean => k.type === 'number' && Number.isInteger(k.value) && k.value >= 1;

/**
 * Turns evaluation values into the exported LuaValue model. One Snapshotter is used for a whole
 * config so that a table shared by two options becomes one LuaValue object: Prosody's module
 * loader compares a host's `modules_enabled` with the global one by identity
 * (0.12 core/modulemanager.lua:106-107), and module-set.ts does the same.
 */
export class Snapshotter {
  /** LuaValue of each table already done; a table being done maps to null (it contains itself). */
  private readonly done = new Map<LuaTable, LuaValue | null>();

  /**
   * Evaluation values that already have the exported shape (strings, booleans, most nil and
   * unknown values) are exported as they are: they never change, and on a huge config new
   * objects for them would be a good part of the loader's garbage.
   */
  value(v: Val): LuaValue {
    switch (v.type) {
      case 'nil':
        return 'undefinedName' in v ? { type: 'nil', at: v.at } : v;
      case 'boolean':
      case 'string':
        return v;
      case 'number':
        return { type: 'number', value: v.value, at: v.at };
      case 'function':
        return { type: 'function', at: v.at };
      case 'proxy':
        return {
          type: 'unknown',
          reason: `a Prosody 13.0 option proxy for \`${v.option}\` (reading a list option back gives a proxy object, not the list)`,
          at: v.at,
        };
      case 'global':
        return { type: 'unknown', reason: globalReason(v.path), at: v.at };
      case 'unknown':
        if (!('truthy' in v)) return v;
        return v.possibly === undefined
          ? { type: 'unknown', reason: v.reason, at: v.at }
          : { type: 'unknown', reason: v.reason, at: v.at, possibly: v.possibly };
      case 'table':
        return this.table(v.table, v.at);
    }
  }

  /**
   * Positive integer keys form `items`, with nil holes (`{ "a", nil, "b" }` → a, nil, b), as long
   * as the array is not mostly holes; Lua's ipairs stops at the first hole. Other known keys go
   * to `otherEntries`.
   */
  private table(t: LuaTable, at: LuaValue['at']): LuaValue {
    const existing = this.done.get(t);
    if (existing) return existing;
    if (existing === null) return { type: 'unknown', reason: 'a table that contains itself', at };
    if (!t.hasHashPart() && !t.hasUnknownKeys()) {
      // A list (most tables): no entry can be the table itself but through its items.
      this.done.set(t, null);
      const list: LuaValue = { type: 'table', items: t.arrayValues().map((v) => this.value(v)), fields: NO_FIELDS, unknownEntries: NO_VALUES, at };
      this.done.set(t, list);
      return list;
    }
    this.done.set(t, null);
    const items: LuaValue[] = t.arrayValues().map((v) => this.value(v));
    const hashEntries = t.hashEntries();
    const fields = hashEntries.some((e) => e.key.type === 'string') ? new Map<string, LuaValue>() : NO_FIELDS;
    const otherEntries: { key: LuaValue; value: LuaValue }[] = [];
    // Integer keys past the array part become items with nil holes, unless mostly holes.
    let indexCount = 0;
    let maxIndex = items.length;
    for (const e of hashEntries) {
      if (!isIndex(e.key)) continue;
      indexCount++;
      maxIndex = Math.max(maxIndex, e.key.value as number);
    }
    const arrayLimit = maxIndex <= items.length + 2 * indexCount + 16 ? maxIndex : items.length;
    for (let i = items.length; i < arrayLimit; i++) items.push({ type: 'nil', at });
    for (const entry of hashEntries) {
      const key = entry.key;
      if (isIndex(key) && (key.value as number) <= arrayLimit) {
        items[(key.value as number) - 1] = this.value(entry.value);
      } else if (key.type === 'string') {
        fields.set(key.value, this.value(entry.value));
      } else {
        otherEntries.push({ key: this.value(key), value: this.value(entry.value) });
      }
    }
    const unknownEntries = t.hasUnknownKeys() ? t.unknownEntries.map((e) => this.value(e)) : NO_VALUES;
    const result: LuaValue =
      otherEntries.length > 0
        ? { type: 'table', items, fields, unknownEntries, otherEntries, at }
        : { type: 'table', items, fields, unknownEntries, at };
    this.done.set(t, result);
    return result;
  }
}
