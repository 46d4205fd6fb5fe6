/**
 * What the report suggests for a name that cron.d or run-parts skips (run-parts(8): only
 * [A-Za-z0-9_-]; cron(8) applies it to /etc/cron.d): a `mv` to the name it would run under, never
 * onto an entry already there, and no rename for the copies dpkg leaves beside a changed conffile.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScheduledJobs } from '../../../src/software/scheduled-jobs/read-scheduled-jobs.js';
import { RootFiles } from '../../../src/files/root-files.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'privacy-lint-rename-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
    chmodSync(join(root, path), 0o755);
  }
  return root;
}

const warnings = (root: string) =>
  readScheduledJobs(new RootFiles(root)).diagnostics.filter((d) => d.code === 'config-warning').map((d) => [d.message.split(':')[0], d.suggestion]);

describe('renames suggested for names run-parts skips', () => {
  it('cron.d: the extension is dropped, and a name already taken gets a suffix instead of replacing that job', () => {
    const job = '0 3 * * * root find /var/lib/prosody/http_file_share -mtime +7 -delete\n';
    const root = tree({ 'etc/cron.d/uploads.cron': job, 'etc/cron.d/prosody.sh': job, 'etc/cron.d/prosody': job });
    expect(warnings(root)).toEqual([
      ['cron ignores /etc/cron.d/prosody.sh', 'Rename it: mv /etc/cron.d/prosody.sh /etc/cron.d/prosody-2'],
      ['cron ignores /etc/cron.d/uploads.cron', 'Rename it: mv /etc/cron.d/uploads.cron /etc/cron.d/uploads'],
    ]);
  });

  it('a conffile copy dpkg left behind (.dpkg-old, .dpkg-dist) is named as such, with no rename', () => {
    const root = tree({ 'etc/cron.d/ejabberd.dpkg-old': '0 3 * * * root ejabberdctl delete_old_mam_messages all 7\n', 'etc/cron.daily/logrotate.dpkg-dist': '#!/bin/sh\nlogrotate /etc/logrotate.conf\n' });
    const found = readScheduledJobs(new RootFiles(root)).diagnostics.filter((d) => d.code === 'config-warning');
    expect(found.map((d) => d.suggestion)).toEqual([undefined, undefined]);
    expect(found.map((d) => d.message)).toEqual([
      'cron ignores /etc/cron.d/ejabberd.dpkg-old: names there may only contain letters, digits, "_" and "-" (cron(8), run-parts naming) (ejabberd.dpkg-old looks like a copy a package manager or an editor left behind: run-parts skips it on purpose); its 1 job(s) never run',
      'run-parts ignores /etc/cron.daily/logrotate.dpkg-dist: names may only contain letters, digits, "_" and "-" (logrotate.dpkg-dist looks like a copy a package manager or an editor left behind: run-parts skips it on purpose), so it never runs',
    ]);
  });
});
