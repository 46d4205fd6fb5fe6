import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/lint-fixture.js';

/** The npm commands of a shell text, in order: `npm ci && npm start` is two. Comments are left out. */
function npmCommands(shell: string): string[] {
  const code = shell
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .join('\n');
  return [...code.matchAll(/\bnpm ([a-z-]+)/g)].map((m) => `npm ${m[1] ?? ''}`);
}

describe('README quick start', () => {
  it('is exactly the npm commands .ci/run calls, in the same order', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const quickStart = /## Quick start\n+```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const ci = readFileSync(join(repoRoot, '.ci/run'), 'utf8');
    expect(npmCommands(quickStart)).toEqual(['npm ci', 'npm start', 'npm test']);
    expect(npmCommands(ci)).toEqual(npmCommands(quickStart));
  });
});

/** The README's test prerequisites are the packages CI installs (.ci/run's oracle_packages). */
describe('README test prerequisites', () => {
  it('list every package .ci/run installs, in its apt-get line', () => {
    const ciPackages = /^oracle_packages=\(([^)]*)\)/m.exec(readFileSync(join(repoRoot, '.ci/run'), 'utf8'))?.[1]?.split(/\s+/).filter(Boolean) ?? [];
    expect(ciPackages.length).toBeGreaterThan(10);
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const aptLine = /^apt-get install ((?:.*\\\n)*.*)$/m.exec(readme)?.[1]?.replace(/\\\n/g, ' ') ?? '';
    expect(aptLine.split(/\s+/).filter(Boolean).sort()).toEqual([...ciPackages].sort());
  });
});
