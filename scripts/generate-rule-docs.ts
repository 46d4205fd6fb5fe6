/**
 * Writes docs/rules/<id>.md for every built-in rule and docs/rules/README.md, from the rules'
 * metadata. Run by `npm run docs`; test/docs/rule-docs-current.test.ts fails when they are stale.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRules } from '../src/engine/rule-registry.js';
import { writeRuleDocs } from '../src/reporters/write-rule-docs.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.join(repo, 'docs', 'rules');
const written = writeRuleDocs(out, builtinRules(), '`npm run docs`');
console.log(`wrote ${written} files to ${path.relative(process.cwd(), out) || '.'}`);
