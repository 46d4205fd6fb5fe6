import type { SourcePosition } from '../../inventory/evidence.js';
import type { Val } from './runtime-value.js';

/** A key a table can be indexed with statically: strings, numbers, booleans. */
export type TableKey = Extract<Val, { kind: 'string' | 'number' | 'boolean' }>;

interface Entry {
  key: TableKey;
  value: Val;
  /** Where the key was written (`name` in `{ name = v }`), for options set by table-form sections. */
  keyAt: SourcePosition;
}

function encodeKey(key: TableKey): string {
  switch (key.kind) {
    case 'string':
      return `s${key.value}`;
    case 'number':
      return `n${key.value}`;
    case 'boolean':
      return `b${key.value}`;
  }
}

/**
 * A Lua table during evaluation: mutable and shared by reference, like in Lua, so that
 * `local t = {}; modules_enabled = t; t[#t+1] = "mam"` changes the option too.
 */
export class LuaTable {
  private readonly entries = new Map<string, Entry>();
  /** Values stored under keys that could not be known statically. */
  readonly unknownEntries: Val[] = [];

  /** Speculation level at which the table was created (see eval-state.ts). */
  constructor(readonly level: number) {}

  get(key: TableKey): Val | undefined {
    return this.entries.get(encodeKey(key))?.value;
  }

  set(key: TableKey, value: Val, keyAt: SourcePosition): void {
    const code = encodeKey(key);
    if (value.kind === 'nil') {
      this.entries.delete(code);
      return;
    }
    const existing = this.entries.get(code);
    if (existing) {
      existing.value = value;
      existing.keyAt = keyAt;
    } else {
      this.entries.set(code, { key, value, keyAt });
    }
  }

  /** The border `n` such that t[1..n] are non-nil and t[n+1] is nil (what ipairs walks). */
  sequenceLength(): number {
    let n = 0;
    while (this.entries.has(`n${n + 1}`)) n++;
    return n;
  }

  /**
   * `#t`: a border. When integer keys exist past the first border, Lua may return any border,
   * so the length is not known.
   */
  length(): number | undefined {
    const n = this.sequenceLength();
    for (const entry of this.entries.values()) {
      if (entry.key.kind === 'number' && Number.isInteger(entry.key.value) && entry.key.value > n + 1) return undefined;
    }
    return n;
  }

  /** table.insert(t, v) */
  append(value: Val, at: SourcePosition): void {
    this.set({ kind: 'number', value: this.sequenceLength() + 1, float: false, at }, value, at);
  }

  /** table.insert(t, pos, v): shifts t[pos..n] up by one. */
  insertAt(pos: number, value: Val, at: SourcePosition): void {
    const n = this.sequenceLength();
    for (let i = n; i >= pos; i--) {
      const moved = this.entries.get(`n${i}`);
      if (moved) this.set({ kind: 'number', value: i + 1, float: false, at: moved.keyAt }, moved.value, moved.keyAt);
    }
    this.set({ kind: 'number', value: pos, float: false, at }, value, at);
  }

  allEntries(): Entry[] {
    return [...this.entries.values()];
  }

  hasUnknownKeys(): boolean {
    return this.unknownEntries.length > 0;
  }
}
