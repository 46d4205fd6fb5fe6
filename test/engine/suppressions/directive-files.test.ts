import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SourceTexts } from '../../../src/engine/source-texts.js';
import { builtinRules } from '../../../src/engine/rule-registry.js';
import { applyDirectives } from '../../../src/engine/suppressions/apply-directives.js';
import { openRoot } from '../../../src/files/open-root.js';
import type { SourceFile } from '../../../src/inventory/inventory.js';
import { sampleResult } from '../../reporters/sample-result.js';

// Every file read is a source whose text may hold privacy-lint-disable comments. 10,000
// scheduled jobs are 15,000 sources, nearly all without one: finding the few that hold one is
// one search of each text read, and only those texts are asked for again (a work count, not a time).

const JOBS = 50;
const COMMENTED = 7;
const config = sampleResult('/srv/audit').config;
let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'privacy-lint-directive-files-'));
  root = path.join(base, 'root');
  await mkdir(path.join(root, 'etc/cron.d'), { recursive: true });
  for (let i = 0; i < JOBS; i++) {
    // A disable comment that names no rule suppresses nothing and is an invalid-suppression error at its line.
    const text = i === COMMENTED ? '# privacy-lint-disable-next-line\n0 3 * * * root true\n' : '0 3 * * * root true\n';
    await writeFile(path.join(root, `etc/cron.d/job${i}`), text);
  }
  await writeFile(path.join(base, 'outside.conf'), '# privacy-lint-disable-next-line\nweekly\n');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/** The jobs as the readers leave them: each read through the file layer, each a source. */
function readJobs(): { files: ReturnType<typeof openRoot>; sources: SourceFile[] } {
  const files = openRoot(root);
  const sources: SourceFile[] = [];
  for (let i = 0; i < JOBS; i++) {
    expect(files.load(`/etc/cron.d/job${i}`).ok).toBe(true);
    sources.push({ file: files.host(`/etc/cron.d/job${i}`), kind: 'cron', status: 'ok' });
  }
  return { files, sources };
}

describe('finding the sources that hold suppression comments', () => {
  it('asks for the text of the one job of 50 holding a comment, and still judges its comment', () => {
    const { files, sources } = readJobs();
    const loadHost = vi.spyOn(files, 'loadHost');
    const run = applyDirectives([], sources, new SourceTexts(files), builtinRules(), config);
    expect(loadHost.mock.calls.map(([file]) => path.relative(root, file))).toEqual([`etc/cron.d/job${COMMENTED}`]);
    expect(run.findings.map((f) => [f.ruleId, path.relative(root, f.file), f.line])).toEqual([['invalid-suppression', `etc/cron.d/job${COMMENTED}`, 1]]);
  });

  it('reads a source outside --root, which the file layer does not hold, as before', () => {
    const { files, sources } = readJobs();
    const outside = path.join(base, 'outside.conf');
    const run = applyDirectives([], [...sources, { file: outside, kind: 'logrotate', status: 'ok' }], new SourceTexts(files), builtinRules(), config);
    expect(run.findings.map((f) => [f.ruleId, path.relative(base, f.file), f.line])).toEqual([
      ['invalid-suppression', `root/etc/cron.d/job${COMMENTED}`, 1],
      ['invalid-suppression', 'outside.conf', 1],
    ]);
  });
});
