import type { DefaultOrigin, SourcePosition } from '../../inventory/evidence.js';

/**
 * The retention-relevant settings of a logrotate block, each with where it was stated. Blocks
 * copy the current defaults, which top-level directives change (logrotate 3.21.0 config.c).
 */
export type Period = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly';

export type Criterion = { kind: 'size'; bytes: number } | { kind: Period };

export interface Stated<T> {
  value: T;
  at: SourcePosition;
  /** The directive as written, for messages: `rotate 14`. */
  text: string;
  default?: DefaultOrigin;
}

export interface RotationSettings {
  criterion: Stated<Criterion>;
  rotate: Stated<number>;
  maxage?: Stated<number>;
  minsize?: Stated<number>;
  maxsize?: Stated<number>;
  olddir?: Stated<string>;
}

/** logrotate 3.21.0 config.c:783-787 (readAllConfigPaths): criterium ROT_SIZE, threshold 1 MiB, rotateCount 0. */
const COMPILED_DEFAULT_SOURCE = 'config.c:783-787 (readAllConfigPaths)';

/**
 * The compiled-in defaults, positioned at `at` (the start of the main configuration file), for
 * the release assumed (`release`, and `note` that says so in messages: software-releases.ts releaseOf).
 */
export function compiledDefaults(at: SourcePosition, assumed: { release: string; note: string }): RotationSettings {
  const origin: DefaultOrigin = { software: 'logrotate', release: assumed.release, source: COMPILED_DEFAULT_SOURCE };
  return {
    criterion: { value: { kind: 'size', bytes: 1024 * 1024 }, at, text: `size 1M (compiled-in default, ${assumed.note})`, default: origin },
    rotate: { value: 0, at, text: `rotate 0 (compiled-in default, ${assumed.note})`, default: origin },
  };
}

export function copySettings(s: RotationSettings): RotationSettings {
  return { ...s };
}

/** "1 MiB", "10 KiB", "1048577 bytes": the size as a reader thinks of it. */
export function sizeText(bytes: number): string {
  for (const [unit, factor] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor} ${unit}`;
  }
  return `${bytes} bytes`;
}
