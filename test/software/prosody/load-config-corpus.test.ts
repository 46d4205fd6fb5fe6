/**
 * Every real-world Prosody config of ../shared/corpus/prosody is loaded with both releases:
 * no exception (also none caught by the evaluator's safety net), and every diagnostic points into
 * a file at a line and column >= 1.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProsodyConfig } from '../../../src/software/prosody/load-config.js';
import { RootFiles } from '../../../src/files/root-files.js';

const corpusDir = join(fileURLToPath(new URL('../../..', import.meta.url)), '..', 'shared', 'corpus', 'prosody');
const files = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .sort()
      .map((name) => join(corpusDir, name))
      .filter((file) => statSync(file).isFile())
  : [];

describe('loadProsodyConfig on the real-world corpus', () => {
  if (files.length === 0) {
    it.skip(`SKIPPED: corpus ${corpusDir} is absent`, () => {});
    return;
  }

  for (const file of files) {
    for (const release of ['0.12', '13.0'] as const) {
      it(`${release} ${file.slice(corpusDir.length + 1)}`, () => {
        const config = loadProsodyConfig(file, { files: new RootFiles(dirname(file)), release });
        expect(config.files[0]).toBe(file);
        expect(config.sections.get('*')?.kind).toBe('global');
        for (const d of config.diagnostics) {
          expect(isAbsolute(d.position.file), d.message).toBe(true);
          expect(d.position.line, d.message).toBeGreaterThanOrEqual(1);
          expect(d.position.column, d.message).toBeGreaterThanOrEqual(1);
          expect(d.message.length).toBeGreaterThan(0);
          // The evaluator's safety net (an internal exception) must never be what a user sees.
          expect(d.message).not.toMatch(/^privacy-lint could not evaluate/);
        }
      });
    }
  }

  it('finds parse errors exactly in the files that are not Lua (Jinja templates, a symlink stub)', () => {
    const parseErrors = files
      .filter((file) =>
        loadProsodyConfig(file, { files: new RootFiles(dirname(file)), release: '0.12' }).diagnostics.some((d) => d.code === 'parse-error'),
      )
      .map((file) => file.slice(corpusDir.length + 1));
    expect(parseErrors).toEqual([
      'chicagolug__chicagolug-prosody__conf.d__localhost.cfg.lua',
      'citronalco__ansible-xmpp-server__roles__prosody__templates__vhost.cfg.lua.j2',
      'systemli__ansible-role-prosody__templates__prosody.cfg.lua.j2',
    ]);
  });
});
