/**
 * Reading job files ahead on a worker thread (src/files/read-ahead.ts): the worker reads what the
 * reader would, and a tree read with it is judged exactly as one read without it, hostile entries
 * included. The worker is never waited for, so no test asserts how many files it read in time;
 * the first block waits until it is done (polling, no timing asserted) and checks every text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ReadAhead, READ_AHEAD_MIN_FILES } from '../../src/files/read-ahead.js';
import { RootFiles } from '../../src/files/root-files.js';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { claimOf, repoRoot } from '../helpers/lint-fixture.js';
import { specialTree } from '../helpers/special-tree.js';

// The machine these tests run on may have one CPU, where no worker starts: they run as with two.
const cpus = vi.hoisted(() => ({ count: 2 }));
vi.mock('node:os', async (original) => ({ ...(await original<typeof import('node:os')>()), availableParallelism: () => cpus.count }));

async function allReceived(ahead: ReadAhead, count: number): Promise<void> {
  while (ahead.received < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('ReadAhead: files read on a worker thread', () => {
  const COUNT = 300;
  const names = Array.from({ length: COUNT }, (_, i) => `etc/cron.d/job${String(i).padStart(4, '0')}`);
  const contents: Record<string, string> = {};
  for (const [i, name] of names.entries()) contents[name] = `${i % 60} 3 * * * root find /srv/é${i} -mtime +${i} -delete\n`;
  // Larger than the worker's first buffer (64 KiB), and an empty file.
  contents[names[7] as string] = `# ${'x'.repeat(100_000)}\n`;
  contents[names[8] as string] = '';

  it('gives each file its text once, the same bytes as reading it; an empty file is left to the reader', async () => {
    const root = specialTree(contents, 'privacy-lint-ahead-');
    const hosts = names.map((n) => path.join(root, n));
    const ahead = ReadAhead.start(hosts, hosts, 16 * 1024 * 1024) as ReadAhead;
    expect(ahead).toBeDefined();
    await allReceived(ahead, COUNT);
    const texts = hosts.map((h) => ahead.take(h));
    expect(texts.filter((t) => t === undefined)).toHaveLength(1);
    expect(texts[8]).toBeUndefined();
    for (const [i, host] of hosts.entries()) if (i !== 8) expect(texts[i]).toBe(readFileSync(host, 'utf8'));
    expect(ahead.take(hosts[0] as string)).toBeUndefined();
    expect(ahead.take(path.join(root, 'etc/crontab'))).toBeUndefined();
  });

  it('leaves a file over the size limit to the reader, which refuses it', async () => {
    const root = specialTree(contents, 'privacy-lint-ahead-');
    const hosts = names.map((n) => path.join(root, n));
    const ahead = ReadAhead.start(hosts, hosts, 1000) as ReadAhead;
    await allReceived(ahead, COUNT);
    expect(ahead.take(hosts[7] as string)).toBeUndefined();
    expect(ahead.take(hosts[6] as string)).toBe(contents[names[6] as string]);
  });

  it('starts no worker for fewer files than it saves time on, nor with one CPU to run on', () => {
    expect(ReadAhead.start(['/nonexistent'], ['/nonexistent'], 1000)).toBeUndefined();
    expect(READ_AHEAD_MIN_FILES).toBeGreaterThan(1);
    const many = Array.from({ length: READ_AHEAD_MIN_FILES }, (_, i) => `/nonexistent/${i}`);
    cpus.count = 1;
    try {
      expect(ReadAhead.start(many, many, 1000)).toBeUndefined();
    } finally {
      cpus.count = 2;
    }
    expect(ReadAhead.start(many, many, 1000)).toBeDefined();
  });
});

describe('RootFiles.readAhead: what load gives is the same, read ahead or not', () => {
  it('gives the same texts and the same refusals for every path, once the worker has read them all', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`etc/cron.d/job${String(i).padStart(4, '0')}`] = `${i} 3 * * * root true\n`;
    files['etc/cron.d/job0100'] = '-> ../../../../../../../../../../etc/passwd';
    files['etc/cron.d/job0101'] = 'fifo';
    files['etc/cron.d/job0102'] = 'sparse 20000000';
    files['etc/cron.d/job0103'] = '';
    files['etc/cron.d/job0104'] = '-> /etc/cron.d/job0105';
    const root = specialTree(files, 'privacy-lint-ahead-');
    const started: ReadAhead[] = [];
    const start = ReadAhead.start.bind(ReadAhead);
    const spy = vi.spyOn(ReadAhead, 'start').mockImplementation((keys, hosts, maxSize) => {
      const ahead = start(keys, hosts, maxSize);
      if (ahead) started.push(ahead);
      return ahead;
    });
    const ahead = new RootFiles(root);
    const names = ahead.list('/etc/cron.d') as string[];
    const paths = names.map((n) => `/etc/cron.d/${n}`);
    ahead.readAhead([{ dir: '/etc/cron.d', names: ['not-there', ...names] }]);
    spy.mockRestore();
    expect(started).toHaveLength(1);
    // Only the regular files the listing showed are read ahead: not the two links, the FIFO or
    // the missing name.
    await allReceived(started[0] as ReadAhead, 300 - 3);

    const plain = new RootFiles(root);
    plain.list('/etc/cron.d');
    for (const p of paths) expect(ahead.load(p)).toEqual(plain.load(p));
    expect(ahead.refusals()).toEqual(plain.refusals());
    // Every text came from the worker: none is left to take.
    expect(paths.every((p) => (started[0] as ReadAhead).take(p) === undefined)).toBe(true);
  });
});

describe('a tree of hundreds of job files, read ahead, is judged as read one by one', () => {
  const JOBS = 400;

  async function lintJobs(hostile: boolean): Promise<{ root: string; result: LintResult }> {
    const files: Record<string, string> = {};
    for (let i = 0; i < JOBS; i++) files[`etc/cron.d/job${String(i).padStart(4, '0')}`] = `${i % 60} 3 * * * root find /srv/scratch -mtime +1 -delete\n`;
    // Prosody alone keeps uploads 60 days; the one job that sweeps them keeps the promise, and it
    // is among the files read ahead.
    files['etc/prosody/prosody.cfg.lua'] = 'VirtualHost "example.org"\nComponent "upload.example.org" "http_file_share"\n  http_file_share_expires_after = 60 * 24 * 60 * 60\n';
    files['etc/cron.d/job0250'] = '15 4 * * * prosody find /var/lib/prosody/upload\\%2eexample\\%2eorg/http_file_share -type f -mtime +7 -delete\n';
    // Hostile entries: never read ahead (the listing does not show them as regular files) or
    // given up by the worker; each is refused as without read-ahead.
    if (hostile) {
      files['etc/cron.d/job0100'] = '-> ../../../../../../../../../../etc/passwd';
      files['etc/cron.d/job0101'] = 'fifo';
      files['etc/cron.d/job0102'] = 'sparse 20000000';
    }
    files['privacy-lint.config.yaml'] = 'policy:\n  fileUploads:\n    retention: 14d\n';
    const root = specialTree(files, 'privacy-lint-ahead-');
    const result = await lint({ cwd: repoRoot, root, paths: [], configFile: path.join(root, 'privacy-lint.config.yaml'), ruleOverrides: [] });
    return { root, result };
  }

  it('reads every job and judges by the one that sweeps uploads, at its line', async () => {
    const { root, result } = await lintJobs(false);
    const cron = result.sources.filter((s) => s.file.includes(`${path.sep}cron.d${path.sep}`));
    expect(cron.filter((s) => s.status === 'ok')).toHaveLength(JOBS);
    // -mtime +7 deletes a file once it is more than 7 whole days old (find(1)): 1 week, within the
    // 14 days promised; Prosody alone would keep uploads 60 days.
    const claim = claimOf(result, 'fileUploads.retention');
    expect(claim.verdict).toBe('verified');
    expect(claim.observed).toBe('1w');
    expect(claim.evidence.map((e) => `${path.relative(root, e.file)}:${e.line}`)).toContain('etc/cron.d/job0250:1');
  });

  it('refuses a link out of the root, a FIFO and a file over the size limit among them, each at its file', async () => {
    const { root, result } = await lintJobs(true);
    const cron = result.sources.filter((s) => s.file.includes(`${path.sep}cron.d${path.sep}`));
    expect(cron).toHaveLength(JOBS);
    expect(cron.filter((s) => s.status === 'unreadable').map((s) => path.relative(root, s.file)).sort()).toEqual(['etc/cron.d/job0100', 'etc/cron.d/job0101', 'etc/cron.d/job0102']);
    const refused = result.findings.filter((f) => f.ruleId === 'include-error').map((f) => `${path.relative(root, f.file)}:${f.line} ${f.message}`);
    expect(refused.sort()).toEqual([
      expect.stringMatching(/^etc\/cron.d\/job0100:1 .*points outside --root: not followed/),
      expect.stringMatching(/^etc\/cron.d\/job0101:1 .*a FIFO \(named pipe\), not a regular file/),
      expect.stringMatching(/^etc\/cron.d\/job0102:1 .*over the limit of 16 MiB/),
    ]);
    // What the unreadable files might hold decides the promise: it cannot be verified.
    expect(claimOf(result, 'fileUploads.retention').verdict).toBe('unverified');
  });
});
