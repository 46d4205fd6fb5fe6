/**
 * bin/privacy-lint.js ends the process as soon as the report is out (not waiting for V8 to finish
 * a garbage collection), but never before a pipe has taken all the output, nor while a plugin
 * still has work pending.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../helpers/lint-fixture.js';

vi.setConfig({ testTimeout: 60_000 });

const bin = path.join(repoRoot, 'bin', 'privacy-lint.js');
const demo = ['--root', 'fixtures/demo', '--config', 'fixtures/demo/privacy-lint.config.yaml', '--no-color'];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'privacy-lint-exit-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI with its stdout in a pipe (64 KiB on Linux) that is read only after a second. */
function runPipedLate(args: string[]): string {
  const shell = spawnSync('/bin/sh', ['-c', '"$@" | { sleep 1; cat; }', 'sh', process.execPath, bin, ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return shell.stdout;
}

function run(args: string[]): number | null {
  return spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, stdio: 'ignore' }).status;
}

describe('ending the process', () => {
  it('writes the whole SARIF report of the demo (over the 64 KiB a Linux pipe holds) to a pipe read late', async () => {
    const file = path.join(dir, 'demo.sarif');
    expect(run([...demo, '--format', 'sarif', '-o', file])).toBe(1);
    const written = await readFile(file, 'utf8');
    expect(written.length).toBeGreaterThan(64 * 1024);
    expect(runPipedLate([...demo, '--format', 'sarif'])).toBe(written);
  });

  it("lets a plugin's pending timer run before the process ends", async () => {
    const done = path.join(dir, 'timer-ran');
    await writeFile(
      path.join(dir, 'late.mjs'),
      `import { writeFileSync } from 'node:fs';\nsetTimeout(() => writeFileSync(${JSON.stringify(done)}, 'ran'), 500);\nexport default { name: 'late', rules: [] };\n`,
    );
    expect(run([...demo, '--format', 'json', '-o', path.join(dir, 'demo.json'), '--plugin', path.join(dir, 'late.mjs')])).toBe(1);
    expect(await readFile(done, 'utf8')).toBe('ran');
  });
});
