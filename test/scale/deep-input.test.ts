import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';

// Every reader on input nested 10^5 deep, generated here (never committed): each must end with
// a positioned diagnostic at its limit, not a stack overflow. The limits: Lua 5.4 refuses more
// than 200 syntax levels (LUAI_MAXCCALLS, llimits.h), so Prosody does too; the others are
// privacy-lint's own bounds (200 blocks, 1,000 YAML levels, 100 chained macros).
const DEEP = 100_000;
const TIMEOUT = 300_000;

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'privacy-lint-deep-'));
  await writeFile(path.join(work, 'policy.yaml'), 'policy:\n  messageArchive:\n    retention: 21d\n  ipAddresses:\n    stored: never\n');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function lintTree(name: string, files: Record<string, string>): Promise<LintResult> {
  const root = path.join(work, name);
  for (const [relative, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), text);
  }
  return lint({ cwd: work, root, paths: [], configFile: path.join(work, 'policy.yaml'), ruleOverrides: [] });
}

/** `rule file:line message` of the findings of the given rules, file relative to the tree. */
function problems(result: LintResult, ...ruleIds: string[]): string[] {
  return result.findings
    .filter((f) => ruleIds.includes(f.ruleId))
    .map((f) => `${f.ruleId} ${path.relative(result.root, f.file)}:${f.line} ${f.message}`);
}

const lines = (count: number, line: (i: number) => string): string => Array.from({ length: count }, (_, i) => line(i)).join('\n');

describe('readers on input nested 100,000 deep', () => {
  const luaCases: [string, string][] = [
    ['tables', `x = ${'{'.repeat(DEEP)}${'}'.repeat(DEEP)}\n`],
    ['parentheses', `x = ${'('.repeat(DEEP)}1${')'.repeat(DEEP)}\n`],
    ['unary minus', `x = ${'- '.repeat(DEEP)}1\n`],
    ['concatenations', `x = ${Array.from({ length: DEEP }, () => '"a"').join(' .. ')}\n`],
    ['do blocks', `${'do '.repeat(DEEP)}${'end '.repeat(DEEP)}\n`],
    ['functions', `x = ${'function() return '.repeat(DEEP)}1${' end'.repeat(DEEP)}\n`],
  ];
  for (const [what, source] of luaCases) {
    it(`Prosody: Lua ${what} — refused as Lua refuses them (Prosody does not start)`, async () => {
      const result = await lintTree(`lua-${what.replace(/ /g, '-')}`, { 'etc/prosody/prosody.cfg.lua': `-- deep\n${source}` });
      const found = problems(result, 'parse-error');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^parse-error etc\/prosody\/prosody\.cfg\.lua:2 Lua syntax error: nested more than 200 levels deep/);
    }, TIMEOUT);
  }

  it('Prosody: 100,000 chained additions and field indexes are evaluated without recursion limits', async () => {
    const result = await lintTree('lua-chains', {
      'etc/prosody/prosody.cfg.lua': `x = ${Array.from({ length: DEEP }, () => '1').join(' + ')}\ny = a${'.b'.repeat(DEEP)}\n`,
    });
    expect(problems(result, 'parse-error')).toEqual([]);
  }, TIMEOUT);

  it('ejabberd: YAML flow sequences', async () => {
    const result = await lintTree('yaml-flow', { 'etc/ejabberd/ejabberd.yml': `hosts: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n` });
    expect(problems(result, 'parse-error')).toEqual(['parse-error etc/ejabberd/ejabberd.yml:1 YAML: nested more than 1000 levels deep; privacy-lint reads no deeper']);
  }, TIMEOUT);

  it('ejabberd: YAML block mappings, one indentation level per line (3,000: 10^5 would be 5 GB of spaces)', async () => {
    const result = await lintTree('yaml-block', { 'etc/ejabberd/ejabberd.yml': `hosts:\n${lines(3000, (i) => `${' '.repeat(i + 1)}k${i}:`)}\n` });
    // Line 1 is `hosts:` at level 1; the 1,000th nested key (line 1,001) is at level 1,001.
    expect(problems(result, 'parse-error')).toEqual(['parse-error etc/ejabberd/ejabberd.yml:1001 YAML: nested more than 1000 levels deep; privacy-lint reads no deeper']);
  }, TIMEOUT);

  it('ejabberd: a chain of 100,000 macros, each defined by the next one', async () => {
    // Defined from the last to the first, so that expanding M99999 needs all the others first.
    const defs = lines(DEEP - 1, (i) => `  M${DEEP - 1 - i}: M${DEEP - 2 - i}`);
    const result = await lintTree('macros', {
      'etc/ejabberd/ejabberd.yml': `define_macro:\n${defs}\n  M0: 1\nhosts: ["a.example"]\nshaper:\n  normal: M${DEEP - 1}\n`,
    });
    const found = problems(result, 'unknown-value');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^unknown-value etc\/ejabberd\/ejabberd\.yml:\d+ Macro M\d+ is reached through more than 100 macros/);
  }, TIMEOUT);

  it('borgmatic: YAML flow mappings', async () => {
    const result = await lintTree('borgmatic', { 'etc/borgmatic/config.yaml': `repositories: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n` });
    expect(problems(result, 'parse-error')).toEqual(['parse-error etc/borgmatic/config.yaml:1 YAML: nested more than 1000 levels deep; privacy-lint reads no deeper']);
  }, TIMEOUT);

  it('nginx: location blocks', async () => {
    const result = await lintTree('nginx', { 'etc/nginx/nginx.conf': `events {}\nhttp {\n${'location / {\n'.repeat(DEEP)}${'}\n'.repeat(DEEP)}}\n` });
    const found = problems(result, 'parse-error');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^parse-error etc\/nginx\/nginx\.conf:\d+ blocks nested more than 200 deep/);
  }, TIMEOUT);

  it('nginx: bare braces, each "unexpected" (a crash the fuzzer found)', async () => {
    const result = await lintTree('nginx', { 'etc/nginx/nginx.conf': `events {}\nhttp {\n${'{\n'.repeat(DEEP)}${'}\n'.repeat(DEEP)}}\n` });
    const found = problems(result, 'parse-error');
    // Each `{` without a directive is an error (nginx: unexpected "{"); the 201st and deeper are skipped unread.
    expect(found[0]).toBe('parse-error etc/nginx/nginx.conf:3 unexpected "{"');
    expect(found.length).toBeGreaterThan(1);
  }, TIMEOUT);

  it('Apache: <IfModule> sections', async () => {
    const result = await lintTree('apache', {
      'etc/apache2/apache2.conf': `${'<IfModule !mod_nothing.c>\n'.repeat(DEEP)}${'</IfModule>\n'.repeat(DEEP)}`,
    });
    // The 201st section (line 201) is the first one past the limit.
    expect(problems(result, 'parse-error')).toEqual(['parse-error etc/apache2/apache2.conf:201 <IfModule> sections nested more than 200 deep: privacy-lint does not read what is inside']);
  }, TIMEOUT);

  it('Caddy: handle blocks', async () => {
    const result = await lintTree('caddy', { 'etc/caddy/Caddyfile': `example.org {\n${'handle {\n'.repeat(DEEP)}${'}\n'.repeat(DEEP)}}\n` });
    // The site block is level 1; the 200th handle (line 201) opens level 201.
    expect(problems(result, 'parse-error')).toEqual(['parse-error etc/caddy/Caddyfile:201 blocks nested more than 200 deep: privacy-lint does not read the block of "handle"']);
  }, TIMEOUT);
});
