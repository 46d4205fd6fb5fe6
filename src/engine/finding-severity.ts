import type { ResolvedConfig, Severity } from '../config/types.js';
import type { Rule } from './types.js';

/** The severity the configuration gives a rule's findings, 'off' included, else the rule's default. */
export function severityOf(ruleId: string, rules: Rule[], config: ResolvedConfig): Severity | 'off' {
  const set = config.ruleSeverities.get(ruleId);
  if (set !== undefined) return set;
  return rules.find((r) => r.meta.id === ruleId)?.meta.defaultSeverity ?? 'warning';
}
