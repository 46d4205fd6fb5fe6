import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConfigSettings } from '../../src/config/config-settings.js';
import { isPlainMapping, parseYamlTree } from '../../src/config/located-tree.js';
import { parsePolicy } from '../../src/config/policy.js';
import { ProblemList } from '../../src/config/problem-list.js';

/** docs/policy.md is the user reference: every YAML example in it must be valid as shown. */
const DOC = fileURLToPath(new URL('../../docs/policy.md', import.meta.url));
const PROFILE = fileURLToPath(new URL('../../profiles/recommended.yaml', import.meta.url));
const blocks = [...readFileSync(DOC, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

describe('docs/policy.md examples', () => {
  it('has examples, including all five seed policies', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(12);
  });

  it.each(blocks.map((block, index) => [index, block] as const))('example %i is a valid policy or configuration', (_index, block) => {
    const tree = parseYamlTree(DOC, 'docs/policy.md', block);
    const root = tree.value;
    expect(isPlainMapping(root)).toBe(true);
    if (!isPlainMapping(root)) return;
    if (Object.hasOwn(root, 'policy') || Object.hasOwn(root, 'extends')) {
      const problems = new ProblemList();
      readConfigSettings({ tree, base: [] }, problems);
      expect(() => problems.throwIfAny()).not.toThrow();
      if (isPlainMapping(root.policy)) expect(parsePolicy(tree, 'policy', ['policy']).size).toBeGreaterThan(0);
    } else {
      expect(parsePolicy(tree, 'policy').size).toBeGreaterThan(0);
    }
  });

  it('shows the recommended profile as it is', () => {
    const profileTree = parseYamlTree(PROFILE, 'recommended.yaml', readFileSync(PROFILE, 'utf8'));
    const profile = [...parsePolicy(profileTree, 'profile').values()].map((c) => `${c.name}=${c.text}`);
    const shown = blocks
      .map((block) => parseYamlTree(DOC, 'docs/policy.md', block))
      .filter((tree) => isPlainMapping(tree.value) && Object.hasOwn(tree.value, 'transport') && !Object.hasOwn(tree.value, 'policy'))
      .map((tree) => [...parsePolicy(tree, 'policy').values()].map((c) => `${c.name}=${c.text}`));
    expect(shown).toEqual([profile]);
  });
});
