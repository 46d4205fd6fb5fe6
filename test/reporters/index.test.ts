import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Chalk } from 'chalk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/config/types.js';
import { loadReporter, reporterNames } from '../../src/reporters/index.js';
import { sampleResult } from './sample-result.js';

// Which reporter modules were imported: the registry must load only the one chosen.
const imported = vi.hoisted(() => new Set<string>());
vi.mock('../../src/reporters/sarif.js', async (original) => {
  imported.add('sarif');
  return original();
});
vi.mock('../../src/reporters/junit.js', async (original) => {
  imported.add('junit');
  return original();
});

const context = { cwd: '/srv/audit', chalk: new Chalk({ level: 0 }), env: {} };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'privacy-lint-reporters-'));
  await writeFile(path.join(dir, 'count.mjs'), 'export default (result) => `${result.findings.length} findings\\n`;\n');
  await writeFile(path.join(dir, 'async.mjs'), 'export default async (result, context) => `${result.claims[0].claim} from ${context.cwd}\\n`;\n');
  await writeFile(path.join(dir, 'echo.mjs'), 'export default (result) => result.findings[0].message;\n');
  await writeFile(path.join(dir, 'number.mjs'), 'export default () => 42;\n');
  await writeFile(path.join(dir, 'no-default.mjs'), 'export const format = () => "";\n');
  const pkg = path.join(dir, 'node_modules', 'privacy-lint-reporter-count');
  await mkdir(pkg, { recursive: true });
  await writeFile(path.join(pkg, 'package.json'), JSON.stringify({ name: 'privacy-lint-reporter-count', type: 'module', main: 'index.js' }));
  await writeFile(path.join(pkg, 'index.js'), 'export default (result) => `package: ${result.findings.length}\\n`;\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reporter registry', () => {
  it('lists stylish first (the default), then every built-in format', () => {
    expect(reporterNames).toEqual(['stylish', 'json', 'sarif', 'junit', 'checkstyle', 'github', 'gitlab', 'markdown', 'html']);
  });

  it('imports only the reporter that is chosen', async () => {
    await loadReporter('json', dir);
    expect(imported.has('sarif')).toBe(false);
    expect(imported.has('junit')).toBe(false);
    await loadReporter('sarif', dir);
    expect(imported.has('sarif')).toBe(true);
    expect(imported.has('junit')).toBe(false);
  });

  it('refuses an unknown format with a usage error listing the available ones', async () => {
    await expect(loadReporter('xml', dir)).rejects.toThrow(UsageError);
    await expect(loadReporter('xml', dir)).rejects.toThrow(
      'unknown format "xml"; available formats: stylish, json, sarif, junit, checkstyle, github, gitlab, markdown, html, or a reporter module',
    );
  });

  it('does not treat inherited object keys as formats', async () => {
    await expect(loadReporter('toString', dir)).rejects.toThrow(UsageError);
  });
});

describe('custom reporters (ESLint-style: a default export that takes the result)', () => {
  it('loads a module by path, relative to the current directory', async () => {
    const report = await loadReporter('./count.mjs', dir);
    expect(await report(sampleResult('/srv/audit'), context)).toBe('4 findings\n');
  });

  it('awaits a reporter that returns a promise, and passes it the context', async () => {
    const report = await loadReporter(path.join(dir, 'async.mjs'), dir);
    expect(await report(sampleResult('/srv/audit'), context)).toBe('messageArchive.retention from /srv/audit\n');
  });

  it('loads a package by name from the current directory', async () => {
    const report = await loadReporter('privacy-lint-reporter-count', dir);
    expect(await report(sampleResult('/srv/audit'), context)).toBe('package: 4\n');
  });

  it('hands a custom reporter the neutralised result too', async () => {
    const result = sampleResult('/srv/audit');
    result.findings[0] = { ...result.findings[0]!, message: 'x\u001b]0;pwned\u0007\n::error::y' };
    const report = await loadReporter('./echo.mjs', dir);
    expect(await report(result, context)).toBe('x\\x1b]0;pwned\\x07\\n::error::y');
  });

  it('is a usage error when the module is missing, has no default function, or returns no string', async () => {
    await expect(loadReporter('./missing.mjs', dir)).rejects.toThrow(/reporter \.\/missing\.mjs could not be loaded/);
    await expect(loadReporter('./no-default.mjs', dir)).rejects.toThrow('reporter ./no-default.mjs has no default export function');
    const report = await loadReporter('./number.mjs', dir);
    await expect(report(sampleResult('/srv/audit'), context)).rejects.toThrow('reporter "./number.mjs" returned number, not a string');
  });
});
