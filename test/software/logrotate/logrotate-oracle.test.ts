import { describe, expect, it } from 'vitest';
import { readLogrotateFrom } from '../../../src/software/logrotate/index.js';
import { fixtureRoot } from './fixture-root.js';
import { logrotateAvailable, readerBlocks, runOracle } from './logrotate-oracle.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * logrotate itself as the oracle: it must accept each valid fixture without a configuration
 * error, and the `rotating pattern: … after 1 days (14 rotations)` lines it prints must match
 * the blocks the reader resolved, in the same order (see logrotate-oracle.ts for how absolute
 * paths are rewritten into a temp copy).
 */
const VALID_FIXTURES = ['typical', 'hourly-timer', 'include-in-block'];

describe('logrotate 3.21.0 as oracle for readLogrotate', () => {
  if (!logrotateAvailable()) {
    if (process.env['CI']) it('finds logrotate', () => expect.fail('logrotate is missing: CI must install it (apt-get install logrotate)'));
    else it.skip('SKIPPED: logrotate is not installed (apt-get install logrotate to compare with it)', () => {});
    return;
  }
  for (const name of VALID_FIXTURES) {
    it(`accepts fixtures/logrotate/${name} and resolves the same blocks`, () => {
      const root = fixtureRoot('logrotate', name);
      const oracle = runOracle(root);
      expect(oracle.errors).toEqual([]);
      const reading = readLogrotateFrom(new RootFiles(root), '/etc/logrotate.conf');
      expect(reading.diagnostics.filter((d) => d.code === 'parse-error' || d.code === 'include-error')).toEqual([]);
      expect(readerBlocks(reading.blocks)).toEqual(oracle.blocks);
      expect(oracle.blocks.length).toBeGreaterThanOrEqual(2);
    });
  }

  it('rejects what the reader reports as errors (fixtures/logrotate/broken)', () => {
    const root = fixtureRoot('logrotate', 'broken');
    const oracle = runOracle(root);
    expect(oracle.errors.join('\n')).toMatch(/bad rotation count 'many'/);
    expect(oracle.errors.join('\n')).toMatch(/unknown option 'rotaet'/);
    expect(oracle.errors.join('\n')).toMatch(/duplicate log entry for \/var\/log\/unknown.log/);
    expect(readerBlocks(readLogrotateFrom(new RootFiles(root), '/etc/logrotate.conf').blocks)).toEqual(oracle.blocks);
  });
});
