import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/run-cli.js';

let cwd: string;
beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'privacy-lint-root-'));
  await writeFile(path.join(cwd, 'a-file'), 'not a directory\n');
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function run(args: string[]): Promise<CliRun> {
  return runCli(args, cwd);
}

describe('--root must name a directory', () => {
  it('refuses an empty --root (an unset variable in a script) with exit 2', async () => {
    const { code, stderr } = await run(['--root', '']);
    expect(code).toBe(2);
    expect(stderr).toBe('privacy-lint: --root is empty: name the directory that holds the system to check (/ for this one)\n');
  });

  it('refuses a --root that is a file with exit 2', async () => {
    const { code, stderr } = await run(['--root', 'a-file']);
    expect(code).toBe(2);
    expect(stderr).toBe('privacy-lint: --root a-file is not a directory\n');
  });
});
