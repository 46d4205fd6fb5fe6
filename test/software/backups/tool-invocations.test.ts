import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findInvocations } from '../../../src/software/backups/borg/tool-invocations.js';
import { readScheduledJobs } from '../../../src/software/scheduled-jobs/read-scheduled-jobs.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const root = join(repo, 'fixtures/backups/borg/wrappers');
const at = (path: string, line: number, column: number) => ({ file: join(root, path), line, column });

describe('findInvocations', () => {
  it('sees the tool through flock, sudo, nice, sh -c and a script run by bash, positioned at the tool name; does not read a Python program as shell', () => {
    const found = findInvocations(new RootFiles(root), readScheduledJobs(new RootFiles(root)).jobs, 'borg');
    expect(found.map((i) => [i.words.map((w) => w.value).join(' '), i.at])).toEqual([
      ['borg create /srv/a::x /etc', at('etc/cron.d/wrapped', 1, 66)],
      ['borg create /srv/b::y /var/lib/prosody', at('etc/cron.d/wrapped', 2, 31)],
      ['borg create /srv/c::z /var/lib/ejabberd', at('usr/local/bin/nightly', 2, 1)],
    ]);
    expect(found.map((i) => i.job.schedule.description)).toEqual(['daily at 01:00 (cron)', 'daily at 02:00 (cron)', 'daily at 03:00 (cron)']);
  });
});
