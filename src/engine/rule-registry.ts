import type { Rule } from './types.js';

/** Every built-in rule, in the order `privacy-lint rules` lists them. */
export function builtinRules(): Rule[] {
  return [];
}

export function findRule(rules: Rule[], id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
