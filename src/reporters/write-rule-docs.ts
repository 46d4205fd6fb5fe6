import path from 'node:path';
import { writeToolFile } from '../files/tool-files.js';
import type { Rule } from '../engine/types.js';
import { ruleMarkdown, rulesIndexMarkdown } from './rule-markdown.js';

/**
 * Writes one page per rule (`<id>.md`; a plugin rule's `plugin/id` becomes a folder) and the
 * index README.md into `directory`, for `npm run docs` and `privacy-lint docs --plugin`.
 * Returns how many files were written.
 */
export function writeRuleDocs(directory: string, rules: Rule[], generatedBy = '`privacy-lint docs`'): number {
  for (const rule of rules) writeToolFile(path.join(directory, `${rule.meta.id}.md`), ruleMarkdown(rule));
  writeToolFile(path.join(directory, 'README.md'), rulesIndexMarkdown(rules, generatedBy));
  return rules.length + 1;
}
