import type { SourcePosition } from '../../../inventory/evidence.js';

/** One `NAME=value` assignment read from an env file or a script. */
export interface EnvAssignment {
  name: string;
  value: string;
  /** The value holds `$VAR` or `$(...)`, which a static reading cannot expand. */
  dynamic: boolean;
  at: SourcePosition;
  valueAt: SourcePosition;
  /** Offsets of the name and the value in the text, for texts that do not start a file. */
  offset: number;
  valueOffset: number;
}

/**
 * Reads `NAME=value` lines as both sh (`. file` / `set -a`) and systemd's EnvironmentFile=
 * read them: optional `export `, single or double quotes, `#` comments. Lines that are not
 * assignments are skipped (a script's other commands). Later assignments win.
 */
export function readEnvAssignments(text: string, file: string): EnvAssignment[] {
  const out: EnvAssignment[] = [];
  const lines = text.split('\n');
  let lineStart = 0;
  for (let i = 0; i < lines.length; lineStart += (lines[i] as string).length + 1, i++) {
    const line = lines[i] as string;
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    const lead = (m[1] as string).length;
    const raw = (m[3] as string).replace(/\r$/, '');
    let value: string;
    const q = raw[0];
    if (q === '"' || q === "'") {
      const end = raw.indexOf(q, 1);
      value = end < 0 ? raw.slice(1) : raw.slice(1, end);
    } else {
      value = raw.replace(/\s+#.*$/, '').replace(/\s*;.*$/, '').trim();
    }
    out.push({
      name: m[2] as string,
      value,
      dynamic: q !== "'" && /\$/.test(value),
      at: { file, line: i + 1, column: lead + 1 },
      valueAt: { file, line: i + 1, column: lead + (m[2] as string).length + 2 },
      offset: lineStart + lead,
      valueOffset: lineStart + lead + (m[2] as string).length + 1,
    });
  }
  return out;
}
