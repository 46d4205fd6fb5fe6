import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';

/** A root written here, every file 0644: logrotate ignores config files writable by group or others. */
function writeRoot(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'privacy-lint-durations-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text, { mode: 0o644 });
  }
  return root;
}

describe('durations in messages', () => {
  const root = writeRoot({
    'privacy-lint.config.yaml': 'versions:\n  prosody: "13.0"\npolicy:\n  serverLogs:\n    retention: 14d\n',
    'etc/prosody/prosody.cfg.lua': 'log = { info = "/var/log/prosody/prosody.log" }\n\nVirtualHost "example.org"\n',
    'etc/logrotate.conf': 'include /etc/logrotate.d\n',
    'etc/logrotate.d/prosody': '/var/log/prosody/*.log {\n\tmonthly\n\trotate 99999\n\tmissingok\n}\n',
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a figure of millennia reads as rounded years, not as millions of days', async () => {
    const result = await lint({ cwd: root, root, paths: [], configFile: join(root, 'privacy-lint.config.yaml'), ruleOverrides: [] });
    const finding = result.findings.find((f) => f.ruleId === 'log-retention');
    // logrotate(8): `rotate 99999` keeps 99,999 copies; `monthly` rotates once a calendar month,
    // at most 31 days apart: 99,999 × 31 = 3,099,969 days = 8,493.1 years of 365 days, which
    // two significant figures make 8,500.
    expect(finding?.message).toBe(
      'The prosody log /var/log/prosody/prosody.log: monthly rotation, 99999 rotated copies: about 8,500 years, longer than the declared 14d',
    );
    expect([finding?.file, finding?.line, finding?.column]).toEqual([join(root, 'etc/logrotate.d/prosody'), 2, 2]);
    expect(result.claims.find((c) => c.claim === 'serverLogs.retention')?.verdict).toBe('violated');
  });
});
