import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogrotateFrom } from '../../../src/software/logrotate/index.js';
import { tempRoot } from './fixture-root.js';
import { requireOracle } from '../../helpers/require-program.js';
import { logrotateMissing, readerBlocks, runOracle } from './logrotate-oracle.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * Every real logrotate file in ../shared/corpus/logrotate (read at test time, never copied into
 * the repo), placed as /etc/logrotate.d/<name> under a temp root included from a one-line
 * logrotate.conf: read without an exception or error, and, when logrotate is installed,
 * resolved the same way logrotate resolves it (unless a block names a user this host lacks).
 */
const CORPUS = resolve(import.meta.dirname, '../../../../shared/corpus/logrotate');
const names = existsSync(CORPUS) ? readdirSync(CORPUS).sort() : [];

function corpusRoot(name: string): string {
  const root = tempRoot('logrotate-corpus');
  mkdirSync(join(root, 'etc/logrotate.d'), { recursive: true });
  writeFileSync(join(root, 'etc/logrotate.conf'), 'include /etc/logrotate.d\n');
  copyFileSync(join(CORPUS, name), join(root, 'etc/logrotate.d', name));
  return root;
}

describe('the logrotate corpus', () => {
  if (names.length === 0) {
    it.skip(`SKIPPED: ${CORPUS} is absent (the corpus lives beside this clone)`, () => {});
    return;
  }
  for (const name of names) {
    it(`reads ${name}`, () => {
      const reading = readLogrotateFrom(new RootFiles(corpusRoot(name)), '/etc/logrotate.conf');
      expect(reading.diagnostics.filter((d) => d.code !== 'config-warning')).toEqual([]);
      expect(reading.logRetention.length).toBeGreaterThan(0);
      for (const e of reading.logRetention) for (const p of e.patterns) expect(p).toMatch(/^\/var\/log\//);
    });
  }
});

describe('the logrotate corpus, against logrotate', () => {
  if (names.length === 0) return; // said above
  if (!requireOracle(logrotateMissing(), ['logrotate'])) return;
  let compared = 0;
  for (const name of names) {
    it(`resolves ${name} as logrotate does`, () => {
      const root = corpusRoot(name);
      const reading = readLogrotateFrom(new RootFiles(root), '/etc/logrotate.conf');
      const oracle = runOracle(root);
      // `create 640 jabber jabber` names a user of the served system that this host may not
      // have; logrotate then drops the block, which says nothing about the file itself.
      const hostOnly = oracle.errors.filter((e) => /unknown (user|group)|found error in/.test(e));
      expect(oracle.errors.filter((e) => !hostOnly.includes(e))).toEqual([]);
      if (hostOnly.length > 0) return;
      expect(readerBlocks(reading.blocks)).toEqual(oracle.blocks);
      compared += 1;
    });
  }
  it('compared the blocks of most corpus files (the rest name users this host lacks)', () => {
    expect(compared).toBeGreaterThan(names.length / 2);
  });
});
