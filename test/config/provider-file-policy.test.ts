/**
 * `--policy xmpp-provider-v2.json`: an XMPP Providers provider file as the declared policy. Its
 * storage fields are days, 0 = no limit, -1 = less than a day (XMPP Providers' provider file
 * properties; ejabberd 25.08 src/mod_providers.erl mod_doc). Provider files are written here.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/lint-fixture.js';
import { runCli } from '../helpers/run-cli.js';

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'privacy-lint-provider-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

interface Report {
  claims: { claim: string; declared: string; verdict: string; declaredAt?: unknown }[];
  findings: { ruleId: string; severity: string; message: string; file: string; line: number; column: number }[];
}

async function lintWith(root: string, provider: Record<string, unknown>): Promise<{ code: number; report: Report; stderr: string }> {
  const file = path.join(cwd, 'xmpp-provider-v2.json');
  await writeFile(file, `${JSON.stringify(provider, null, 2)}\n`);
  const { code, stdout, stderr } = await runCli(['--root', path.join(repoRoot, 'fixtures', root), '--policy', file, '-f', 'json'], cwd);
  return { code, report: code === 2 ? ({ claims: [], findings: [] }) : (JSON.parse(stdout) as Report), stderr };
}

const verdicts = (r: Report): Record<string, string> => Object.fromEntries(r.claims.map((c) => [c.claim, `${c.declared} ${c.verdict}`]));

describe('a provider file as the declared policy', { timeout: 60_000 }, () => {
  it('Prosody: promising 7 days while the archive keeps 21 fails at the provider file\'s line', async () => {
    // fixtures/demo/etc/prosody/prosody.cfg.lua:21 archive_expires_after = "3w" = 21 days.
    const { code, report } = await lintWith('demo', {
      website: { en: 'https://example.org/' },
      maximumHttpFileUploadStorageTime: 31,
      maximumMessageArchiveManagementStorageTime: 7,
    });
    expect(code).toBe(1);
    expect(verdicts(report)).toEqual({ 'messageArchive.retention': '7d violated', 'fileUploads.retention': '31d verified' });
    const promise = report.findings.filter((f) => f.ruleId === 'provider-file-promise');
    // JSON.stringify with 2 spaces: line 1 is "{", website spans lines 2-4, uploads line 5, the archive line 6, column 3.
    expect(promise).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'xmpp-provider-v2.json',
        line: 6,
        column: 3,
        message: 'maximumMessageArchiveManagementStorageTime promises 7 days while the message archive keeps 21d',
      }),
    ]);
  });

  it('Prosody: figures that cover the configuration pass; 0 (no limit) holds anything', async () => {
    // The archive's worst case is 22d (daily expiry job): 22 covers it; uploads unlimited.
    const { code, report } = await lintWith('demo', { maximumMessageArchiveManagementStorageTime: 22, maximumHttpFileUploadStorageTime: 0 });
    expect(code).toBe(0);
    expect(verdicts(report)).toEqual({ 'messageArchive.retention': '22d verified', 'fileUploads.retention': 'forever verified' });
    expect(report.findings.filter((f) => f.ruleId === 'provider-file-promise')).toEqual([]);
  });

  it('ejabberd: -1 (less than a day) is broken by uploads kept 30 days', async () => {
    // fixtures/ejabberd/purged/etc/ejabberd/ejabberd.yml:40 mod_http_upload_quota max_days: 30.
    const { code, report } = await lintWith('ejabberd/purged', { maximumHttpFileUploadStorageTime: -1, busFactor: 1 });
    expect(code).toBe(1);
    expect(verdicts(report)).toEqual({ 'fileUploads.retention': 'under a day violated' });
    expect(report.findings.find((f) => f.ruleId === 'provider-file-promise')?.message)
      .toBe('maximumHttpFileUploadStorageTime promises less than a day while uploaded files are kept 30d');
  });

  it('a storage field that is no whole number of days is a usage error naming the field and its line', async () => {
    const { code, stderr } = await lintWith('demo', { maximumMessageArchiveManagementStorageTime: '7', busFactor: 1 });
    expect(code).toBe(2);
    expect(stderr).toContain('xmpp-provider-v2.json:2:3: maximumMessageArchiveManagementStorageTime: "7" is not allowed; expected a whole number of days, 0 for no limit or -1 for less than a day');
  });
});
