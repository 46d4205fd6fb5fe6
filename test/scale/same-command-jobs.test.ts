/**
 * Jobs that run the same command with the same PATH run the same scripts: what a command text
 * reaches (the script found on PATH, the commands inside it) is looked up once per run for each
 * distinct text and PATH, not once per job. 10,000 cron lines and timers running a handful of
 * commands looked each name up on PATH again for every job and every backup reader. Counted as
 * PATH lookups (commandPath), not as time.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';

const lookups = vi.hoisted(() => ({ names: [] as string[] }));
vi.mock('../../src/software/scheduled-jobs/search-path.js', async (original) => {
  const actual = await original<typeof import('../../src/software/scheduled-jobs/search-path.js')>();
  return {
    ...actual,
    commandPath: (...args: Parameters<typeof actual.commandPath>) => {
      lookups.names.push(args[2]);
      return actual.commandPath(...args);
    },
  };
});

const LINES = 500;
let work: string;
let result: LintResult;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'privacy-lint-same-command-'));
  const root = path.join(work, 'root');
  await mkdir(path.join(root, 'etc/cron.d'), { recursive: true });
  await mkdir(path.join(root, 'usr/local/bin'), { recursive: true });
  await writeFile(path.join(root, 'usr/local/bin/backup.sh'), '#!/bin/sh\nexport BORG_REPO=/srv/borg\nborg create ::x /etc\n');
  // The same line at every minute of the night: one command text, one PATH (crontab(5): the PATH= line applies below it).
  const lines = Array.from({ length: LINES }, (_, i) => `${i % 60} ${i % 6} * * * root backup.sh`);
  await writeFile(path.join(root, 'etc/cron.d/backup'), `PATH=/usr/local/bin:/usr/bin:/bin\n${lines.join('\n')}\n`);
  await writeFile(path.join(work, 'policy.yaml'), 'policy:\n  backups:\n    encrypted: true\n');
  lookups.names = [];
  result = await lint({ cwd: work, root, paths: [], configFile: path.join(work, 'policy.yaml'), ruleOverrides: [] });
}, 600_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe(`${LINES} cron lines running backup.sh, found on PATH`, () => {
  it('looks backup.sh up on PATH once per reader family, not once per line', () => {
    // The borg/restic readers and the script readers each look up the name once; the
    // commands inside backup.sh (export, borg) are looked up once too.
    expect(lookups.names.filter((n) => n === 'backup.sh').length).toBeLessThanOrEqual(2);
    expect(lookups.names.length).toBeLessThan(10);
  });

  it('still judges the borg line of backup.sh, once', () => {
    const places = result.findings.filter((f) => f.ruleId === 'backup-encryption').map((f) => `${path.relative(result.root, f.file)}:${f.line}`);
    expect(places).toEqual(['usr/local/bin/backup.sh:3']);
  });
});
