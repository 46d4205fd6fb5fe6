import type { ChalkInstance } from 'chalk';
import type { Rule } from '../engine/types.js';
import { appendAll } from '../arrays/append-all.js';

/** `privacy-lint explain ID`: a rule's documentation as plain, indented text. */
export function formatRuleDocs(rule: Rule, chalk: ChalkInstance): string {
  const { meta } = rule;
  const { docs } = meta;
  const lines: string[] = [
    `${chalk.bold(meta.id)} (${meta.defaultSeverity} by default)`,
    meta.description,
    '',
    `Claims: ${meta.claims.length > 0 ? meta.claims.join(', ') : 'none (reports configuration problems)'}`,
    '',
    chalk.bold('Why'),
    ...indent(docs.rationale, '  '),
  ];
  if (docs.checks.length > 0) {
    lines.push('', chalk.bold('What it checks'));
    for (const check of docs.checks) appendAll(lines, bullet(check));
  }
  for (const example of docs.examples ?? []) {
    lines.push('', chalk.bold(`Example (${example.language})`));
    lines.push(`  ${chalk.green('Compliant:')}`, ...indent(example.compliant, '    '));
    lines.push(`  ${chalk.red('Violating:')}`, ...indent(example.violating, '    '));
  }
  if (docs.sources !== undefined && docs.sources.length > 0) {
    lines.push('', chalk.bold('Sources'));
    for (const source of docs.sources) appendAll(lines, bullet(source));
  }
  return `${lines.join('\n')}\n`;
}

function indent(text: string, prefix: string): string[] {
  return text
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line === '' ? '' : prefix + line));
}

function bullet(text: string): string[] {
  const [first = '', ...rest] = indent(text, '    ');
  return [`  - ${first.trimStart()}`, ...rest];
}
