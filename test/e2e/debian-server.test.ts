/**
 * A Debian server as the packages install it: Prosody, nginx, logrotate, journald and fail2ban
 * with their default configs, copied at test time from the installed packages into a scratch
 * root (never committed). What privacy-lint says of it is what an admin who just ran
 * `apt-get install` would be told.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { claimOf, repoRoot } from '../helpers/lint-fixture.js';
import { filesMissing, requireOracle } from '../helpers/require-program.js';

const needed = ['/etc/prosody/prosody.cfg.lua', '/etc/nginx/nginx.conf', '/etc/logrotate.conf', '/etc/logrotate.d/prosody', '/etc/logrotate.d/nginx', '/etc/systemd/journald.conf', '/etc/fail2ban/jail.conf'];

function debianRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'privacy-lint-debian-'));
  for (const dir of ['prosody', 'nginx', 'logrotate.d', 'fail2ban']) {
    cpSync(`/etc/${dir}`, path.join(root, 'etc', dir), { recursive: true, dereference: false, verbatimSymlinks: true });
  }
  cpSync('/etc/logrotate.conf', path.join(root, 'etc', 'logrotate.conf'));
  mkdirSync(path.join(root, 'etc', 'systemd'), { recursive: true });
  cpSync('/etc/systemd/journald.conf', path.join(root, 'etc', 'systemd', 'journald.conf'));
  return root;
}

describe("a Debian server with the packages' default configs", () => {
  if (!requireOracle(filesMissing(...needed), ['prosody', 'nginx', 'logrotate', 'fail2ban', 'systemd'])) return;
  it('breaks "no IPs, logs purged in 14 days": nginx logs IPs, Debian keeps Prosody\'s logs 52 weeks', async () => {
    const root = debianRoot();
    const policy = path.join(root, 'policy.yaml');
    writeFileSync(policy, 'ipAddresses:\n  stored: never\nserverLogs:\n  retention: 14d\nwebsite:\n  thirdPartyResources: false\nmessageArchive:\n  retention: 21d\n');
    const result = await lint({ cwd: repoRoot, root, paths: [], policyFile: policy, ruleOverrides: [] });

    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('violated');
    expect(claimOf(result, 'serverLogs.retention').verdict).toBe('violated');
    expect(claimOf(result, 'website.thirdPartyResources')).toMatchObject({ verdict: 'violated', observed: 'no Content-Security-Policy' });
    // Debian's prosody.cfg.lua leaves mod_mam commented out.
    expect(claimOf(result, 'messageArchive.retention').verdict).toBe('not-applicable');

    const relative = (f: string): string => path.relative(root, f);
    const ipPlaces = result.findings.filter((f) => f.ruleId === 'ip-address-storage').map((f) => relative(f.file));
    expect(ipPlaces).toEqual(expect.arrayContaining(['etc/nginx/nginx.conf', 'etc/fail2ban/fail2ban.conf']));
    const prosodyLog = result.findings.find((f) => f.ruleId === 'log-retention' && f.message.includes('/var/log/prosody/prosody.log'));
    expect(prosodyLog).toBeDefined();
    expect(relative(prosodyLog!.file)).toBe('etc/logrotate.d/prosody');
    expect(prosodyLog!.message).toContain('weekly rotation, 52 rotated copies');
  });
});
