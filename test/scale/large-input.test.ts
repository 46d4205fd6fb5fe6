/**
 * The published CLI on very large generated trees (made here in a temp directory, never
 * committed), run as a user runs it: it must end normally with its report. A crash test, not a
 * timed one: the limits below only stop a hang. 200,000 VirtualHosts used to end in "internal
 * error: Maximum call stack size exceeded" (an array spread into push()).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { lint } from '../../src/engine/lint.js';
import { formatJson } from '../../src/reporters/json.js';
import { repoRoot } from '../helpers/lint-fixture.js';

const HANG = 1_200_000;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'privacy-lint-large-'));
  await writeFile(path.join(work, 'policy.yaml'), 'policy:\n  messageArchive:\n    retention: 21d\n  ipAddresses:\n    stored: never\n');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Runs bin/privacy-lint.js with a JSON report; resolves with the exit code, stderr and the parsed report. */
function runCli(root: string): Promise<{ code: number | null; stderr: string; report: { sources: unknown[]; claims: { claim: string; verdict: string }[] } | undefined }> {
  const out = path.join(root, 'report.json');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'privacy-lint.js'), '--root', root, '--config', path.join(work, 'policy.yaml'), '--format', 'json', '-o', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      readFile(out, 'utf8').then(
        (text) => resolve({ code, stderr, report: JSON.parse(text) as never }),
        () => resolve({ code, stderr, report: undefined }),
      );
    });
  });
}

describe('the CLI on very large trees', () => {
  it('200,000 Prosody VirtualHosts (every tenth with muc_mam) run to a normal exit with a report', async () => {
    const root = path.join(work, 'prosody');
    await mkdir(path.join(root, 'etc/prosody'), { recursive: true });
    const lines = ['modules_enabled = { "roster", "saslauth", "tls", "mam" }', ''];
    for (let i = 0; i < 200_000; i++) {
      lines.push(`VirtualHost "h${i}.example"`, '  archive_expires_after = "21d"');
      if (i % 10 === 0) lines.push('  modules_enabled = { "muc_mam" }');
      lines.push('');
    }
    await writeFile(path.join(root, 'etc/prosody/prosody.cfg.lua'), lines.join('\n'));
    const { code, stderr, report } = await runCli(root);
    expect(stderr).not.toMatch(/internal error/);
    // 0 or 1 (findings); 2 would be "could not do its job", a signal gives null.
    expect([0, 1]).toContain(code);
    expect(report?.claims.find((c) => c.claim === 'messageArchive.retention')?.verdict).toBe('verified');
  }, HANG);

  it('50,000 nginx server blocks in ten included files run to a normal exit with a report', async () => {
    const root = path.join(work, 'nginx');
    await mkdir(path.join(root, 'etc/nginx/sites-enabled'), { recursive: true });
    await writeFile(path.join(root, 'etc/nginx/nginx.conf'), 'events {}\nhttp {\n  access_log /var/log/nginx/access.log;\n  include /etc/nginx/sites-enabled/*;\n}\n');
    for (let f = 0; f < 10; f++) {
      const blocks = Array.from({ length: 5000 }, (_, i) => `server {\n  listen 80;\n  server_name h${f}-${i}.example;\n  location / {\n    root /srv/www;\n  }\n}\n`);
      await writeFile(path.join(root, `etc/nginx/sites-enabled/s${f}.conf`), blocks.join(''));
    }
    const { code, stderr, report } = await runCli(root);
    expect(stderr).not.toMatch(/internal error/);
    expect([0, 1]).toContain(code);
    // The access log with $remote_addr (combined) breaks "stored: never".
    expect(report?.claims.find((c) => c.claim === 'ipAddresses.stored')?.verdict).toBe('violated');
    expect(report?.sources).toHaveLength(11);
  }, HANG);

  it('the JSON report of 10,000 hosts sharing a global setting is under 2 MB and keeps every note', async () => {
    const root = path.join(work, 'prosody-10k');
    await mkdir(path.join(root, 'etc/prosody'), { recursive: true });
    // Line 2 sets the archive period for every host; every tenth host has its own (and muc_mam).
    const lines = ['modules_enabled = { "roster", "saslauth", "tls", "mam" }', 'archive_expires_after = "21d"', ''];
    for (let i = 0; i < 10_000; i++) {
      lines.push(`VirtualHost "h${i}.example"`);
      if (i % 10 === 0) lines.push('  modules_enabled = { "muc_mam" }', '  archive_expires_after = "2w"');
      lines.push('');
    }
    await writeFile(path.join(root, 'etc/prosody/prosody.cfg.lua'), lines.join('\n'));
    await writeFile(path.join(work, 'policy-30d.yaml'), 'policy:\n  messageArchive:\n    retention: 30d\n');
    const result = await lint({ cwd: work, root, paths: [], configFile: path.join(work, 'policy-30d.yaml'), ruleOverrides: [] });
    const text = formatJson(result, { cwd: work, chalk: new Chalk({ level: 0 }), env: {} });
    expect(Buffer.byteLength(text)).toBeLessThan(2_000_000);
    type Entry = { line: number; note: string; shared?: { template: string; values: string[] } };
    const claim = (JSON.parse(text) as { claims: { claim: string; evidence: Entry[] }[] }).claims.find((c) => c.claim === 'messageArchive.retention');
    const global = claim?.evidence.find((e) => e.line === 2);
    // 9,000 hosts inherit line 2; their notes come back from the template.
    expect(global?.shared?.values).toHaveLength(9000);
    expect(global?.shared?.template.replace('{}', global.shared.values[0] as string)).toBe(global?.note);
    // The 1,000 hosts with a setting of their own share one entry listing each line: ten hosts
    // take 4 + 9 × 2 = 22 lines, the first setting is on line 6 (after 3 global lines, the
    // VirtualHost and its modules_enabled): lines 6, 28, 50, ...
    const own = claim?.evidence.filter((e) => e.note === 'archive_expires_after = "2w"') as (Entry & { lines?: number[] })[];
    expect(own).toHaveLength(1);
    expect(own[0]?.lines).toHaveLength(1000);
    expect(own[0]?.lines?.slice(0, 3)).toEqual([6, 28, 50]);
  }, HANG);
});
