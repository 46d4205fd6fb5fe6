import type { ColorSupportLevel } from 'chalk';

export interface ColorChoice {
  /** true for --color, false for --no-color, undefined when neither was given. */
  flag: boolean | undefined;
  env: Record<string, string | undefined>;
  /** Whether the stream the report goes to is a terminal. */
  isTTY: boolean;
  /** Whether the report goes to --output-file. */
  toFile: boolean;
}

/**
 * The chalk level for the report. Precedence: the flags; then FORCE_COLOR (which wins over
 * NO_COLOR, as in Node.js itself) and NO_COLOR (https://no-color.org: set and non-empty);
 * then colour only for a terminal and never into a file.
 */
export function colorLevel(choice: ColorChoice): ColorSupportLevel {
  const forced = forceColorLevel(choice.env.FORCE_COLOR);
  if (choice.flag === false) return 0;
  if (choice.flag === true) return forced !== undefined && forced > 0 ? forced : 1;
  if (forced !== undefined) return forced;
  const noColor = choice.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return 0;
  return choice.isTTY && !choice.toFile ? 1 : 0;
}

/** FORCE_COLOR as chalk's supports-color reads it: '' and 'true' = 1, 'false' = 0, else 0..3. */
function forceColorLevel(value: string | undefined): ColorSupportLevel | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value === 'true') return 1;
  if (value === 'false') return 0;
  const n = Number.parseInt(value, 10);
  if (Number.isNaN(n)) return 1;
  return Math.max(0, Math.min(n, 3)) as ColorSupportLevel;
}
