import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { repoRoot } from './lint-fixture.js';

/**
 * Lints the trees under fixtures/provider-file/ with a policy that declares no storage claim:
 * a provider file's promises are checked whatever the policy declares. Call at a test file's top.
 */
export function providerFileTrees(): (tree: string) => Promise<LintResult> {
  let dir: string | undefined;
  let policy = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'privacy-lint-providers-'));
    policy = path.join(dir, 'policy.yaml');
    await writeFile(policy, 'passwords: hashed\n');
  });
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  return (tree) => lint({ cwd: repoRoot, root: path.join(repoRoot, 'fixtures/provider-file', tree), paths: [], policyFile: policy, ruleOverrides: [] });
}
