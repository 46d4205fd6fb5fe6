import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/lint-fixture.js';

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
