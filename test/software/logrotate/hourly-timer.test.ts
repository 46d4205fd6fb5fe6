import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogrotate } from '../../../src/software/logrotate/index.js';
import { fixtureRoot } from './fixture-root.js';
import { view } from '../../helpers/figure-view.js';
import { RootFiles } from '../../../src/files/root-files.js';

const DAY = 86400;
const HOUR = 3600;

describe('readLogrotate with a site logrotate.timer (fixtures/logrotate/hourly-timer)', () => {
  const root = fixtureRoot('logrotate', 'hourly-timer');
  const reading = readLogrotate(new RootFiles(root));
  const timer = join(root, 'etc/systemd/system/logrotate.timer');

  it('reads the timer: hourly runs, up to 10 minutes late', () => {
    expect(reading.files).toContain(timer);
    const xmpp = reading.logRetention.find((e) => e.patterns[0] === '/var/log/xmpp/*.log')?.retention;
    // hourly + rotate 24 under an hourly timer: 24 h; the live hour and the timer's 10 minutes at worst.
    expect(view(xmpp!).nominal).toBe(24 * HOUR);
    expect(view(xmpp!).worstCase).toBe(25 * HOUR + 600);
    expect(xmpp?.evidence.at(-1)).toMatchObject({ file: timer, line: 6, column: 12 });
    expect(view(xmpp!).worstCaseReason).toContain('OnCalendar=hourly');
  });

  it('reads an included file, quoted patterns, weekly with a weekday and yearly', () => {
    expect(reading.logRetention.map((e) => [e.patterns, view(e.retention).nominal])).toEqual([
      // rotate × period (POLICY.md "Verdicts"): weekly 3, hourly 24, yearly 2 (a year at most 366 days).
      [['/var/log/web/access.log', '/var/log/web/error.log'], 3 * 7 * DAY],
      [['/var/log/xmpp/*.log'], 24 * HOUR],
      [['/var/log/yearly.log'], 2 * 366 * DAY],
    ]);
    expect(reading.diagnostics).toEqual([]);
  });

  it('warns when the timer is not enabled: nothing else runs logrotate on a systemd system', () => {
    const copy = fixtureRoot('logrotate', 'hourly-timer');
    rmSync(join(copy, 'etc/systemd/system/timers.target.wants'), { recursive: true });
    expect(readLogrotate(new RootFiles(copy)).diagnostics).toEqual([
      {
        code: 'config-warning',
        message: 'logrotate.timer is not enabled (no link to it in a *.wants/ directory): on a systemd system nothing runs logrotate, so no log is rotated',
        position: { file: join(copy, 'etc/systemd/system/logrotate.timer'), line: 1, column: 1 },
        suggestion: 'systemctl enable --now logrotate.timer',
      },
    ]);
  });
});
