import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capDiagnostics } from '../../src/engine/cap-diagnostics.js';
import { lint } from '../../src/engine/lint.js';
import type { Diagnostic } from '../../src/inventory/diagnostic.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'privacy-lint-cap-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('diagnostics per file are bounded', () => {
  it('a borgmatic file with 10,000 unterminated strings gives 100 parse errors and one "and 9,900 more"', async () => {
    const root = path.join(work, 'root');
    await mkdir(path.join(root, 'etc/borgmatic'), { recursive: true });
    // Each line opens a double-quoted string and never closes it: one YAML error per line.
    await writeFile(path.join(root, 'etc/borgmatic/config.yaml'), Array.from({ length: 10_000 }, (_, i) => `  - x: "${i}\n`).join(''));
    await writeFile(path.join(work, 'policy.yaml'), 'policy:\n  backups:\n    encrypted: true\n');
    const result = await lint({ cwd: work, root, paths: [], configFile: path.join(work, 'policy.yaml'), ruleOverrides: [] });
    const parseErrors = result.findings.filter((f) => f.ruleId === 'parse-error');
    expect(parseErrors).toHaveLength(101);
    expect(parseErrors[100]?.message).toMatch(/^…and 9,900 more parse-error problems in this file from here on, not listed \(privacy-lint lists the first 100 of each kind per file\)/);
  }, 120_000);

  it('the same diagnostic reached twice (one include cycle along two paths) is kept once', () => {
    const at = { file: '/etc/logrotate.d/a', line: 3, column: 1 };
    const cycle: Diagnostic = { code: 'include-error', message: 'include cycle', position: at };
    const other: Diagnostic = { code: 'include-error', message: 'include cycle', position: { ...at, line: 4 } };
    expect(capDiagnostics([cycle, { ...cycle }, other, { ...cycle }])).toEqual([cycle, other]);
  });

  it('counts per file and per code: 3 allowed, 5 of one code in a file → 3 and "and 2 more" at the 4th', () => {
    const d = (line: number, code: Diagnostic['code'] = 'parse-error', file = '/f'): Diagnostic => ({ code, message: `m${line}`, position: { file, line, column: 1 } });
    const capped = capDiagnostics([d(1), d(2), d(3), d(4), d(5), d(6, 'config-warning'), d(7, 'parse-error', '/g')], 3);
    expect(capped.map((c) => `${c.position.file}:${c.position.line} ${c.code} ${c.message.slice(0, 40)}`)).toEqual([
      '/f:1 parse-error m1',
      '/f:2 parse-error m2',
      '/f:3 parse-error m3',
      '/f:6 config-warning m6',
      '/g:7 parse-error m7',
      '/f:4 parse-error …and 2 more parse-error problems in this',
    ]);
  });
});
