import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../../src/engine/rule-registry.js';
import { ruleMarkdown, rulesIndexMarkdown } from '../../src/reporters/rule-markdown.js';

const docs = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'rules');

describe('docs/rules is generated from the rules\' metadata', () => {
  for (const rule of builtinRules()) {
    it(`${rule.meta.id}.md is current (run \`npm run docs\` if not)`, () => {
      const file = path.join(docs, `${rule.meta.id}.md`);
      expect(existsSync(file), `${file} is missing`).toBe(true);
      expect(readFileSync(file, 'utf8')).toBe(ruleMarkdown(rule));
    });
  }
  it('README.md lists every rule', () => {
    expect(readFileSync(path.join(docs, 'README.md'), 'utf8')).toBe(rulesIndexMarkdown(builtinRules()));
  });
});
