import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogrotate } from '../../../src/software/logrotate/index.js';
import { fixtureRoot } from './fixture-root.js';
import { view } from '../../helpers/figure-view.js';
import { RootFiles } from '../../../src/files/root-files.js';

const DAY = 86400;

describe('readLogrotate with an include inside a block (fixtures/logrotate/include-in-block)', () => {
  it('applies the included directives to that block only, without a leak warning', () => {
    const root = fixtureRoot('logrotate', 'include-in-block');
    const reading = readLogrotate(new RootFiles(root));
    expect(reading.logRetention.map((e) => [e.patterns[0], view(e.retention).nominal])).toEqual([
      // rotate × period: weekly rotate 7 from the included file; the other block's daily rotate 2.
      ['/var/log/xmpp.log', 7 * 7 * DAY],
      ['/var/log/other.log', 2 * DAY],
    ]);
    expect(reading.logRetention[0]?.retention.evidence[1]).toMatchObject({ file: join(root, 'etc/logrotate.shared/keep-weeks'), line: 2, note: 'rotate 7' });
    expect(reading.diagnostics).toEqual([]);
  });
});
