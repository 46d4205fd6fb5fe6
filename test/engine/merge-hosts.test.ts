import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';

describe('a finding several hosts share', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'privacy-lint-hosts-'));
  mkdirSync(path.join(root, 'etc/prosody'), { recursive: true });
  const hosts = ['a.example', 'b.example', 'c.example', 'd.example'];
  writeFileSync(
    path.join(root, 'etc/prosody/prosody.cfg.lua'),
    `modules_enabled = { "mam"; "cloud_notify" }\narchive_expires_after = "1y"\npush_notification_with_body = true\n${hosts.map((h) => `VirtualHost "${h}"\n`).join('')}`,
  );
  writeFileSync(path.join(root, 'p.yaml'), 'versions:\n  prosody: "13.0"\npolicy:\n  messageArchive:\n    retention: 21d\n  pushNotifications:\n    body: false\n');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is reported once at the global setting, listing the hosts', async () => {
    const result = await lint({ cwd: root, root, paths: [], configFile: path.join(root, 'p.yaml'), ruleOverrides: [] });
    const archive = result.findings.filter((f) => f.ruleId === 'message-archive-retention');
    expect(archive).toHaveLength(1);
    expect(archive[0]?.hosts).toEqual(hosts);
    expect(archive[0]?.line).toBe(2);
    expect(archive[0]?.message).toMatch(/^Message archive of each of 4 hosts \(a\.example, b\.example, c\.example, …\): one-to-one messages deleted after/);
    const push = result.findings.filter((f) => f.ruleId === 'push-notification-content');
    expect(push.map((f) => [f.message, f.hosts])).toEqual([
      ['Each of 4 hosts (a.example, b.example, c.example, …) puts the message text into push notifications, which push services can read; the policy declares it does not', hosts],
    ]);
    // One edit for the one place: the global setting.
    expect(push[0]?.fix?.range).toEqual({ start: { line: 3, column: 31 }, end: { line: 3, column: 35 } });
  });
});
