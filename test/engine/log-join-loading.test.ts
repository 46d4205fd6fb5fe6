import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { repoRoot } from '../helpers/lint-fixture.js';

// The log join and the glob matcher its patterns need (picomatch) are loaded only for a run that
// has a log to join: `privacy-lint --format json` on a tree of scheduled jobs does without them.
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/engine/join-log-retention.js', async (importOriginal) => {
  loads.count += 1;
  return importOriginal();
});

vi.setConfig({ testTimeout: 60_000 });

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const lintTree = (root: string, configFile: string) => lint({ cwd: repoRoot, root, paths: [], configFile, ruleOverrides: [] });

describe('loading the log join', () => {
  it('is skipped for a tree of jobs that write no log, and done for the demo, whose servers log', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'privacy-lint-jobs-only-'));
    dirs.push(root);
    await mkdir(path.join(root, 'etc/cron.d'), { recursive: true });
    await writeFile(path.join(root, 'etc/cron.d/uploads'), '0 3 * * * root find /srv/uploads -mtime +30 -delete\n');
    const jobs = await lintTree(root, path.join(repoRoot, 'fixtures/reporters/policy.yaml'));
    expect(jobs.sources.map((s) => path.relative(root, s.file))).toEqual(['etc/cron.d/uploads']);
    expect(loads.count).toBe(0);

    const demo = await lintTree(path.join(repoRoot, 'fixtures/demo'), path.join(repoRoot, 'fixtures/demo/privacy-lint.config.yaml'));
    expect(demo.claims.length).toBeGreaterThan(0);
    expect(loads.count).toBe(1);
  });
});
