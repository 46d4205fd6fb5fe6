import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** A config tree from fixtures/ (a directory holding `etc/`), and the files in it to mutate. */
export interface SeedTree {
  /** Relative to the repository: 'fixtures/nginx/realip'. */
  dir: string;
  /** Relative to the tree: 'etc/nginx/nginx.conf'. */
  files: string[];
}

/**
 * Every fixture tree with an `etc/` directory, with its regular files (the policy file excepted).
 * The fuzzer's own saved cases are not seeds: they are already mangled, often megabytes of one
 * line, and mutating them again spends the run re-proving a known slow case.
 */
export function seedTrees(repoRoot: string): SeedTree[] {
  const trees: SeedTree[] = [];
  const visit = (dir: string): void => {
    if (dir === path.join('fixtures', 'fuzz')) return;
    const names = readdirSync(path.join(repoRoot, dir));
    if (names.includes('etc')) {
      const files = filesBelow(repoRoot, dir, '').filter((f) => f !== 'privacy-lint.config.yaml');
      if (files.length > 0) trees.push({ dir, files });
      return;
    }
    for (const name of names) if (statSync(path.join(repoRoot, dir, name)).isDirectory()) visit(path.join(dir, name));
  };
  visit('fixtures');
  return trees;
}

function filesBelow(repoRoot: string, tree: string, sub: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(repoRoot, tree, sub), { withFileTypes: true })) {
    const rel = path.join(sub, entry.name);
    if (entry.isDirectory()) out.push(...filesBelow(repoRoot, tree, rel));
    else if (entry.isFile() && statSync(path.join(repoRoot, tree, rel)).size < 1_000_000) out.push(rel);
  }
  return out;
}

export function readSeed(repoRoot: string, tree: SeedTree, file: string): Buffer {
  return readFileSync(path.join(repoRoot, tree.dir, file));
}
