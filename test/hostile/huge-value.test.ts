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
