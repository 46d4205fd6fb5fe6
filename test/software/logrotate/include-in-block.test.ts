import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogrotate } from '../../../src/software/logrotate/index.js';
import { fixtureRoot } from './fixture-root.js';
import { RootFiles } from '../../../src/files/root-files.js';

const DAY = 86400;

describe('readLogrotate with an include inside a block (fixtures/logrotate/include-in-block)', () => {
  it('applies the included directives to that block only, without a leak warning', () => {
    const root = fixtureRoot('logrotate', 'include-in-block');
    const reading = readLogrotate(new RootFiles(root));
    expect(reading.logRetention.map((e) => [e.patterns[0], e.retention.nominal])).toEqual([
      ['/var/log/xmpp.log', 8 * 7 * DAY],
      ['/var/log/other.log', 3 * DAY],
    ]);
    expect(reading.logRetention[0]?.retention.evidence[1]).toMatchObject({ file: join(root, 'etc/logrotate.shared/keep-weeks'), line: 2, note: 'rotate 7' });
    expect(reading.diagnostics).toEqual([]);
  });
});
