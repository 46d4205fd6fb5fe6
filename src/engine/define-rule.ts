import type { Rule } from './types.js';

/** Identity function that gives a rule module its types (as ESLint's rule objects). */
export function defineRule(rule: Rule): Rule {
  return rule;
}
