/**
 * The stylish report of a server with thousands of VirtualHosts, run as a user runs it: the claim
 * table names each figure and setting once, with how many hosts it holds for, instead of a list
 * that grows with the hosts. The configs are generated here (never committed).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/lint-fixture.js';

let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'privacy-lint-grouped-'));
  await writeFile(path.join(work, 'policy.yaml'), 'policy:\n  messageArchive:\n    retention: 21d\n');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Writes a prosody.cfg.lua of `hosts` hosts under `name`; `own(i)` is host i's own archive_expires_after, if any. */
async function generate(name: string, own: (i: number) => string | undefined, hosts = 2000): Promise<string> {
  const root = path.join(work, name);
  await mkdir(path.join(root, 'etc/prosody'), { recursive: true });
  // Line 1 loads mod_mam for every host, line 2 sets the archive period that hosts inherit.
  const lines = ['modules_enabled = { "roster", "mam" }', 'archive_expires_after = "21d"', ''];
  for (let i = 0; i < hosts; i++) {
    lines.push(`VirtualHost "h${i}.example"`);
    const figure = own(i);
    if (figure !== undefined) lines.push(`  archive_expires_after = "${figure}"`);
    lines.push('');
  }
  await writeFile(path.join(root, 'etc/prosody/prosody.cfg.lua'), lines.join('\n'));
  return root;
}

/** The stylish report of bin/privacy-lint.js, run in `root` (so paths are shown relative to it). */
function runCli(root: string, policy = path.join(work, 'policy.yaml')): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'privacy-lint.js'), '--root', root, '--config', policy, '--no-color'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The claim table's lines, from its heading to the blank line after it. */
function claimTable(stdout: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.indexOf('Claims');
  const end = lines.indexOf('', start);
  return lines.slice(start, end).map((l) => l.trim());
}

describe('the stylish claim table when many hosts share evidence', () => {
  it('shows one line per figure and setting, with the host count and file:line:column', async () => {
    // Every tenth host (i % 10 === 0: 200 of 2,000) sets 14d on the line after its VirtualHost;
    // the other 1,800 inherit line 2. Host 0 is on line 4, its setting on line 5, and each host
    // with a setting takes 3 lines, each without 2, so host 10's setting is on 5 + 9 × 2 + 3 = 26.
    const root = await generate('own-14d', (i) => (i % 10 === 0 ? '14d' : undefined));
    const { code, stdout, stderr } = await runCli(root);
    expect(stderr).toBe('');
    expect([0, 1]).toContain(code);
    const file = path.join('etc', 'prosody', 'prosody.cfg.lua');
    expect(claimTable(stdout)).toEqual([
      'Claims',
      'claim                     declared  verdict   observed',
      'messageArchive.retention  21d       verified  14d; 21d, worst case 22d',
      // "mam" starts at column 31 of line 1: 'modules_enabled = { "roster", ' is 30 characters.
      `2,000 hosts: mod_mam enabled for h*.example at ${file}:1:31`,
      `1,800 hosts: archive_expires_after = "21d" (global, inherited by h*.example) at ${file}:2:1`,
      `200 places: archive_expires_after = "14d" at ${file}:5:3, 26:3, 47:3 and 197 more`,
    ]);
    // A list per host would name h1999.example; one line per setting does not grow with the hosts.
    expect(stdout).not.toContain('h1999.example');
    expect(stdout.length).toBeLessThan(2000);
  });

  it('caps the lines at four, the largest groups first, and says how many settings it left out', async () => {
    // Hosts with i % 10 = 0…5 set 1d…6d of their own (200 hosts each), the other 800 inherit line 2:
    // eight groups with mod_mam's, of which the four shown are mod_mam (2,000), line 2 (800), 1d and 2d.
    const root = await generate('six-figures', (i) => (i % 10 < 6 ? `${(i % 10) + 1}d` : undefined));
    const { code, stdout, stderr } = await runCli(root);
    expect(stderr).toBe('');
    expect([0, 1]).toContain(code);
    const table = claimTable(stdout);
    expect(table.slice(3).map((l) => l.split(':')[0])).toEqual(['2,000 hosts', '800 hosts', '200 places', '200 places', '… and 4 more settings (--format json lists every one)']);
    expect(table[5]).toContain('archive_expires_after = "1d" at');
    expect(stdout.length).toBeLessThan(2000);
  });

  it('adds no grouped line while no setting is shared by ten hosts: the observed column says enough', async () => {
    // Nine hosts inherit line 2 and load mod_mam from line 1: nine subjects each, one short of ten.
    const root = await generate('nine-hosts', () => undefined, 9);
    const { stdout } = await runCli(root);
    expect(claimTable(stdout)).toEqual([
      'Claims',
      'claim                     declared  verdict   observed',
      'messageArchive.retention  21d       verified  21d, worst case 22d',
    ]);
  });

  it('groups the same note across files, naming a file where the places move to it', async () => {
    // One server block in a.conf, eleven in b.conf, each `location / {}` without a CSP on the 4th
    // line of its 5-line block (column 3): a.conf:4:3, then b.conf:4:3, 9:3, … — twelve places.
    const root = path.join(work, 'nginx-two-files');
    await mkdir(path.join(root, 'etc/nginx/sites-enabled'), { recursive: true });
    await writeFile(path.join(root, 'etc/nginx/nginx.conf'), 'events {}\nhttp {\n  include /etc/nginx/sites-enabled/*;\n}\n');
    const blocks = (name: string, n: number): string => Array.from({ length: n }, (_, k) => `server {\n  listen 80;\n  server_name ${name}${k}.example;\n  location / {}\n}\n`).join('');
    await writeFile(path.join(root, 'etc/nginx/sites-enabled/a.conf'), blocks('a', 1));
    await writeFile(path.join(root, 'etc/nginx/sites-enabled/b.conf'), blocks('b', 11));
    await writeFile(path.join(work, 'csp-policy.yaml'), 'policy:\n  website:\n    thirdPartyResources: false\n');
    const { stdout } = await runCli(root, path.join(work, 'csp-policy.yaml'));
    const dir = path.join('etc', 'nginx', 'sites-enabled');
    expect(claimTable(stdout).slice(3)).toEqual([
      `12 places: location / sends no Content-Security-Policy at ${path.join(dir, 'a.conf')}:4:3, ${path.join(dir, 'b.conf')}:4:3, 9:3 and 9 more`,
    ]);
  });
});
