import { readFileSync } from 'node:fs';
import type { SourcePosition } from '../../src/inventory/evidence.js';

/**
 * The 1-based position of the nth occurrence of `needle` in a file, found in the text itself
 * (independently of any reader), so tests state positions without hard-coding columns. Lines
 * starting with `commentPrefix` are skipped: fixture comments mention option names too.
 */
export function locateInFile(path: string, needle: string, commentPrefix: string, nth = 1): SourcePosition {
  const lines = readFileSync(path, 'utf8').split('\n');
  let seen = 0;
  for (const [i, line] of lines.entries()) {
    if (line.trimStart().startsWith(commentPrefix)) continue;
    let from = 0;
    for (;;) {
      const col = line.indexOf(needle, from);
      if (col < 0) break;
      seen += 1;
      if (seen === nth) return { file: path, line: i + 1, column: col + 1 };
      from = col + 1;
    }
  }
  throw new Error(`"${needle}" (occurrence ${nth}) not found in ${path}`);
}
