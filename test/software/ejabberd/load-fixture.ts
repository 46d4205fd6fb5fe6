import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../../src/inventory/diagnostic.js';
import type { SourcePosition } from '../../../src/inventory/evidence.js';
import type { EjabberdConfig, EjabberdValue } from '../../../src/software/ejabberd/config-model.js';
import { loadEjabberdConfig } from '../../../src/software/ejabberd/load-config.js';

export const fixturesRoot = fileURLToPath(new URL('../../../fixtures/ejabberd-reader/', import.meta.url));

export function fixturePath(caseName: string, file = 'etc/ejabberd/ejabberd.yml'): string {
  return join(fixturesRoot, caseName, file);
}

export function loadFixture(caseName: string): EjabberdConfig {
  return loadEjabberdConfig(fixturePath(caseName), { root: join(fixturesRoot, caseName) });
}

/**
 * The 1-based position of the nth occurrence of `needle` in a fixture file, found in the text
 * itself (independently of the reader). Comment lines are skipped.
 */
export function locate(caseName: string, needle: string, file = 'etc/ejabberd/ejabberd.yml', nth = 1): SourcePosition {
  const path = fixturePath(caseName, file);
  const lines = readFileSync(path, 'utf8').split('\n');
  let seen = 0;
  for (const [i, line] of lines.entries()) {
    if (line.trimStart().startsWith('#')) continue;
    let from = 0;
    for (;;) {
      const col = line.indexOf(needle, from);
      if (col < 0) break;
      seen += 1;
      if (seen === nth) return { file: path, line: i + 1, column: col + 1 };
      from = col + 1;
    }
  }
  throw new Error(`${needle} not found ${nth} time(s) in ${path}`);
}

/** A value as plain data: maps become arrays of [key, value] (duplicates are possible). */
export function plain(value: EjabberdValue | undefined): unknown {
  if (!value) return undefined;
  switch (value.kind) {
    case 'list':
      return value.items.map(plain);
    case 'map':
      return value.entries.map((e) => [e.key, plain(e.value)]);
    default:
      return value.value;
  }
}

export function diagnosticsOf(config: EjabberdConfig, code?: Diagnostic['code']): Diagnostic[] {
  return config.diagnostics.filter((d) => code === undefined || d.code === code);
}
