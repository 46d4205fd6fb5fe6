import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/lint-fixture.js';

/** A YAML file of the repository, as the shape the test names (what the test reads of it). */
export async function readYaml<T>(relative: string): Promise<T> {
  return parse(await readFile(path.join(repoRoot, relative), 'utf8')) as T;
}

/** The formats DESIGN.md's command line lists for -f (the contract the recipes may name). */
export async function designFormats(): Promise<string[]> {
  const design = await readFile(path.join(repoRoot, '..', 'shared', 'DESIGN.md'), 'utf8').catch(() => undefined);
  const source = design ?? '';
  const block = /-f, --format NAME\s+([^\n]+\n\s+[^\n]+)/.exec(source)?.[1] ?? '';
  return block.split(/[|\s]+/).filter((w) => /^[a-z]+$/.test(w));
}

/**
 * A directory holding a `privacy-lint` executable that logs its arguments (one invocation per
 * line, NUL-separated) to `log` and runs the built CLI, for running a recipe's shell script.
 */
export async function shimDir(): Promise<{ dir: string; log: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'privacy-lint-shim-'));
  const log = path.join(dir, 'invocations.log');
  const shim = path.join(dir, 'privacy-lint');
  await writeFile(
    shim,
    `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done >> "${log}"\necho >> "${log}"\nexec node "${path.join(repoRoot, 'bin', 'privacy-lint.js')}" "$@"\n`,
  );
  await chmod(shim, 0o755);
  await writeFile(log, '');
  return { dir, log };
}

export async function invocations(log: string): Promise<string[][]> {
  const text = await readFile(log, 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\0').filter((a) => a !== ''));
}

/** Runs a shell script (`bash -c`), resolving with its exit code. */
export function runScript(shell: 'bash' | 'sh', script: string, cwd: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    execFile(shell, ['-c', script], { cwd, env: { ...process.env, ...env } }, (error) => {
      resolve(error === null ? 0 : typeof error.code === 'number' ? error.code : 1);
    });
  });
}
