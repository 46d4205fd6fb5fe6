import { describe, expect, it } from 'vitest';
import { readLogrotateFrom } from '../../../src/software/logrotate/index.js';
import { fixtureRoot } from './fixture-root.js';
import { logrotateMissing, readerBlocks, runOracle } from './logrotate-oracle.js';
import { requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * logrotate itself as the oracle: it must accept each valid fixture without a configuration
 * error, and the `rotating pattern: … after 1 days (14 rotations)` lines it prints must match
 * the blocks the reader resolved, in the same order (see logrotate-oracle.ts for how absolute
 * paths are rewritten into a temp copy).
 */
const VALID_FIXTURES = ['typical', 'hourly-timer', 'include-in-block'];

describe('logrotate 3.21.0 as oracle for readLogrotate', () => {
  if (!requireOracle(logrotateMissing(), ['logrotate'])) return;
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

  /**
   * Each error logrotate prints for fixtures/logrotate/broken ("error: FILE:LINE REASON"; it
   * names a file by its full path or only its name), and the words of the reader's diagnostic
   * at the same file and line ("found error in …, skipping" lines only repeat these).
   */
  const brokenErrors: Array<{ logrotateSays: string; weSay: string }> = [
    { logrotateSays: '/etc/logrotate.d/b-loop:1 include nesting too deep', weSay: 'Include cycle: ' },
    { logrotateSays: '/etc/logrotate.d/a-cycle:1 include nesting too deep', weSay: 'Include cycle: ' },
    { logrotateSays: "c-bad:2 bad rotation count 'many'", weSay: 'Bad rotation count "many"' },
    { logrotateSays: "c-bad:6 unknown option 'rotaet' -- ignoring line", weSay: 'Unknown logrotate option "rotaet": logrotate ignores this line' },
    { logrotateSays: 'c-bad:9 lines must begin with a keyword or a filename (possibly in double quotes)', weSay: 'logrotate lines must begin with a keyword or a file name' },
    { logrotateSays: 'd-dup:1 duplicate log entry for /var/log/unknown.log', weSay: 'Duplicate log entry for /var/log/unknown.log' },
    { logrotateSays: 'cannot stat /etc/missing.d: No such file or directory', weSay: 'Included path /etc/missing.d does not exist under the root: logrotate reports "cannot stat"' },
  ];

  it('rejects fixtures/logrotate/broken for the reasons the reader gives, at the same lines', () => {
    const root = fixtureRoot('logrotate', 'broken');
    const oracle = runOracle(root);
    expect(oracle.errors.filter((e) => !/^error: found error in .*, skipping$/.test(e))).toEqual(brokenErrors.map((e) => `error: ${e.logrotateSays}`));
    const reading = readLogrotateFrom(new RootFiles(root), '/etc/logrotate.conf');
    for (const { logrotateSays, weSay } of brokenErrors) {
      const place = /^(\S+):(\d+) /.exec(logrotateSays);
      const same = reading.diagnostics.find(
        (d) => d.message.includes(weSay) && (place === null || (d.position.file.endsWith(`/${(place[1] as string).replace(/^\//, '')}`) && d.position.line === Number(place[2]))),
      );
      expect(same, `logrotate: ${logrotateSays}`).toBeDefined();
    }
    expect(readerBlocks(reading.blocks)).toEqual(oracle.blocks);
  });
});
