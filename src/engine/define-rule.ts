import type { RuleDefinition } from './plugin.js';
import type { Rule } from './types.js';

/**
 * Gives a rule module its types (as ESLint's rule objects). A plugin's rule may leave out the
 * default severity (error) and the docs (the description is then the rationale).
 */
export function defineRule(rule: RuleDefinition): Rule {
  const { meta } = rule;
  return {
    ...rule,
    meta: { ...meta, defaultSeverity: meta.defaultSeverity ?? 'error', docs: meta.docs ?? { rationale: meta.description, checks: [] } },
  };
}
