import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lint } from '../../src/engine/lint.js';
import type { Finding, LintResult } from '../../src/engine/types.js';
import { planFixes, writePlan } from '../../src/fix/fix-plan.js';
import { repoRoot } from './lint-fixture.js';

/**
 * Every fixture tree: a directory under fixtures/ with its own privacy-lint.config.yaml; not the
 * fuzzer's saved cases (fixtures/fuzz), which are mangled configs kept only to prove a run ends.
 */
export function fixtureTrees(): string[] {
  const trees: string[] = [];
  const fuzzCases = path.join(repoRoot, 'fixtures', 'fuzz');
  const walk = (dir: string): void => {
    const names = readdirSync(dir);
    if (names.includes('privacy-lint.config.yaml')) trees.push(path.relative(path.join(repoRoot, 'fixtures'), dir));
    for (const name of names) {
      const child = path.join(dir, name);
      if (name !== 'etc' && child !== fuzzCases && statSync(child).isDirectory()) walk(child);
    }
  };
  walk(path.join(repoRoot, 'fixtures'));
  return trees.sort();
}

export interface RoundTrip {
  before: LintResult;
  after: LintResult;
  applied: Finding[];
  refused: string[];
  /** Claims violated before only by findings whose edits were applied: each must now hold. */
  fixedClaims: string[];
}

/**
 * Lints a copy of a fixture tree, applies its edits as --fix does, and lints it again.
 * `inspect` sees the fixed copy before it is removed (to run the real server on it).
 */
export async function fixRoundTrip(tree: string, inspect?: (root: string) => void): Promise<RoundTrip | undefined> {
  const copy = mkdtempSync(path.join(tmpdir(), 'privacy-lint-fix-'));
  try {
    cpSync(path.join(repoRoot, 'fixtures', tree), copy, { recursive: true, verbatimSymlinks: true });
    const options = { cwd: copy, root: copy, paths: [], configFile: path.join(copy, 'privacy-lint.config.yaml'), ruleOverrides: [] };
    let before: LintResult;
    try {
      before = await lint(options);
    } catch (error) {
      // A tree that needs its test's setup (config/inline names a plugin the test writes) is
      // not a server's files: it has nothing for --fix.
      if (tree === 'config/inline') return undefined;
      throw error;
    }
    if (!before.findings.some((f) => f.fix !== undefined)) return undefined;
    const plan = planFixes(before.findings, copy);
    const written = writePlan(plan, copy);
    const applied = written.written.flatMap((f) => f.applied);
    const refused = [
      ...plan.refused.map((r) => `${r.finding.ruleId}: ${r.reason}`),
      ...written.refused.map((r) => `${r.file.file}: ${r.reason}`),
    ];
    const after = await lint(options);
    inspect?.(copy);
    const fixedClaims = before.claims
      .filter((c) => c.verdict === 'violated')
      .map((c) => c.claim)
      .filter((claim) => {
        const breaking = before.findings.filter((f) => f.claim === claim && f.severity === 'error');
        return breaking.length > 0 && breaking.every((f) => applied.includes(f));
      });
    return { before, after, applied, refused, fixedClaims };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
