import { locateInFile } from '../../helpers/locate-in-file.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProsodyRelease } from '../../../src/config/types.js';
import type { Diagnostic } from '../../../src/inventory/diagnostic.js';
import type { SourcePosition } from '../../../src/inventory/evidence.js';
import type { LuaValue, ProsodyConfig, ProsodyOption } from '../../../src/software/prosody/config-model.js';
import { loadProsodyConfig } from '../../../src/software/prosody/load-config.js';
import { RootFiles } from '../../../src/files/root-files.js';

export const fixturesRoot = fileURLToPath(new URL('../../../fixtures/prosody-loader/', import.meta.url));

/** Root of a fixture case, and the absolute path of one of its files. */
export function fixturePath(caseName: string, file = 'etc/prosody/prosody.cfg.lua'): string {
  return join(fixturesRoot, caseName, file);
}

export function loadFixture(caseName: string, release: ProsodyRelease, main = 'etc/prosody/prosody.cfg.lua'): ProsodyConfig {
  return loadProsodyConfig(fixturePath(caseName, main), { files: new RootFiles(join(fixturesRoot, caseName)), release });
}

/** The position of the nth `needle` in a fixture file, comment lines skipped (see locateInFile). */
export function locate(caseName: string, needle: string, file = 'etc/prosody/prosody.cfg.lua', nth = 1): SourcePosition {
  return locateInFile(fixturePath(caseName, file), needle, '--', nth);
}

export function option(config: ProsodyConfig, section: string, name: string): ProsodyOption {
  const found = config.sections.get(section)?.options.get(name);
  if (!found) throw new Error(`no option ${name} in section ${section}`);
  return found;
}

/** A LuaValue as plain data: tables become arrays/objects, unknown becomes { unknown: reason }. */
export function plain(value: LuaValue): unknown {
  switch (value.type) {
    case 'nil':
      return null;
    case 'unknown':
      return { unknown: value.reason };
    case 'function':
      return { function: true };
    case 'table': {
      const items = value.items.map(plain);
      if (value.fields.size === 0 && value.unknownEntries.length === 0 && !value.otherEntries) return items;
      const result: Record<string, unknown> = Object.fromEntries([...value.fields].map(([k, v]) => [k, plain(v)]));
      if (items.length > 0) result['[items]'] = items;
      if (value.unknownEntries.length > 0) result['[unknown]'] = value.unknownEntries.map(plain);
      if (value.otherEntries) result['[other]'] = value.otherEntries.map((e) => [plain(e.key), plain(e.value)]);
      return result;
    }
    default:
      return value.value;
  }
}

export function value(config: ProsodyConfig, section: string, name: string): unknown {
  return plain(option(config, section, name).value);
}

/** Diagnostics as `code line:column message` strings, for readable assertions. */
export function diagnosticsOf(config: ProsodyConfig, code?: Diagnostic['code']): Diagnostic[] {
  return config.diagnostics.filter((d) => code === undefined || d.code === code);
}
