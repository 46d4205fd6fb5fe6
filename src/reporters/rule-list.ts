import type { ChalkInstance } from 'chalk';
import type { Rule } from '../engine/types.js';
import { alignColumns, type Cell } from './text-columns.js';

/** `privacy-lint rules`: one aligned row per rule. */
export function formatRuleList(rules: Rule[], chalk: ChalkInstance): string {
  if (rules.length === 0) return 'No rules are available.\n';
  const heading: Cell[] = ['id', 'claims', 'severity', 'description'].map((text) => ({ text, style: chalk.dim }));
  const rows: Cell[][] = rules.map(({ meta }) => [
    { text: meta.id, style: chalk.bold },
    { text: meta.claims.length > 0 ? meta.claims.join(', ') : '-' },
    { text: meta.defaultSeverity },
    { text: meta.description },
  ]);
  return `${alignColumns([heading, ...rows], '').join('\n')}\n`;
}

/** `privacy-lint rules --format json`: the rules' metadata without their long docs. */
export function formatRuleListJson(rules: Rule[]): string {
  const list = rules.map(({ meta }) => ({
    id: meta.id,
    claims: meta.claims,
    defaultSeverity: meta.defaultSeverity,
    description: meta.description,
  }));
  return `${JSON.stringify(list, null, 2)}\n`;
}
