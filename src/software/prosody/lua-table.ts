import type { SourcePosition } from '../../inventory/evidence.js';
import type { Val } from './runtime-value.js';

/** A key a table can be indexed with statically: strings, numbers, booleans. */
export type TableKey = Extract<Val, { type: 'string' | 'number' | 'boolean' }>;

export interface TableEntry {
  key: TableKey;
  value: Val;
  /** Where the key was written (`name` in `{ name = v }`), for options set by table-form sections. */
  keyAt: SourcePosition;
}

function encodeKey(key: TableKey): string {
  switch (key.type) {
    case 'string':
      return `s${key.value}`;
    case 'number':
      return `n${key.value}`;
    case 'boolean':
      return `b${String(key.value)}`;
  }
}

const NO_VALUES: readonly Val[] = Object.freeze([]);

/**
 * A Lua table during evaluation: mutable and shared by reference, like in Lua, so that
 * `local t = {}; modules_enabled = t; t[#t+1] = "mam"` changes the option too.
 *
 * Like Lua's own tables it has an array part (keys 1..n, all non-nil, n = the border ipairs
 * stops at) and a hash part created only when needed: configs hold many small lists, and a Map
 * per table would dominate memory on large configs.
 */
export class LuaTable {
  private values: Val[];
  private keyAts: SourcePosition[];
  private hash: Map<string, TableEntry> | undefined;
  private unknowns: Val[] | undefined;

  /**
   * `level`: speculation level at which the table was created (see eval-state.ts). `values`
   * (non-nil) and their positions, when given, become t[1..n]; the table owns the arrays.
   */
  constructor(
    readonly level: number,
    values: Val[] = [],
    keyAts: SourcePosition[] = [],
  ) {
    this.values = values;
    this.keyAts = keyAts;
  }

  /** Values stored under keys that could not be known statically. */
  get unknownEntries(): readonly Val[] {
    return this.unknowns ?? NO_VALUES;
  }

  addUnknownEntry(value: Val): void {
    (this.unknowns ??= []).push(value);
  }

  get(key: TableKey): Val | undefined {
    if (key.type === 'number' && Number.isInteger(key.value) && key.value >= 1 && key.value <= this.values.length) {
      return this.values[key.value - 1];
    }
    return this.hash?.get(encodeKey(key))?.value;
  }

  set(key: TableKey, value: Val, keyAt: SourcePosition): void {
    const n = this.values.length;
    if (key.type === 'number' && Number.isInteger(key.value)) {
      const i = key.value;
      if (i >= 1 && i <= n) {
        if (value.type !== 'nil') {
          this.values[i - 1] = value;
          this.keyAts[i - 1] = keyAt;
          return;
        }
        // A hole: the entries after it leave the array part.
        for (let j = i + 1; j <= n; j++) this.hashSet(j, this.values[j - 1] as Val, this.keyAts[j - 1] as SourcePosition);
        this.values.length = i - 1;
        this.keyAts.length = i - 1;
        return;
      }
      if (i === n + 1) {
        if (value.type === 'nil') return;
        this.values.push(value);
        this.keyAts.push(keyAt);
        this.absorbFollowing();
        return;
      }
    }
    const code = encodeKey(key);
    if (value.type === 'nil') {
      this.hash?.delete(code);
      return;
    }
    this.hash ??= new Map();
    const existing = this.hash.get(code);
    if (existing) {
      existing.value = value;
      existing.keyAt = keyAt;
    } else {
      this.hash.set(code, { key, value, keyAt });
    }
  }

  private hashSet(index: number, value: Val, keyAt: SourcePosition): void {
    (this.hash ??= new Map()).set(`n${index}`, { key: { type: 'number', value: index, float: false, at: keyAt }, value, keyAt });
  }

  /** Moves t[n+1], t[n+2], ... from the hash part into the array part after the array grew. */
  private absorbFollowing(): void {
    if (!this.hash) return;
    for (;;) {
      const code = `n${this.values.length + 1}`;
      const entry = this.hash.get(code);
      if (!entry) return;
      this.hash.delete(code);
      this.values.push(entry.value);
      this.keyAts.push(entry.keyAt);
    }
  }

  /** The border `n` such that t[1..n] are non-nil and t[n+1] is nil (what ipairs walks). */
  sequenceLength(): number {
    return this.values.length;
  }

  /**
   * `#t`: a border. When integer keys exist past the first border, Lua may return any border,
   * so the length is not known.
   */
  length(): number | undefined {
    if (this.hash) {
      for (const entry of this.hash.values()) {
        if (entry.key.type === 'number' && Number.isInteger(entry.key.value) && entry.key.value > this.values.length + 1) return undefined;
      }
    }
    return this.values.length;
  }

  /** table.insert(t, v) */
  append(value: Val, at: SourcePosition): void {
    this.set({ type: 'number', value: this.values.length + 1, float: false, at }, value, at);
  }

  /** table.insert(t, pos, v) with 1 <= pos <= #t + 1: shifts t[pos..n] up by one. */
  insertAt(pos: number, value: Val, at: SourcePosition): void {
    this.values.splice(pos - 1, 0, value);
    this.keyAts.splice(pos - 1, 0, at);
    this.absorbFollowing();
  }

  /** The array part, in order. */
  arrayValues(): readonly Val[] {
    return this.values;
  }

  /** Entries of the hash part (keys that are not 1..#array), in insertion order. */
  hashEntries(): TableEntry[] {
    return this.hash ? [...this.hash.values()] : [];
  }

  /** Every entry: the array part first, then the hash part. */
  allEntries(): TableEntry[] {
    const entries: TableEntry[] = this.values.map((value, i) => {
      const keyAt = this.keyAts[i] as SourcePosition;
      return { key: { type: 'number', value: i + 1, float: false, at: keyAt }, value, keyAt };
    });
    return this.hash ? entries.concat([...this.hash.values()]) : entries;
  }

  /** True when some key is not in the array part (even if its entry was removed since). */
  hasHashPart(): boolean {
    return this.hash !== undefined;
  }

  hasUnknownKeys(): boolean {
    return this.unknowns !== undefined;
  }
}
