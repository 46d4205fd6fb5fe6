/**
 * 10,000 scheduled jobs, generated here in a temp directory (never committed): 5,000 cron.d files
 * cleaning an upload directory and 5,000 enabled timers whose services run one borg script. A
 * crash test, not a timed one: reading them used to probe every unit directory for every unit
 * and every *.wants/ directory for every timer (quadratic), and took about 51 s. What is asserted
 * is what the report shows: every job file read, each as its kind, and the backup judged.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';

const CRON_JOBS = 5_000;
const TIMERS = 5_000;
let work: string;
let result: LintResult;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'privacy-lint-jobs-'));
  const root = path.join(work, 'root');
  const dir = (relative: string) => mkdir(path.join(root, relative), { recursive: true });
  await Promise.all(['etc/cron.d', 'etc/cron.jobs', 'etc/systemd/system/timers.target.wants', 'usr/local/bin'].map(dir));
  await writeFile(path.join(root, 'usr/local/bin/backup.sh'), '#!/bin/sh\nexport BORG_REPO=/srv/borg\nborg create ::x /etc\n');
  const writes: Promise<void>[] = [];
  for (let i = 0; i < CRON_JOBS; i++) {
    const text = `PATH=/usr/bin:/bin\n${i % 60} 3 * * * root find /srv/uploads -mtime +${(i % 30) + 1} -delete\n`;
    // One entry is a link with an absolute target: it is read re-rooted, like the others.
    if (i === 0) {
      writes.push(writeFile(path.join(root, 'etc/cron.jobs/job0'), text));
      writes.push(symlink('/etc/cron.jobs/job0', path.join(root, 'etc/cron.d/job0')));
    } else writes.push(writeFile(path.join(root, `etc/cron.d/job${i}`), text));
  }
  for (let i = 0; i < TIMERS; i++) {
    const at = `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
    writes.push(writeFile(path.join(root, `etc/systemd/system/b${i}.timer`), `[Timer]\nOnCalendar=*-*-* ${at}\n[Install]\nWantedBy=timers.target\n`));
    writes.push(writeFile(path.join(root, `etc/systemd/system/b${i}.service`), '[Service]\nExecStart=/usr/local/bin/backup.sh\n'));
    writes.push(symlink(`/etc/systemd/system/b${i}.timer`, path.join(root, `etc/systemd/system/timers.target.wants/b${i}.timer`)));
  }
  await Promise.all(writes);
  await writeFile(path.join(work, 'policy.yaml'), 'policy:\n  backups:\n    encrypted: true\n');
  result = await lint({ cwd: work, root, paths: [], configFile: path.join(work, 'policy.yaml'), ruleOverrides: [] });
}, 600_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('10,000 scheduled jobs', () => {
  it('every cron.d file and every timer and its service is read', () => {
    const count = (kind: string) => result.sources.filter((s) => s.kind === kind && s.status === 'ok').length;
    expect(count('cron')).toBe(CRON_JOBS);
    // A timer and the service it starts: two unit files per job.
    expect(count('systemd')).toBe(2 * TIMERS);
  });

  it('the borg script the timers run is judged, once, at its borg line', () => {
    expect(result.claims.find((c) => c.claim === 'backups.encrypted')?.verdict).toBe('unverified');
    const places = result.findings.filter((f) => f.ruleId === 'backup-encryption').map((f) => `${path.relative(result.root, f.file)}:${f.line}`);
    expect(places).toEqual(['usr/local/bin/backup.sh:3']);
  });
});
