import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../../src/config/claims.js';
import { builtinRules } from '../../src/engine/rule-registry.js';

const rules = builtinRules();

describe('built-in rule metadata', () => {
  it('ids are unique, lower-case and hyphenated, and match their module file', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it.each(rules.map((r) => [r.meta.id, r] as const))('%s has a description, rationale and checks', (_id, rule) => {
    expect(rule.meta.description).toMatch(/\.$/);
    expect(rule.meta.docs.rationale.length).toBeGreaterThan(40);
    expect(rule.meta.docs.checks.length).toBeGreaterThan(0);
  });

  it('every claim a Prosody config can touch has a rule', () => {
    const judged = new Set(rules.flatMap((r) => r.meta.claims));
    const outsideProsody: string[] = [];
    const missing = CLAIMS.map((c) => c.name).filter((name) => !judged.has(name) && !outsideProsody.includes(name));
    expect(missing).toEqual([]);
  });
});
