import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lint } from '../../../src/engine/lint.js';
import type { Finding, LintResult } from '../../../src/engine/types.js';
import { repoRoot } from '../../helpers/lint-fixture.js';
import { runCli, type CliRun } from '../../helpers/run-cli.js';
import { copyWithComments, FIXTURE, LANGUAGES, lineOf, type LanguageCase } from './every-language-fixture.js';

// Every test lints the whole fixture (eleven kinds of config), on a machine shared with others.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const roots: string[] = [];

async function lintRoot(root: string, inlineConfig = true): Promise<LintResult> {
  return lint({ cwd: repoRoot, root, paths: [], configFile: path.join(root, 'privacy-lint.config.yaml'), ruleOverrides: [], inlineConfig });
}

async function lintWith(lines: (c: LanguageCase) => string[], options: { after?: (c: LanguageCase) => string[]; inlineConfig?: boolean } = {}): Promise<LintResult> {
  const root = await copyWithComments(lines, options.after);
  roots.push(root);
  return lintRoot(root, options.inlineConfig);
}

afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

/** `file:line` relative to the linted root. */
function place(result: LintResult, f: { file: string; line: number }): string {
  return `${path.relative(result.root, f.file)}:${f.line}`;
}

/** The case's finding(s) at its target line, among `findings`. */
function targetFindings(result: LintResult, findings: Finding[] | undefined, c: LanguageCase): Finding[] {
  const line = lineOf(readFileSync(path.join(result.root, c.file), 'utf8'), c.target);
  return (findings ?? []).filter((f) => f.ruleId === c.rule && place(result, f) === `${c.file}:${line}`);
}

function ownFindings(result: LintResult, ruleId: string): string[] {
  return result.findings.filter((f) => f.ruleId === ruleId).map((f) => place(result, f)).sort();
}

describe('the fixture without comments', () => {
  let result: LintResult;
  beforeAll(async () => {
    result = await lintRoot(FIXTURE);
  });

  it.each(LANGUAGES)('has a $rule finding in $language at its target line', (c) => {
    expect(targetFindings(result, result.findings, c).length).toBeGreaterThan(0);
  });

  it('takes no "#" or "--" inside a string for a comment (the nginx header value, the Lua long string)', () => {
    expect(result.suppressed).toEqual([]);
    expect(ownFindings(result, 'stale-suppression')).toEqual([]);
  });
});

describe('privacy-lint-disable-next-line with a reason', () => {
  let result: LintResult;
  let plain: LintResult;
  beforeAll(async () => {
    result = await lintWith((c) => [`{} privacy-lint-disable-next-line ${c.rule} -- accepted for ${c.language}`]);
    plain = await lintRoot(FIXTURE);
  });

  it.each(LANGUAGES)('suppresses the $rule finding on the next line in $language, with the reason and the comment\'s place', (c) => {
    expect(targetFindings(result, result.findings, c)).toEqual([]);
    const suppressed = targetFindings(result, result.suppressed, c);
    expect(suppressed.length).toBeGreaterThan(0);
    const line = lineOf(readFileSync(path.join(result.root, c.file), 'utf8'), c.target) - 1;
    for (const f of suppressed) {
      expect(f.suppressions).toEqual([{ kind: 'inSource', justification: `accepted for ${c.language}`, at: { file: path.join(result.root, c.file), line, column: expect.any(Number) as unknown } }]);
    }
  });

  it('suppresses nothing else, reports no directive problem, and leaves the suppressed findings out of the counts', () => {
    expect(ownFindings(result, 'stale-suppression')).toEqual([]);
    expect(ownFindings(result, 'invalid-suppression')).toEqual([]);
    const suppressed = result.suppressed ?? [];
    expect(result.summary.suppressed).toBe(suppressed.length);
    expect(result.findings.length + suppressed.length).toBe(plain.findings.length);
    expect(result.summary.errors).toBe(plain.summary.errors - suppressed.filter((f) => f.severity === 'error').length);
  });

  it('keeps a claim whose every finding is suppressed violated, marked with the reason', () => {
    const uploads = result.claims.find((c) => c.claim === 'fileUploads.retention');
    expect(uploads?.verdict).toBe('violated');
    expect(uploads?.suppressions?.map((s) => s.justification)).toEqual(['accepted for Lua (Prosody)']);
    // ipAddresses.stored still has unsuppressed findings (Apache, Caddy, fail2ban): not marked.
    const ips = result.claims.find((c) => c.claim === 'ipAddresses.stored');
    expect(ips?.verdict).toBe('violated');
    expect(ips?.suppressions).toBeUndefined();
  });
});

describe('privacy-lint-disable-next-line without a reason', () => {
  let result: LintResult;
  beforeAll(async () => {
    result = await lintWith((c) => [`{} privacy-lint-disable-next-line ${c.rule}`]);
  });

  it.each(LANGUAGES)('suppresses nothing in $language and is an error at the comment that says how to write it', (c) => {
    expect(targetFindings(result, result.findings, c).length).toBeGreaterThan(0);
    const line = lineOf(readFileSync(path.join(result.root, c.file), 'utf8'), c.target) - 1;
    const invalid = result.findings.filter((f) => f.ruleId === 'invalid-suppression' && place(result, f) === `${c.file}:${line}`);
    expect(invalid).toHaveLength(1);
    expect(invalid[0]?.severity).toBe('error');
    expect(invalid[0]?.message).toBe(
      `"privacy-lint-disable-next-line ${c.rule}" gives no reason, so it suppresses nothing: write "privacy-lint-disable-next-line RULE-ID[, RULE-ID…] -- reason", with the rule ids of the findings to accept and why accepting them is right`,
    );
  });

  it('suppresses nothing at all', () => {
    expect(result.suppressed).toEqual([]);
    expect(result.summary.suppressed).toBe(0);
  });
});

describe('a directive that suppresses nothing (stale)', () => {
  let result: LintResult;
  beforeAll(async () => {
    // A blank line between the comment and the finding: the next line has nothing to suppress.
    result = await lintWith((c) => [`{} privacy-lint-disable-next-line ${c.rule} -- was needed once`, '']);
  });

  it.each(LANGUAGES)('is a warning at the comment in $language, and the finding still counts', (c) => {
    expect(targetFindings(result, result.findings, c).length).toBeGreaterThan(0);
    const line = lineOf(readFileSync(path.join(result.root, c.file), 'utf8'), c.target) - 2;
    const stale = result.findings.filter((f) => f.ruleId === 'stale-suppression' && place(result, f) === `${c.file}:${line}`);
    expect(stale.map((f) => [f.severity, f.message])).toEqual([
      ['warning', `"privacy-lint-disable-next-line ${c.rule}" is stale: there is no ${c.rule} finding on line ${line + 1} to suppress. Remove the comment`],
    ]);
  });
});

describe('--no-inline-config', () => {
  it('ignores every directive: nothing suppressed, no directive findings', async () => {
    const result = await lintWith((c) => [`{} privacy-lint-disable-next-line ${c.rule} -- accepted`, `{} privacy-lint-disable-next-line no-such-rule`], { inlineConfig: false });
    const plain = await lintRoot(FIXTURE);
    expect(result.suppressed).toEqual([]);
    expect(ownFindings(result, 'invalid-suppression')).toEqual([]);
    expect(ownFindings(result, 'stale-suppression')).toEqual([]);
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual(plain.findings.map((f) => f.ruleId).sort());
  });
});

describe('privacy-lint-disable … privacy-lint-enable', () => {
  let result: LintResult;
  beforeAll(async () => {
    result = await lintWith(
      (c) => [`{} privacy-lint-disable ${c.rule} -- accepted until the migration`],
      { after: (c) => [`{} privacy-lint-enable ${c.rule}`] },
    );
  });

  it.each(LANGUAGES)('suppresses the $rule finding inside the block in $language', (c) => {
    expect(targetFindings(result, result.findings, c)).toEqual([]);
    const suppressed = targetFindings(result, result.suppressed, c);
    expect(suppressed.length).toBeGreaterThan(0);
    expect(suppressed[0]?.suppressions?.[0]?.justification).toBe('accepted until the migration');
    expect(ownFindings(result, 'stale-suppression')).toEqual([]);
  });

  it('does not reach past the enable: a block closed above the finding is stale', async () => {
    const root = await copyWithComments((c) => (c.language === 'YAML (ejabberd)' ? ['# privacy-lint-disable ip-address-storage -- closed too early', '# privacy-lint-enable ip-address-storage'] : []));
    roots.push(root);
    const outside = await lintRoot(root);
    expect(outside.findings.filter((f) => f.ruleId === 'ip-address-storage').map((f) => place(outside, f))).toContain('etc/ejabberd/ejabberd.yml:5');
    expect(outside.findings.filter((f) => f.ruleId === 'stale-suppression').map((f) => `${place(outside, f)} ${f.message}`)).toEqual([
      'etc/ejabberd/ejabberd.yml:3 "privacy-lint-disable ip-address-storage" is stale: there is no ip-address-storage finding between lines 3 and 4 to suppress. Remove the comment',
    ]);
  });

  it('a bare privacy-lint-enable closes every open block', async () => {
    const root = await copyWithComments((c) =>
      c.language === 'nginx' ? ['# privacy-lint-disable ip-address-storage -- closed by the bare enable', 'access_log /var/log/nginx/second.log;', '# privacy-lint-enable'] : [],
    );
    roots.push(root);
    const r = await lintRoot(root);
    expect((r.suppressed ?? []).map((f) => `${place(r, f)} ${f.ruleId}`)).toEqual(['etc/nginx/nginx.conf:8 ip-address-storage']);
    expect(r.findings.filter((f) => f.ruleId === 'ip-address-storage').map((f) => place(r, f))).toContain('etc/nginx/nginx.conf:10');
    expect(ownFindings(r, 'stale-suppression')).toEqual([]);
  });

  it('an enable with no disable open before it is stale', async () => {
    const root = await copyWithComments((c) => (c.language === 'crontab' ? ['# privacy-lint-enable message-archive-retention'] : []));
    roots.push(root);
    const r = await lintRoot(root);
    expect(r.findings.filter((f) => f.ruleId === 'stale-suppression').map((f) => `${place(r, f)} ${f.severity} ${f.message}`)).toEqual([
      'etc/cron.d/ejabberd:1 warning "privacy-lint-enable message-archive-retention" enables message-archive-retention, but no privacy-lint-disable message-archive-retention is open before it',
    ]);
  });

  it('covers the lines up to the enable, and a disable without an enable runs to the end of the file', async () => {
    const root = await copyWithComments((c) =>
      c.language === 'nginx'
        ? ['{} privacy-lint-disable ip-address-storage, log-retention -- block form', 'access_log /var/log/nginx/second.log;', '{} privacy-lint-enable ip-address-storage']
        : c.language === 'Lua (Prosody)'
          ? ['{} privacy-lint-disable upload-retention -- to the end of the file']
          : [],
    );
    roots.push(root);
    const result = await lintRoot(root);
    const suppressed = (result.suppressed ?? []).map((f) => `${place(result, f)} ${f.ruleId}`);
    expect(suppressed).toContain('etc/nginx/nginx.conf:8 ip-address-storage');
    expect(suppressed).toContain('etc/prosody/prosody.cfg.lua:5 upload-retention');
    // The target access_log (line 10) is after the enable: it still counts.
    expect(result.findings.map((f) => `${place(result, f)} ${f.ruleId}`)).toContain('etc/nginx/nginx.conf:10 ip-address-storage');
    // log-retention has no nginx finding in the block (nor an enable): stale, named alone.
    expect(result.findings.filter((f) => f.ruleId === 'stale-suppression').map((f) => `${place(result, f)} ${f.message}`)).toEqual([
      'etc/nginx/nginx.conf:7 "privacy-lint-disable ip-address-storage, log-retention" is stale: there is no log-retention finding from line 7 to the end of the file to suppress. Remove log-retention from it',
    ]);
  });
});

describe('directives naming rules', () => {
  it('an unknown rule id is an error with the nearest known id, and suppresses nothing', async () => {
    const root = await copyWithComments((c) => (c.language === 'Lua (Prosody)' ? ['-- privacy-lint-disable-next-line upload-retension -- typo'] : []));
    roots.push(root);
    const result = await lintRoot(root);
    expect(result.findings.filter((f) => f.ruleId === 'invalid-suppression').map((f) => `${place(result, f)} ${f.message}`)).toEqual([
      'etc/prosody/prosody.cfg.lua:4 "privacy-lint-disable-next-line upload-retension -- typo" names the unknown rule "upload-retension" (did you mean upload-retention?), so it suppresses nothing: write "privacy-lint-disable-next-line RULE-ID[, RULE-ID…] -- reason", with the rule ids of the findings to accept and why accepting them is right',
    ]);
    expect(result.suppressed).toEqual([]);
  });
});

describe('through the CLI', () => {
  async function cli(root: string, ...args: string[]): Promise<CliRun> {
    return runCli(['--root', root, '--config', path.join(root, 'privacy-lint.config.yaml'), '--no-color', ...args], root);
  }

  it('the stylish report counts "N suppressed" and names the accepted claim; --no-inline-config turns that off', async () => {
    const root = await copyWithComments((c) => (c.language === 'Lua (Prosody)' ? ['-- privacy-lint-disable-next-line upload-retention -- files are wiped by the nightly job'] : []));
    roots.push(root);
    const shown = await cli(root);
    expect(shown.stdout).toMatch(/\n  fileUploads\.retention +31d +violated \(suppressed\) +forever/);
    expect(shown.stdout).toContain(
      'Suppressed claims\n  fileUploads.retention violated, accepted by privacy-lint-disable at etc/prosody/prosody.cfg.lua:4: files are wiped by the nightly job',
    );
    expect(shown.stdout).toMatch(/✖ \d+ problems \(\d+ errors, \d+ warnings\), 1 suppressed — claims/);

    const strict = await cli(root, '--no-inline-config');
    expect(strict.stdout).not.toContain('suppressed');
    expect(strict.stdout).toContain('etc/prosody/prosody.cfg.lua');
  });
});
