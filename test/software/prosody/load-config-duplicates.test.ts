import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProsodyConfig } from '../../../src/software/prosody/load-config.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * Prosody's duplicate-option warning is per parser.load call (0.12 core/configmanager.lua:118-141:
 * set_options is local to it), so an Include in between neither hides nor causes one.
 */
const root = mkdtempSync(join(tmpdir(), 'privacy-lint-duplicates-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function load(files: Record<string, string[]>) {
  const dir = join(root, `case${Object.keys(files).join('-').replace(/\W/g, '')}${Math.random().toString(36).slice(2)}`);
  const etc = join(dir, 'etc', 'prosody');
  mkdirSync(etc, { recursive: true });
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(etc, name), lines.join('\n'));
  const main = join(etc, 'prosody.cfg.lua');
  return { config: loadProsodyConfig(main, { files: new RootFiles(dir), release: '0.12' }), main, included: join(etc, 'other.cfg.lua') };
}

describe('duplicate options across Include', () => {
  it('still warns in a file whose option an included file set in between', () => {
    const { config, main } = load({
      'prosody.cfg.lua': ['storage = "a"', 'Include "other.cfg.lua"', 'storage = "c"'],
      'other.cfg.lua': ['storage = "b"'],
    });
    expect(config.diagnostics).toEqual([
      {
        code: 'config-warning',
        message: "Duplicate option 'storage' (also set at line 1); the last one wins",
        position: { file: main, line: 3, column: 1 },
      },
    ]);
  });

  it('does not warn for the same option set by a file included twice, or once in each file', () => {
    const { config, included } = load({
      'prosody.cfg.lua': ['Include "other.cfg.lua"', 'Include "other.cfg.lua"', 'storage = "c"'],
      'other.cfg.lua': ['storage = "b"', 'storage = "d"'],
    });
    // Only each inclusion's own repeat counts: line 2 of other.cfg.lua, twice.
    expect(config.diagnostics.map((d) => [d.position.file, d.position.line])).toEqual([
      [included, 2],
      [included, 2],
    ]);
  });
});
