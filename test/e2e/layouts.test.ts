import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/engine/types.js';
import { claimOf, findingsOf, lintFixture, placeOf, repoRoot } from '../helpers/lint-fixture.js';
import { locateInFile } from '../helpers/locate-in-file.js';

/**
 * The layouts of the other distributions and of ProcessOne's ejabberd packages, each a tree
 * written for these tests (fixtures/layouts/*): the main files are found where each
 * distribution puts them, jobs are judged by the cron daemon that distribution runs, and
 * ejabberd's log is where the installation writes it.
 */

function place(fixture: string, file: string, needle: string, comment = '#'): string {
  const at = locateInFile(path.join(repoRoot, 'fixtures', fixture, file), needle, comment);
  return `${file}:${at.line}:${at.column}`;
}
const places = (result: LintResult, rule: string): string[] => findingsOf(result, rule).map((f) => placeOf(result, f));
const messages = (result: LintResult, rule: string): [string, string][] => findingsOf(result, rule).map((f) => [placeOf(result, f), f.message]);

describe('RHEL/Fedora (os-release ID_LIKE rhel): httpd in conf/ + conf.d/, cronie', () => {
  const fixture = 'layouts/rhel';

  it('reads /etc/httpd/conf.d: the client address logged by a virtual host there is found at its line', async () => {
    const result = await lintFixture(fixture);
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('violated');
    expect(places(result, 'ip-address-storage')).toContain(place(fixture, 'etc/httpd/conf.d/xmpp.conf', 'CustomLog "logs/xmpp_access_log"'));
  });

  it('a log piped through python3 to anonip is followed to its --output file, never read as a file named "|/usr/bin/python3"', async () => {
    const result = await lintFixture(fixture);
    const pipeLine = place(fixture, 'etc/httpd/conf.d/xmpp.conf', 'CustomLog "|/usr/bin/python3');
    expect(places(result, 'ip-address-storage')).not.toContain(pipeLine);
    expect(result.findings.filter((f) => f.message.includes('python3'))).toEqual([]);
    expect(claimOf(result, 'ipAddresses.stored').observed).not.toContain('upload_access_log');
  });

  it('cronie runs /etc/cron.d/ejabberd.cron (a dotted name Debian skips) and skips the .rpmsave leftover', async () => {
    const result = await lintFixture(fixture);
    expect(claimOf(result, 'messageArchive.retention')).toMatchObject({ verdict: 'verified', observed: '14d' });
    expect(messages(result, 'config-warning')).toEqual([
      [
        'etc/cron.d/ejabberd.cron.rpmsave:1:1',
        'cronie ignores /etc/cron.d/ejabberd.cron.rpmsave: names starting with "." or "#" and backup or package leftovers (~ .rpmsave .rpmorig .rpmnew) are skipped; its 1 job(s) never run',
      ],
    ]);
  });

  it("reads cronie's spool /var/spool/cron: ejabberd's own table purges offline messages after 30 days", async () => {
    const result = await lintFixture(fixture);
    const offline = claimOf(result, 'offlineMessages.retention');
    expect(offline).toMatchObject({ verdict: 'verified', observed: '30d' });
    expect(offline.evidence.map((e) => path.relative(result.root, e.file))).toContain('var/spool/cron/ejabberd');
  });
});

describe('openSUSE (os-release ID opensuse-leap): /etc/apache2/httpd.conf + vhosts.d, /var/spool/cron/tabs', () => {
  const fixture = 'layouts/opensuse';

  it('reads httpd.conf and the virtual host in vhosts.d, and the user crontab in /var/spool/cron/tabs', async () => {
    const result = await lintFixture(fixture);
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('violated');
    expect(places(result, 'ip-address-storage')).toContain(place(fixture, 'etc/apache2/vhosts.d/xmpp.conf', 'CustomLog'));
    const archive = claimOf(result, 'messageArchive.retention');
    expect(archive).toMatchObject({ verdict: 'verified', observed: '14d' });
    expect(archive.evidence.map((e) => path.relative(result.root, e.file))).toContain('var/spool/cron/tabs/ejabberd');
  });
});

describe('Alpine (os-release ID alpine): BusyBox crond and run-parts', () => {
  const fixture = 'layouts/alpine';

  it("runs root's table in /etc/crontabs; /etc/cron.d is not read and a dotted /etc/periodic name is skipped, each said at the file", async () => {
    const result = await lintFixture(fixture);
    expect(claimOf(result, 'messageArchive.retention')).toMatchObject({ verdict: 'verified', observed: '14d' });
    expect(claimOf(result, 'offlineMessages.retention').verdict).toBe('violated');
    expect(messages(result, 'config-warning')).toEqual([
      ['etc/cron.d/purge-uploads:1:1', 'BusyBox crond does not read /etc/cron.d; the 1 job(s) in /etc/cron.d/purge-uploads never run'],
      ['etc/periodic/daily/purge-offline.sh:1:1', 'run-parts ignores /etc/periodic/daily/purge-offline.sh: names may only contain letters, digits, "_" and "-", so it never runs'],
    ]);
  });
});

describe('FreeBSD (recognised by its layout): /usr/local/etc, /var/cron/tabs, newsyslog', () => {
  const fixture = 'layouts/freebsd';

  it('reads ejabberd and nginx under /usr/local/etc and the user table in /var/cron/tabs, and says newsyslog is not read', async () => {
    const result = await lintFixture(fixture);
    expect(claimOf(result, 'messageArchive.retention')).toMatchObject({ verdict: 'verified', observed: '14d' });
    expect(places(result, 'ip-address-storage')).toContain(place(fixture, 'usr/local/etc/nginx/nginx.conf', 'access_log'));
    expect(messages(result, 'unknown-value')).toEqual([
      ['etc/newsyslog.conf:1:1', "newsyslog (FreeBSD's log rotation) is not read by privacy-lint: how long the logs it rotates are kept is unknown (1 file(s): /etc/newsyslog.conf)"],
    ]);
  });
});

describe("ProcessOne's ejabberd installs: the log is where the installation writes it", () => {
  it.each([
    ['layouts/processone', 'opt/ejabberd/conf/ejabberd.yml', '/srv/xmpp/logs/ejabberd.log'],
    ['layouts/container', 'home/ejabberd/conf/ejabberd.yml', '/home/ejabberd/logs/ejabberd.log'],
    ['layouts/versioned', 'opt/ejabberd-21.12/conf/ejabberd.yml', '/opt/ejabberd-21.12/logs/ejabberd.log'],
  ])('%s: %s logs client addresses to %s', async (fixture, yml, log) => {
    const result = await lintFixture(fixture);
    expect(claimOf(result, 'ipAddresses.stored')).toMatchObject({ verdict: 'violated', observed: `IPs of every client in log ${log}` });
    expect(messages(result, 'ip-address-storage')).toEqual([
      [place(fixture, yml, 'loglevel'), `ejabberd logs the IP address of every connection and login at info level ("Accepted connection …") to ${log}, but the policy declares IP addresses stored: never`],
    ]);
  });

  it('LOGS_DIR in ejabberdctl.cfg is the evidence of where the log is', async () => {
    const result = await lintFixture('layouts/processone');
    const evidence = claimOf(result, 'ipAddresses.stored').evidence.map((e) => `${path.relative(result.root, e.file)}:${e.line}:${e.column}`);
    expect(evidence).toContain(place('layouts/processone', 'opt/ejabberd/conf/ejabberdctl.cfg', 'LOGS_DIR'));
  });
});

describe('a config directory without its main file', () => {
  it('leaves the claims unverified and names the skipped files, never verified by omission', async () => {
    const result = await lintFixture('layouts/skipped');
    expect(result.claims.map((c) => [c.claim, c.verdict])).toEqual([
      ['ipAddresses.stored', 'unverified'],
      ['messageArchive.retention', 'unverified'],
    ]);
    expect(messages(result, 'include-error')).toEqual([
      ['etc/nginx/sites-enabled/xmpp:1:1', 'etc/nginx holds nginx configuration but no nginx.conf: its 1 file(s) were skipped (sites-enabled/xmpp); what they configure is unknown'],
      ['etc/prosody/conf.d/example.org.cfg.lua:1:1', 'etc/prosody holds prosody configuration but no prosody.cfg.lua: its 1 file(s) were skipped (conf.d/example.org.cfg.lua); what they configure is unknown'],
    ]);
  });
});
