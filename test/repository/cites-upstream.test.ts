import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/lint-fixture.js';

/**
 * The repository stands alone: comments, docs, rule metadata (docs.sources, shown by
 * `explain` and docs/rules) cite the upstream source (server, file, release), never research
 * notes kept outside it, which a reader of the repository cannot open.
 */
const NOTE_CITATION = /shared\/research|\bresearch\/|\bresearch(?: [a-z-]+\.md)? §|\bresearch notes?\b/i;

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((entry) => filesUnder(join(path, entry)));
}

function citations(paths: string[]): string[] {
  return paths.flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line, i) => (NOTE_CITATION.test(line) ? [`${relative(repoRoot, path)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('citations', () => {
  it('recognises each way the notes have been cited', () => {
    for (const cited of ['(shared/research/backups.md §0)', '(research/web-system.md §5.4)', '(research §3.3)', '(research web-system.md §1.5)', "the project's research notes"]) {
      expect(NOTE_CITATION.test(cited), cited).toBe(true);
    }
    expect(NOTE_CITATION.test('logrotate 3.21.0 logrotate.c:1468-1530 findNeedRotating')).toBe(false);
  });

  it('src/, rules/, docs/ and README.md cite no note outside the repository', () => {
    const paths = ['src', 'rules', 'docs', 'README.md'].flatMap((p) => filesUnder(join(repoRoot, p)));
    expect(paths.length).toBeGreaterThan(100);
    expect(citations(paths)).toEqual([]);
  });
});
