import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/run-cli.js';

/**
 * A mangled config whose one value is a megabyte long (the fuzzer's `huge-line` inputs): the
 * findings quote it, several times each. Quoted whole, the JSON report was 30 MB for 11 findings
 * and took seconds to write; shown clipped, the report stays the size of what it says.
 */
describe('a config value a megabyte long', () => {
  const longName = `access${'A'.repeat(1_000_000)}.log`;
  let root: string;
  let json: CliRun;
  let stylish: CliRun;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'privacy-lint-huge-value-'));
    await mkdir(path.join(root, 'etc/nginx'), { recursive: true });
    await writeFile(path.join(root, 'etc/nginx/nginx.conf'), `http {\n  server {\n    listen 443 ssl;\n    access_log /var/log/nginx/${longName};\n  }\n}\n`);
    await writeFile(path.join(root, 'policy.yaml'), 'policy:\n  ipAddresses:\n    stored: never\n');
    json = await runCli(['--root', root, '--policy', path.join(root, 'policy.yaml'), '--format', 'json'], root);
    stylish = await runCli(['--root', root, '--policy', path.join(root, 'policy.yaml')], root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('still finds the access log that stores addresses, at its line', () => {
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { findings: { ruleId: string; line: number; message: string }[] };
    const storage = report.findings.filter((f) => f.ruleId === 'ip-address-storage');
    expect(storage.map((f) => f.line)).toContain(4);
    expect(storage.find((f) => f.line === 4)?.message).toMatch(/more characters not shown\]/);
  });

  it('writes reports that are kilobytes, not the value over and over', () => {
    // Each shown text is at most 4096 characters (LONGEST_SHOWN); a few dozen of them fit in 200 KB.
    expect(json.stdout.length).toBeLessThan(200_000);
    expect(stylish.stdout.length).toBeLessThan(200_000);
    expect(json.stdout).not.toContain('A'.repeat(5000));
  });
});

/**
 * Two fuzzer finds of 2026-12-03, rebuilt as the shapes they were: a value of 1.7 million
 * characters where a suggestion's pattern quotes it, and where Prosody splits an `Include` path.
 */
describe('a megabyte value where a suggestion or an Include path is built from it', () => {
  const huge = 'A'.repeat(1_700_000);
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'privacy-lint-huge-edit-'));
    await mkdir(path.join(root, 'etc/nginx'), { recursive: true });
    await mkdir(path.join(root, 'etc/prosody/conf.d'), { recursive: true });
    await writeFile(path.join(root, 'policy.yaml'), 'policy:\n  ipAddresses:\n    stored: never\n  messageArchive:\n    retention: 21d\n');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('an nginx access_log whose edit would quote the path: the finding stays, as advice', async () => {
    // One combined-format access_log in http is what the log_format edit is proposed for; V8
    // refused the edit's pattern ("Invalid regular expression") and the run ended with exit 2.
    await writeFile(path.join(root, 'etc/nginx/nginx.conf'), `http {\n  access_log /var/log/${huge};\n  server {\n    listen 443 ssl;\n  }\n}\n`);
    const run = await runCli(['--root', root, '--policy', path.join(root, 'policy.yaml'), '--format', 'json'], root);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; line: number; fix?: unknown }[] };
    const storage = report.findings.filter((f) => f.ruleId === 'ip-address-storage' && f.line === 2);
    expect(storage).toHaveLength(1);
    expect(storage[0]?.fix).toBeUndefined();
  });

  it('a Prosody Include of a megabyte path with a slash after it ends, with the include refused at its line', async () => {
    // Splitting the last path component with /([^/]+)$/ backtracked quadratically: minutes.
    await rm(path.join(root, 'etc/nginx'), { recursive: true, force: true });
    await writeFile(path.join(root, 'etc/prosody/prosody.cfg.lua'), `Include "conf${huge}.d/*.cfg.lua"\n`);
    const run = await runCli(['--root', root, '--policy', path.join(root, 'policy.yaml'), '--format', 'json'], root);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; file: string; line: number }[] };
    const include = report.findings.filter((f) => f.ruleId === 'include-error');
    expect(include.map((f) => [f.file, f.line])).toEqual([['etc/prosody/prosody.cfg.lua', 1]]);
  });
});
