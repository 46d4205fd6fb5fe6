/**
 * `privacy-lint provider-file`: the XMPP Providers storage fields the configs guarantee (worst
 * case rounded up to whole days, per XMPP domain), and `--merge FILE` updating a provider file.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/lint-fixture.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'privacy-lint-provider-file-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const run = (args: string[]): Promise<CliRun> => runCli(args, cwd);

const root = (dir: string): string => path.join(repoRoot, 'fixtures', dir);

describe('privacy-lint provider-file', { timeout: 60_000 }, () => {
  it('Prosody: the archive and upload worst cases in whole days', async () => {
    const { code, stdout } = await run(['provider-file', '--root', root('demo')]);
    expect(code).toBe(0);
    // prosody.cfg.lua:21 archive_expires_after = "3w" = 21d, plus Prosody's daily expiry job = 22d;
    // conf.d/example.org.cfg.lua:10 http_file_share_expires_after = 2592000 s = 30d, + 1 day = 31d.
    expect(JSON.parse(stdout)).toEqual({ 'example.org': { maximumMessageArchiveManagementStorageTime: 22, maximumHttpFileUploadStorageTime: 31 } });
  });

  it('ejabberd: the purge job and mod_http_upload_quota, rounded up', async () => {
    const { stdout } = await run(['provider-file', '--root', root('ejabberd/purged')]);
    // ejabberd-purge.service: delete_old_mam_messages all 20, run daily with AccuracySec=1min
    // (systemd.timer(5) default): 20d + 1d + 1min = 21d 1min, rounded up to 22 days.
    // ejabberd.yml:40 max_days: 30, swept once a day: 31 days.
    expect(JSON.parse(stdout)).toEqual({ 'example.org': { maximumMessageArchiveManagementStorageTime: 22, maximumHttpFileUploadStorageTime: 31 } });
  });

  it('a tree without an XMPP server prints no domain and says so', async () => {
    const { code, stdout, stderr } = await run(['provider-file', '--root', root('nginx/default-log')]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({});
    expect(stderr).toContain('no XMPP domain with a message archive or file upload service found');
  });

  it('--merge keeps the other fields and the key order, and the merged file then passes as a policy', async () => {
    const file = path.join(cwd, 'xmpp-provider-v2.json');
    const original = '{\n    "website": { "en": "https://example.org/" },\n    "maximumMessageArchiveManagementStorageTime": 7,\n    "busFactor": 2,\n    "freeOfCharge": true\n}\n';
    await writeFile(file, original);
    const merged = await run(['provider-file', '--root', root('demo'), '--merge', file]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toContain('example.org: maximumMessageArchiveManagementStorageTime = 22');
    const text = await readFile(file, 'utf8');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['website', 'maximumMessageArchiveManagementStorageTime', 'busFactor', 'freeOfCharge', 'maximumHttpFileUploadStorageTime']);
    expect(JSON.parse(text)).toMatchObject({ website: { en: 'https://example.org/' }, busFactor: 2, freeOfCharge: true, maximumMessageArchiveManagementStorageTime: 22, maximumHttpFileUploadStorageTime: 31 });
    expect(text).toMatch(/^\{\n {4}"website"/);

    const linted = await run(['--root', root('demo'), '--policy', file, '-f', 'json']);
    const report = JSON.parse(linted.stdout) as { claims: { claim: string; verdict: string }[] };
    expect(report.claims.map((c) => `${c.claim} ${c.verdict}`)).toEqual(['messageArchive.retention verified', 'fileUploads.retention verified']);
  });

  it('--merge on a file that is not JSON is a usage error', async () => {
    const file = path.join(cwd, 'broken.json');
    await writeFile(file, 'website: nope\n');
    const { code, stderr } = await run(['provider-file', '--root', root('demo'), '--merge', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('not a provider file');
  });
});
