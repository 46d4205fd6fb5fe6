import type { Diagnostic } from '../../../inventory/diagnostic.js';
import type { SourcePosition } from '../../../inventory/evidence.js';

export interface ConfValue {
  value: string;
  /** Holds `$…` or backquotes: its value is only known at runtime. */
  dynamic: boolean;
  at: SourcePosition;
}

export interface DuplyConf {
  file: string;
  values: Map<string, ConfValue>;
  /** Every DUPL_PARAMS assignment, in order (the template appends with "$DUPL_PARAMS ..."). */
  duplParams: ConfValue[];
  diagnostics: Diagnostic[];
}

/**
 * A duply profile's `conf`, read without running it. duply sources it with bash (duply 2.4.1
 * /usr/bin/duply: `. "$CONF"`), so anything but plain `NAME=value` assignments and comments is
 * reported as unknown: it could change any setting at runtime.
 */
export function readDuplyConf(file: string, text: string): DuplyConf {
  const conf: DuplyConf = { file, values: new Map(), duplParams: [], diagnostics: [] };
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (/^\s*(#|$)/.test(line)) return;
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)=('([^']*)'|"((?:[^"\\]|\\.)*)"|([^\s'"#;]*))\s*(#.*)?$/.exec(line);
    if (!m) {
      conf.diagnostics.push({
        code: 'unknown-value',
        message: `duply sources this profile with bash; "${line.trim()}" is not a plain NAME=value assignment, so the settings it may change are unknown`,
        position: { file, line: index + 1, column: (line.length - line.trimStart().length) + 1 },
      });
      return;
    }
    const name = m[2] as string;
    const single = m[4];
    const value = single ?? m[5] ?? m[6] ?? '';
    const at: SourcePosition = { file, line: index + 1, column: (m[1] as string).length + 1 };
    const entry: ConfValue = { value, dynamic: single === undefined && /[$`]/.test(value), at };
    if (name === 'DUPL_PARAMS') conf.duplParams.push(entry);
    conf.values.set(name, entry);
  });
  return conf;
}
