/**
 * A scheduled find over mod_http_file_share's storage bounds Prosody's uploads, as a find over
 * ejabberd's docroot bounds ejabberd's. Prosody 0.12.3 stores a slot with
 * dm.getpath(slot, module.host, "http_file_share", "bin") (mod_http_file_share.lua:111):
 * /var/lib/prosody (Debian's CFG_DATADIR) / "upload%2eexample%2eorg" (util/datamanager.lua encode:
 * each non-alphanumeric byte as %xx) / http_file_share /.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/engine/lint.js';
import { repoRoot } from '../../helpers/lint-fixture.js';

const fixture = path.join(repoRoot, 'fixtures/jobs/prosody-upload-sweep');

async function lintWith(root: string, retention: string) {
  const configFile = path.join(mkdtempSync(path.join(tmpdir(), 'privacy-lint-uploads-')), 'policy.yaml');
  writeFileSync(configFile, `policy:\n  fileUploads:\n    retention: ${retention}\n`);
  const result = await lint({ cwd: root, root, paths: [], configFile, ruleOverrides: [] });
  const claim = result.claims.find((c) => c.claim === 'fileUploads.retention');
  const findings = result.findings.filter((f) => f.ruleId === 'upload-retention').map((f) => `${f.severity} ${path.relative(root, f.file)}:${f.line}:${f.column} ${f.message}`);
  return { verdict: claim?.verdict, observed: claim?.observed, findings };
}

describe('a find job on the Prosody upload directory', () => {
  it('bounds the uploads: -mtime +7 daily keeps them a week, within 14d, although Prosody keeps them 31 days', async () => {
    // find -mtime +7: 7d nominal; deleted at 8 whole days, plus a day between runs: 9d at worst, within 14d.
    expect(await lintWith(fixture, '14d')).toEqual({ verdict: 'verified', observed: '1w', findings: [] });
  }, 60_000);

  it('against 5d, the job is what breaks the claim, at its find', async () => {
    const { verdict, findings } = await lintWith(fixture, '5d');
    expect(verdict).toBe('violated');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^error etc\/cron\.d\/prosody-uploads:2:20 .*older than 1w/);
  }, 60_000);

  it('without the job, Prosody own 31 days decide, at http_file_share_expires_after', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'privacy-lint-uploads-tree-'));
    cpSync(fixture, root, { recursive: true });
    rmSync(path.join(root, 'etc/cron.d/prosody-uploads'));
    const { verdict, findings } = await lintWith(root, '14d');
    expect(verdict).toBe('violated');
    expect(findings.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual(['error etc/prosody/prosody.cfg.lua:7:3']);
  }, 60_000);
});
