import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BaselineEntry } from '../../../src/engine/baseline/baseline-entry.js';
import { parseJsonReport, type JsonFinding, type JsonReport } from '../../helpers/json-report.js';
import { runCli, type CliRun } from '../../helpers/run-cli.js';
import { copyWithComments } from '../suppressions/every-language-fixture.js';

let root: string;

beforeEach(async () => {
  root = await copyWithComments(() => []);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs the CLI in the fixture copy (cwd = its root) with its config; `report` reads its JSON report. */
async function run(...args: string[]): Promise<CliRun & { readonly report: JsonReport }> {
  const result = await runCli(['--root', '.', '--config', 'privacy-lint.config.yaml', '-f', 'json', ...args], root);
  return {
    ...result,
    get report(): JsonReport {
      return parseJsonReport(result.stdout);
    },
  };
}

async function readWritten(): Promise<{ version: number; entries: BaselineEntry[] }> {
  return JSON.parse(await readFile(path.join(root, 'baseline.json'), 'utf8')) as { version: number; entries: BaselineEntry[] };
}

/** The suppressions of the first suppressed finding that `which` picks. */
function suppressionsOf(report: JsonReport, which: (f: JsonFinding) => boolean = () => true): unknown {
  return report.suppressed?.find(which)?.suppressions;
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(root, file);
  await writeFile(full, change(await readFile(full, 'utf8')));
}

const places = (findings: JsonFinding[]): string[] => findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);

// Each test runs the whole pipeline several times on a loaded machine: no tight timeout.
describe('--baseline and --update-baseline', { timeout: 120_000 }, () => {
  it('--update-baseline records every finding and exits 0; the baseline then accepts them all', async () => {
    const before = await run();
    expect(before.code).toBe(1);
    const count = before.report.findings.length;
    expect(count).toBeGreaterThan(10);

    const update = await run('--baseline', 'baseline.json', '--update-baseline');
    expect(update.code).toBe(0);
    expect(update.stderr).toBe(`privacy-lint: wrote ${count} findings to the baseline baseline.json\n`);
    const written = await readWritten();
    expect(written.version).toBe(1);
    expect(written.entries).toHaveLength(count);
    expect(written.entries).toContainEqual({
      ruleId: 'upload-retention',
      claim: 'fileUploads.retention',
      file: 'etc/prosody/prosody.cfg.lua',
      key: 'http_file_share_expires_after = "never"',
      message: expect.any(String) as unknown,
    });

    const after = await run('--baseline', 'baseline.json');
    expect(after.code).toBe(0);
    expect(after.report.findings).toEqual([]);
    expect(after.report.summary).toMatchObject({ errors: 0, warnings: 0, suppressed: count });
    expect(suppressionsOf(after.report)).toEqual([
      { kind: 'external', justification: 'accepted in the baseline baseline.json', file: 'baseline.json', line: expect.any(Number) as unknown, column: 5 },
    ]);
    // The promise is still broken: the claim stays violated, marked as accepted.
    const uploads = after.report.claims.find((c) => c.claim === 'fileUploads.retention');
    expect(uploads?.verdict).toBe('violated');
    expect(uploads?.suppressions?.[0]?.kind).toBe('external');
  });

  it('survives lines inserted above the findings, and a new problem still fails', async () => {
    await run('--baseline', 'baseline.json', '--update-baseline');
    await edit('etc/prosody/prosody.cfg.lua', (t) => `-- Managed by Ansible.\n\n${t}`);
    await edit('etc/nginx/nginx.conf', (t) => t.replace('events {}', 'events {}\n# comment\nworker_processes 2;\n'));
    await edit('etc/cron.d/ejabberd', (t) => `MAILTO=root\n${t}`);
    const moved = await run('--baseline', 'baseline.json');
    expect(places(moved.report.findings)).toEqual([]);
    expect(moved.code).toBe(0);

    await edit('etc/nginx/nginx.conf', (t) => t.replace('access_log /var/log/nginx/xmpp.log;', 'access_log /var/log/nginx/xmpp.log;\n        access_log /var/log/nginx/copy.log;'));
    const worse = await run('--baseline', 'baseline.json');
    expect(worse.code).toBe(1);
    // The new log holds IPs, and the logrotate block covering it now has two findings, one new.
    expect(places(worse.report.findings)).toEqual(['etc/logrotate.d/nginx:2 log-retention', 'etc/nginx/nginx.conf:11 ip-address-storage']);
  });

  it('a changed value is a new finding, and the entry it leaves is reported stale at its line in the baseline', async () => {
    await run('--baseline', 'baseline.json', '--update-baseline');
    await edit('etc/prosody/prosody.cfg.lua', (t) => t.replace('"never"', '"1y"'));
    const result = await run('--baseline', 'baseline.json');
    expect(result.code).toBe(1);
    const baselineText = await readFile(path.join(root, 'baseline.json'), 'utf8');
    const entryLine = baselineText.split('\n').findIndex((l) => l.includes('"ruleId":"upload-retention"')) + 1;
    expect(places(result.report.findings)).toEqual([`baseline.json:${entryLine} stale-baseline-entry`, 'etc/prosody/prosody.cfg.lua:4 upload-retention']);
    expect(result.report.findings[0]).toMatchObject({
      severity: 'warning',
      message:
        'Baseline entry for upload-retention in etc/prosody/prosody.cfg.lua ("http_file_share_expires_after = "never"") matches no finding any more: the problem was fixed or its line changed. Run with --update-baseline to drop it',
    });
  });

  it('records only the findings that count: one a comment already accepts stays out of the baseline', async () => {
    await edit('etc/prosody/prosody.cfg.lua', (t) => t.replace('http_file_share_expires_after', '-- privacy-lint-disable-next-line upload-retention -- wiped nightly\nhttp_file_share_expires_after'));
    const counting = (await run()).report.findings.length;
    const update = await run('--baseline', 'baseline.json', '--update-baseline');
    expect(update.stderr).toBe(`privacy-lint: wrote ${counting} findings to the baseline baseline.json\n`);
    const written = await readWritten();
    expect(written.entries.map((e) => e.ruleId)).not.toContain('upload-retention');
    expect(suppressionsOf(update.report, (f) => f.ruleId === 'upload-retention')).toEqual([
      { kind: 'inSource', justification: 'wiped nightly', file: 'etc/prosody/prosody.cfg.lua', line: 4, column: 1 },
    ]);
  });

  it('counts entries: identical lines for two hosts are two entries, and a third is new', async () => {
    const component = (host: string): string => `Component "${host}" "http_file_share"\n\thttp_file_share_expires_after = "never"\n`;
    await edit('etc/prosody/prosody.cfg.lua', (t) => t + component('files.example.net'));
    await run('--baseline', 'baseline.json', '--update-baseline');
    const written = await readWritten();
    const same = written.entries.filter((e) => e.ruleId === 'upload-retention');
    expect(same.map((e) => e.key)).toEqual(['http_file_share_expires_after = "never"', 'http_file_share_expires_after = "never"']);

    await edit('etc/prosody/prosody.cfg.lua', (t) => t + component('more-files.example.net'));
    const third = await run('--baseline', 'baseline.json');
    expect(third.code).toBe(1);
    expect(places(third.report.findings)).toEqual(['etc/prosody/prosody.cfg.lua:9 upload-retention']);
  });

  it('refuses --update-baseline without --baseline, and a baseline that does not exist or is not one (exit 2)', async () => {
    expect((await run('--update-baseline')).stderr).toBe('privacy-lint: --update-baseline needs --baseline FILE: the file to write\n');
    expect((await run('--update-baseline')).code).toBe(2);
    const missing = await run('--baseline', 'nope.json');
    expect([missing.code, missing.stderr]).toEqual([2, 'privacy-lint: baseline nope.json does not exist; write it with --update-baseline\n']);
    await writeFile(path.join(root, 'bad.json'), '{"version": 1, "entries": [{"ruleId": 3}]}\n');
    const bad = await run('--baseline', 'bad.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json: entries[0] at bad.json:1:28 has no string "ruleId"');
  });
});
