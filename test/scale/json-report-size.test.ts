/**
 * The JSON report of 10,000 VirtualHosts that each set their own archive period (every tenth
 * also loading muc_mam), the config of issue 13 and of `npm run bench`: under 2 MB, with every
 * piece of evidence still in it. Generated here, never committed; a size bound, not a timing.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { lint } from '../../src/engine/lint.js';
import { formatJson } from '../../src/reporters/json.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'privacy-lint-json-size-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

type Entry = { file: string; line: number; column: number; note: string; lines?: number[]; shared?: { template: string; values: string[] } };

describe('the JSON report of 10,000 hosts, each with its own setting', () => {
  it('is under 2 MB and lists the setting of every host', async () => {
    const root = path.join(work, 'root');
    await mkdir(path.join(root, 'etc/prosody'), { recursive: true });
    const lines = ['modules_enabled = { "roster", "saslauth", "tls", "mam" }', ''];
    for (let i = 0; i < 10_000; i++) {
      lines.push(`VirtualHost "h${i}.example"`, '  archive_expires_after = "1w"');
      if (i % 10 === 0) lines.push('  modules_enabled = { "muc_mam" }');
      lines.push('');
    }
    await writeFile(path.join(root, 'etc/prosody/prosody.cfg.lua'), lines.join('\n'));
    await writeFile(path.join(work, 'policy.yaml'), 'policy:\n  messageArchive:\n    retention: 21d\n');
    const result = await lint({ cwd: work, root, paths: [], configFile: path.join(work, 'policy.yaml'), ruleOverrides: [] });
    const text = formatJson(result, { cwd: work, chalk: new Chalk({ level: 0 }), env: {} });
    expect(Buffer.byteLength(text)).toBeLessThan(2_000_000);

    const report = JSON.parse(text) as { claims: { claim: string; verdict: string; evidence: Entry[] }[] };
    const claim = report.claims.find((c) => c.claim === 'messageArchive.retention');
    // 1w, and at worst 8d with Prosody's daily cleanup, is within 21d.
    expect(claim?.verdict).toBe('verified');
    // Every host's own line, read back from the entries: 10,000 distinct lines, the first on line 4
    // (the global modules_enabled, a blank line, the first VirtualHost).
    // Two entries, not 10,001: the setting, written the same in every host, with its lines; and
    // the global modules_enabled loading mod_mam on each host.
    expect(claim?.evidence).toHaveLength(2);
    const settingLines = (claim?.evidence ?? []).filter((e) => e.note === 'archive_expires_after = "1w"').flatMap((e) => e.lines ?? [e.line]);
    expect(new Set(settingLines).size).toBe(10_000);
    expect(settingLines[0]).toBe(4);
    // mod_mam from the global list, for every host: one entry whose notes come back from the template.
    const mam = claim?.evidence.find((e) => e.shared?.template === 'mod_mam enabled for h{}.example');
    expect(mam?.shared?.values).toHaveLength(10_000);
    expect(mam?.line).toBe(1);
  }, 600_000);
});
