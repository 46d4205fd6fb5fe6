import { describe, expect, it } from 'vitest';
import { parseUnitFile } from '../../../src/formats/systemd-unit/parse-unit.js';
import { timerSchedule } from '../../../src/software/scheduled-jobs/timer-schedule.js';

const DAY = 86400;
const fallback = { file: '/r/t.timer', line: 1, column: 1 };

describe('timerSchedule', () => {
  it('an empty assignment to any trigger resets every trigger (systemd.timer(5))', () => {
    const main = parseUnitFile('[Timer]\nOnCalendar=daily\nOnUnitActiveSec=1h\n', '/r/t.timer');
    const dropIn = parseUnitFile('[Timer]\nOnBootSec=\nOnCalendar=monthly\n', '/r/t.timer.d/x.conf');
    const s = timerSchedule([main, dropIn], fallback);
    expect(s).toMatchObject({ worstCaseInterval: 31 * DAY + 60, shortestInterval: 28 * DAY, at: { file: '/r/t.timer.d/x.conf', line: 3, column: 12 } });
  });

  it('several triggers: the most frequent bounds the gap, and the schedule points at it', () => {
    const unit = parseUnitFile('[Timer]\nOnCalendar=weekly\nOnUnitActiveSec=6h\nRandomizedDelaySec=30min\nAccuracySec=1s\n', '/r/t.timer');
    expect(timerSchedule([unit], fallback)).toMatchObject({
      interval: 6 * 3600,
      worstCaseInterval: 6 * 3600 + 1800 + 1,
      at: { line: 3, column: 17 },
      description: 'OnCalendar=weekly (Mon *-*-* 00:00:00), OnUnitActiveSec=6h; RandomizedDelaySec=30min, AccuracySec=1s (systemd timer)',
    });
  });

  it('boot-only and trigger-less timers have no interval', () => {
    const boot = timerSchedule([parseUnitFile('[Timer]\nOnBootSec=15min\n', '/r/t.timer')], fallback);
    expect(boot).toMatchObject({ interval: undefined, bootOnly: true, description: 'once after boot or activation only (OnBootSec=15min, systemd timer)' });
    const none = timerSchedule([parseUnitFile('[Timer]\nPersistent=true\n', '/r/t.timer')], fallback);
    expect(none).toMatchObject({ interval: undefined, at: fallback, description: 'no trigger (systemd timer)' });
  });
});
