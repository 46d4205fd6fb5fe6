import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournald } from '../../../src/software/journald/index.js';
import { tempRoot } from '../logrotate/fixture-root.js';
import { view } from '../../helpers/figure-view.js';
import { filesMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * Debian bookworm's /etc/systemd/journald.conf (systemd 252, every key commented out), copied
 * at test time into a temp root: no age limit, so no retention figure (systemd 252 journald.conf(5): MaxRetentionSec= defaults to 0, off).
 */
const CONF = '/etc/systemd/journald.conf';

describe("Debian's journald.conf, as installed", () => {
  if (!requireOracle(filesMissing(CONF), ['systemd'])) return;
  it('keeps the journal without an age limit', () => {
    const root = tempRoot('journald-debian');
    mkdirSync(join(root, 'etc/systemd'), { recursive: true });
    copyFileSync(CONF, join(root, 'etc/systemd/journald.conf'));
    const reading = readJournald(new RootFiles(root));
    expect(reading.diagnostics).toEqual([]);
    const retention = reading.logRetention[0]?.retention;
    // journald.conf(5): MaxRetentionSec= defaults to 0, no time-based deletion: only size caps, so
    // how long entries stay depends on how much is logged (POLICY.md: no time bound).
    expect(retention!.bound).toBe('traffic');
    expect(view(retention!).trafficReason).toMatch(/^journald deletes old entries only to stay under its size caps/);
    expect(reading.logRetention[0]?.destinations).toContain('syslog');
  });
});
