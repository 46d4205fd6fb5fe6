import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogrotate } from '../../../src/software/logrotate/index.js';
import { fixtureRoot } from './fixture-root.js';
import { view } from '../../helpers/figure-view.js';
import { RootFiles } from '../../../src/files/root-files.js';

describe('readLogrotate on bad input (fixtures/logrotate/broken)', () => {
  const root = fixtureRoot('logrotate', 'broken');
  const reading = readLogrotate(new RootFiles(root));
  const conf = join(root, 'etc/logrotate.conf');
  const file = (name: string): string => join(root, 'etc/logrotate.d', name);
  const at = (f: string, line: number, column: number) => ({ file: f, line, column });

  it('reports each problem at its place and reads the rest', () => {
    expect(reading.diagnostics.map((x) => [x.code, x.position, x.message])).toEqual([
      ['include-error', at(file('b-loop'), 1, 9), expect.stringMatching(/^Include cycle: \/etc\/logrotate.conf → \/etc\/logrotate.d\/a-cycle → \/etc\/logrotate.d\/b-loop → \/etc\/logrotate.d\/a-cycle/)],
      ['include-error', at(file('a-cycle'), 1, 9), expect.stringMatching(/^Include cycle: .*b-loop → \/etc\/logrotate.d\/a-cycle → \/etc\/logrotate.d\/b-loop/)],
      ['parse-error', at(file('c-bad'), 9, 1), '"%garbage": logrotate lines must begin with a keyword or a file name (possibly in quotes)'],
      ['parse-error', at(file('c-bad'), 10, 1), 'Block without a closing "}": logrotate rejects it'],
      ['parse-error', at(file('c-bad'), 2, 5), 'Bad rotation count "many": logrotate takes a whole number, or -1 to keep every copy; logrotate skips this whole block'],
      ['parse-error', at(file('c-bad'), 6, 5), 'Unknown logrotate option "rotaet": logrotate ignores this line'],
      ['config-error', at(file('d-dup'), 1, 1), `Duplicate log entry for /var/log/unknown.log: logrotate reports an error and keeps the settings of the earlier block (${file('c-bad')}:5)`],
      ['include-error', at(conf, 4, 9), 'Included path /etc/missing.d does not exist under the root: logrotate reports "cannot stat"'],
    ]);
  });

  it('drops the block with a bad value, keeps the one with an unknown option, and leaves a duplicate path to the first block', () => {
    expect(reading.logRetention.map((e) => e.patterns)).toEqual([['/var/log/unknown.log'], ['/var/log/fresh.log']]);
    // rotate 4 daily and rotate 4 weekly: rotate × period.
    expect(view(reading.logRetention[0]!.retention).nominal).toBe(4 * 86400);
    expect(view(reading.logRetention[1]!.retention).nominal).toBe(4 * 7 * 86400);
  });

  it('reads nothing outside the root', () => {
    for (const f of reading.files) expect(f.startsWith(root)).toBe(true);
  });

  it('returns an empty reading when there is no logrotate.conf', () => {
    const empty = readLogrotate(new RootFiles(join(root, 'var')));
    expect(empty.files).toEqual([]);
    expect(empty.logRetention).toEqual([]);
    expect(empty.searched).toEqual(['/etc/logrotate.conf']);
  });
});
