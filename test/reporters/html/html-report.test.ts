import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Chalk } from 'chalk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../../src/engine/lint.js';
import type { LintResult } from '../../../src/engine/types.js';
import { loadReporter } from '../../../src/reporters/index.js';
import { parseHtml, type HtmlElement } from '../parse-report.js';

/** A small server written for this test: one Prosody config whose push setting breaks the policy at line 4. */
const prosody = [
  'modules_enabled = { "cloud_notify" }',
  'authentication = "internal_hashed"',
  'VirtualHost "chat.example.net"',
  '\tpush_notification_with_body = true',
  '\t-- after the finding\'s line',
  '\t-- two lines after it',
  '\t-- not shown',
  '',
].join('\n');
const policy = 'versions:\n  prosody: "0.12"\npolicy:\n  passwords: hashed\n  pushNotifications:\n    body: false\n';

let dir: string;
let result: LintResult;
let page: HtmlElement;
let html: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'privacy-lint-html-'));
  const root = path.join(dir, 'xmpp.example.net');
  await mkdir(path.join(root, 'etc', 'prosody'), { recursive: true });
  await writeFile(path.join(root, 'etc', 'prosody', 'prosody.cfg.lua'), prosody);
  await writeFile(path.join(dir, 'policy.yaml'), policy);
  result = await lint({ cwd: dir, root, paths: [], configFile: path.join(dir, 'policy.yaml'), ruleOverrides: [] });
  // 1767225600 s after the epoch is 2026-01-01T00:00:00Z (20454 days × 86400 s).
  const context = { cwd: dir, chalk: new Chalk({ level: 0 }), env: { SOURCE_DATE_EPOCH: '1767225600' } };
  html = await (await loadReporter('html', dir))(result, context);
  page = parseHtml(html);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the HTML report (-f html)', () => {
  it('names the server after its XMPP domain and dates the report (SOURCE_DATE_EPOCH fixes the date)', () => {
    const header = page.all('header')[0]!;
    expect(header.all('h1')[0]!.text).toBe('Privacy report: chat.example.net');
    expect(header.all('time')[0]!.attrs.datetime).toBe('2026-01-01');
    expect(page.all('title')[0]!.text).toBe('privacy-lint report: chat.example.net');
    expect(header.text).toContain('1 claim violated, 1 verified, 0 unverified, 0 not applicable; 1 error');
  });

  it('without an XMPP domain in the figures, names the server after the --root directory', async () => {
    const context = { cwd: dir, chalk: new Chalk({ level: 0 }), env: {} };
    const other = parseHtml(await (await loadReporter('html', dir))({ ...result, categories: [] }, context));
    expect(other.all('h1')[0]!.text).toBe('Privacy report: xmpp.example.net');
  });

  it('shows each claim with its verdict in words, not only in colour', () => {
    const rows = page.all('tr').filter((r) => r.attrs.class === 'claim').map((r) => r.all('td').map((c) => c.text));
    expect(rows).toEqual([
      ['passwords', 'hashed', 'verified', 'SCRAM-SHA-1 (internal_hashed)'],
      ['pushNotifications.body', 'false', 'violated', 'message text included'],
    ]);
  });

  it('shows a finding with the config lines two before and after its own, that line marked, and the change', () => {
    const finding = page.all('li').find((l) => l.attrs['data-rule'] === 'push-notification-content')!;
    expect(finding.text).toContain('etc/prosody/prosody.cfg.lua:4:2');
    const lines = finding.all('span').filter((s) => s.attrs.class?.startsWith('line'));
    expect(lines.map((l) => l.text)).toEqual([
      '2authentication = "internal_hashed"',
      '3VirtualHost "chat.example.net"',
      '4\tpush_notification_with_body = true',
      "5\t-- after the finding's line",
      '6\t-- two lines after it',
    ]);
    expect(lines.map((l) => l.attrs.class)).toEqual(['line', 'line', 'line mark', 'line', 'line']);
    expect(finding.all('pre').find((p) => p.attrs.class === 'suggestion')!.text).toBe('push_notification_with_body = false');
  });

  it('is self-contained: no script, no external reference, and a policy forbidding any request', () => {
    expect(page.all('script')).toEqual([]);
    expect(html).not.toMatch(/\s(src|href)=/);
    const csp = page.all('meta').find((m) => m.attrs['http-equiv'] === 'Content-Security-Policy');
    expect(csp?.attrs.content).toContain("default-src 'none'");
    expect(page.all('style')[0]!.text).toContain('@media print');
  });
});
