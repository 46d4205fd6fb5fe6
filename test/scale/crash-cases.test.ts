import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';

// Inputs that used to end in "internal error" (exit 2, no report): each is now a finding at its line.
let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'privacy-lint-crash-'));
  await writeFile(path.join(work, 'policy.yaml'), 'policy:\n  ipAddresses:\n    stored: never\n');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let trees = 0;
async function lintTree(files: Record<string, string>): Promise<LintResult> {
  const root = path.join(work, `tree${trees++}`);
  for (const [relative, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), text);
  }
  return lint({ cwd: work, root, paths: [], configFile: path.join(work, 'policy.yaml'), ruleOverrides: [] });
}

function problems(result: LintResult, ruleId: string): string[] {
  return result.findings.filter((f) => f.ruleId === ruleId).map((f) => `${path.relative(result.root, f.file)}:${f.line}:${f.column} ${f.message}`);
}

describe('an include glob with a reversed range [z-a]', () => {
  it('nginx: no crash, and nothing included, as nginx does', async () => {
    // nginx 1.22.1 -t accepts `include conf.d/[z-a]*.conf;`: glob(3) matches no name with a backwards range.
    const result = await lintTree({ 'etc/nginx/nginx.conf': 'events {}\nhttp {\n  include conf.d/[z-a]*.conf;\n}\n' });
    expect(problems(result, 'include-error')).toEqual([]);
    expect(result.sources.map((s) => s.status)).toEqual(['ok']);
  });

  it('Apache: include-error at the Include', async () => {
    const result = await lintTree({ 'etc/apache2/apache2.conf': 'ServerRoot /etc/apache2\nInclude conf.d/[z-a]*.conf\n' });
    expect(problems(result, 'include-error')).toEqual([
      // apache2 2.4 -t: "No matches for the wildcard '[z-a]*.conf'": apr_fnmatch matches nothing.
      'etc/apache2/apache2.conf:2:9 Include conf.d/[z-a]*.conf: no files match the wildcard pattern /etc/apache2/conf.d/[z-a]*.conf under --root (httpd refuses to start)',
    ]);
  });

  it('Caddy: include-error at the import', async () => {
    const result = await lintTree({ 'etc/caddy/Caddyfile': 'import sites/[z-a]*\nexample.org {\n}\n' });
    expect(problems(result, 'include-error')).toEqual([
      // caddy 2.6.2 adapt refuses a [...] class in an import before globbing (parse.go doImport).
      'etc/caddy/Caddyfile:1:8 import sites/[z-a]*: Glob pattern may only contain one wildcard (*), but has others: /etc/caddy/sites/[z-a]* (Caddy refuses the config)',
    ]);
  });

  it('logrotate: a config-error at the log path, and the block rotates nothing', async () => {
    const result = await lintTree({ 'etc/logrotate.conf': '/var/log/[z-a]*.log {\n  daily\n  rotate 3\n}\n' });
    expect(problems(result, 'config-error')).toEqual([
      'etc/logrotate.conf:1:1 Log path invalid pattern "/var/log/[z-a]*.log": Range out of order in character class: it matches no file, so this block rotates nothing there',
    ]);
  });
});

describe('a Lua config whose first token no Lua token starts with', () => {
  // What lua5.4 says for each (load() of the text, as Prosody's util/envload does):
  //   print(load("\239\187\191x = 1", "@f"))  → f:1: unexpected symbol near '<\239>'
  //   print(load("@x=1", "@f"))               → f:1: unexpected symbol near '@'
  const cases: [string, string, string][] = [
    ['a UTF-8 byte order mark', '\uFEFFx = 1\n', "1:1 Lua syntax error: unexpected symbol near '<\\239>'"],
    ['@', '@x = 1\n', "1:1 Lua syntax error: unexpected symbol near '@'"],
    ['$ after a comment line', '-- config\n  $x = 1\n', "2:3 Lua syntax error: unexpected symbol near '$'"],
    ['!', '!x = 1\n', "1:1 Lua syntax error: unexpected symbol near '!'"],
    ['?', '?x = 1\n', "1:1 Lua syntax error: unexpected symbol near '?'"],
    ['a backquote', '`x = 1\n', "1:1 Lua syntax error: unexpected symbol near '`'"],
    // print(load("\0x=1", "@f")) → f:1: unexpected symbol (NUL is token 0: no "near")
    ['NUL', '\0x = 1\n', '1:1 Lua syntax error: unexpected symbol'],
  ];
  for (const [what, source, expected] of cases) {
    it(`${what}: a parse-error as Lua reports it, not a crash of the parser`, async () => {
      const result = await lintTree({ 'etc/prosody/prosody.cfg.lua': source });
      expect(problems(result, 'parse-error')).toEqual([`etc/prosody/prosody.cfg.lua:${expected} (Prosody refuses to start)`]);
    });
  }
});

describe('a crontab line running duplicity with no arguments', () => {
  it('is a warning at the command, not a crash', async () => {
    const result = await lintTree({ 'etc/crontab': '15 3 * * * root duplicity\n' });
    expect(problems(result, 'config-warning')).toEqual([
      'etc/crontab:1:17 duplicity is run without a source and a target URL: it stops with "Command line error: Expected 2 args", so this job backs up nothing',
    ]);
  });
});

describe("the tool's own configuration", () => {
  async function runWith(config: string): Promise<CliRun> {
    await writeFile(path.join(work, 'tool.yaml'), config);
    return runCli(['--root', work, '--config', 'tool.yaml'], work);
  }

  it('an alias bomb is a positioned usage error (exit 2), at the first alias', async () => {
    const levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 8; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const { code, stderr } = await runWith(`${levels.join('\n')}\npolicy:\n  ipAddresses:\n    stored: never\n`);
    expect(code).toBe(2);
    expect(stderr).toBe('privacy-lint: tool.yaml:2:8: YAML aliases expand too far (Excessive alias count indicates a resource exhaustion attack)\n');
  });

  it('YAML nested 10,000 deep is a positioned usage error (exit 2), not a stack overflow', async () => {
    const { code, stderr } = await runWith(`policy:\n  x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    expect(code).toBe(2);
    // `policy` and `x` are two block levels; the 999th `[` (column 6 + 998) is level 1,001.
    expect(stderr).toBe('privacy-lint: tool.yaml:2:1004: YAML nested more than 1000 levels deep; privacy-lint reads no deeper\n');
  });
});
