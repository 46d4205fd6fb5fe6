/**
 * Writes docs/rules/<id>.md for every built-in rule and docs/rules/README.md, from the rules'
 * metadata. Run by `npm run docs`; test/docs/rule-docs-current.test.ts fails when they are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRules } from '../src/engine/rule-registry.js';
import { ruleMarkdown, rulesIndexMarkdown } from '../src/reporters/rule-markdown.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.join(repo, 'docs', 'rules');
mkdirSync(out, { recursive: true });
const rules = builtinRules();
for (const rule of rules) writeFileSync(path.join(out, `${rule.meta.id}.md`), ruleMarkdown(rule));
writeFileSync(path.join(out, 'README.md'), rulesIndexMarkdown(rules));
console.log(`wrote ${rules.length + 1} files to ${path.relative(process.cwd(), out) || '.'}`);
