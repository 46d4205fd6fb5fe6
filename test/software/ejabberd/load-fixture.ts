import { locateInFile } from '../../helpers/locate-in-file.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../../../src/inventory/diagnostic.js';
import type { SourcePosition } from '../../../src/inventory/evidence.js';
import type { EjabberdConfig, EjabberdValue } from '../../../src/software/ejabberd/config-model.js';
import { loadEjabberdConfig } from '../../../src/software/ejabberd/load-config.js';
import { RootFiles } from '../../../src/files/root-files.js';

export const fixturesRoot = fileURLToPath(new URL('../../../fixtures/ejabberd-reader/', import.meta.url));

export function fixturePath(caseName: string, file = 'etc/ejabberd/ejabberd.yml'): string {
  return join(fixturesRoot, caseName, file);
}

export function loadFixture(caseName: string): EjabberdConfig {
  return loadEjabberdConfig(fixturePath(caseName), { files: new RootFiles(join(fixturesRoot, caseName)) });
}

/** The position of the nth `needle` in a fixture file, comment lines skipped (see locateInFile). */
export function locate(caseName: string, needle: string, file = 'etc/ejabberd/ejabberd.yml', nth = 1): SourcePosition {
  return locateInFile(fixturePath(caseName, file), needle, '#', nth);
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
