import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/engine/types.js';
import { formatSarif, sarifLog, type SarifOptions } from '../../src/reporters/sarif.js';
import { reportSafeResult } from '../../src/reporters/report-safe-result.js';
import { parseSarif } from './parse-report.js';
import { sampleResult } from './sample-result.js';

const context = (cwd: string) => ({ cwd, chalk: new Chalk({ level: 0 }), env: {} });
const options: SarifOptions = { homepage: undefined, toolDir: '/usr/lib/node_modules/privacy-lint' };
const run = (result: LintResult, cwd = '/srv/audit', opts = options) => sarifLog(reportSafeResult(result), context(cwd), opts).runs[0]!;

describe('formatSarif', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    expect(() => parseSarif(formatSarif(sampleResult('/srv/audit'), context('/srv/audit')))).not.toThrow();
  });

  it('describes every rule from its metadata, and one a finding names without metadata by its id', () => {
    const rules = run(sampleResult('/srv/audit')).tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(['message-archive-retention', 'ip-address-logging', 'parse-error', 'config-warning']);
    expect(rules[0]).toMatchObject({
      shortDescription: { text: 'Archived one-to-one messages are deleted within the promised time.' },
      fullDescription: { text: 'Users are told how long their messages stay on the server.\nA longer archive breaks that promise.' },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['privacy', 'messageArchive.retention'] },
    });
    expect(rules[0]!.help!.text).toContain('Documentation: docs/rules/message-archive-retention.md');
    expect(rules[0]!.helpUri).toBeUndefined();
    expect(rules[1]!.defaultConfiguration).toEqual({ level: 'warning' });
    expect(rules[3]).toEqual({ id: 'config-warning' });
  });

  it('links each rule to its doc page under the package homepage', () => {
    const rules = run(sampleResult('/srv/audit'), '/srv/audit', { ...options, homepage: 'https://example.org/team/privacy-lint#readme' }).tool.driver.rules!;
    expect(rules[0]!.helpUri).toBe('https://example.org/team/privacy-lint/blob/HEAD/docs/rules/message-archive-retention.md');
  });

  it("does not point a plugin's rule at a built-in doc page", () => {
    const result = sampleResult('/srv/audit');
    result.rules = [{ ...result.rules[0]!, id: 'acme/archive' }];
    const rule = run(result, '/srv/audit', { ...options, homepage: 'https://example.org/p' }).tool.driver.rules![0]!;
    expect(rule.helpUri).toBeUndefined();
    expect(rule.help!.text).not.toContain('docs/rules');
  });

  it('gives each finding its rule, level, message and a location relative to the working directory', () => {
    const results = run(sampleResult('/srv/audit')).results!;
    expect(results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['ip-address-logging', 1, 'warning'],
      ['message-archive-retention', 0, 'error'],
      ['parse-error', 2, 'error'],
      ['config-warning', 3, 'note'],
    ]);
    expect(results[1]!.message.text).toBe('messages are archived for 1w, the policy promises 21d');
    expect(results[1]!.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'etc-copy/etc/prosody/prosody.cfg.lua' },
      region: { startLine: 12, startColumn: 1 },
    });
    expect(results[1]!.properties).toEqual({ claim: 'messageArchive.retention', suggestion: 'archive_expires_after = "21d"' });
    expect(results[1]!.relatedLocations![0]!.message!.text).toBe('mod_mam enabled here');
  });

  it('outside the working directory, names files relative to --root (ROOT), never by their absolute path', () => {
    const sarif = run(sampleResult('/srv/audit'), '/home/admin');
    const location = sarif.results![1]!.locations![0]!.physicalLocation!.artifactLocation;
    expect(location).toEqual({ uri: 'etc/prosody/prosody.cfg.lua', uriBaseId: 'ROOT' });
    expect(sarif.originalUriBaseIds!.ROOT).toEqual({ description: { text: 'the directory given as --root' } });
    expect(JSON.stringify(sarif)).not.toContain('/srv/audit');
    expect(JSON.stringify(sarif)).not.toContain('/home/admin');
  });

  it('names a built-in profile relative to the privacy-lint package (PRIVACY_LINT), even with --root /', () => {
    const result = sampleResult('/srv/audit');
    result.root = '/';
    result.findings = [{ ruleId: 'unverifiable-claim', claim: 'backups.encrypted', severity: 'warning', message: 'no backup found', file: '/usr/lib/node_modules/privacy-lint/profiles/recommended.yaml', line: 40, column: 3 }];
    const sarif = run(result, '/root');
    expect(sarif.results![0]!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'profiles/recommended.yaml', uriBaseId: 'PRIVACY_LINT' });
  });

  it('anchors a finding that has no config location where its claim is declared in the policy', () => {
    const result = sampleResult('/srv/audit');
    result.findings = [{ ruleId: 'ip-address-logging', claim: 'backups.encrypted', severity: 'warning', message: 'cannot tell', file: '', line: 0, column: 0 }];
    const location = run(result).results![0]!.locations![0]!.physicalLocation!;
    expect(location).toEqual({ artifactLocation: { uri: 'privacy-lint.config.yaml' }, region: { startLine: 6, startColumn: 3 } });
  });

  it('lists suppressed findings after the others, with the reason and the comment that accepts them', () => {
    const result = sampleResult('/srv/audit');
    const suppressed = {
      ...result.findings[0]!,
      suppressions: [{ kind: 'inSource' as const, justification: 'debug log is tmpfs\u001b[2J', at: { file: result.findings[0]!.file, line: 39, column: 1 } }],
    };
    Object.assign(result, { suppressed: [suppressed] });
    const results = parseSarif(JSON.stringify(sarifLog(reportSafeResult(result), context('/srv/audit'), options))).runs[0]!.results!;
    const last = results.at(-1)!;
    expect(results).toHaveLength(5);
    expect(last.ruleId).toBe('ip-address-logging');
    expect(last.suppressions).toEqual([
      {
        kind: 'inSource',
        justification: 'debug log is tmpfs\\x1b[2J',
        location: { physicalLocation: { artifactLocation: { uri: 'etc-copy/etc/prosody/prosody.cfg.lua' }, region: { startLine: 39, startColumn: 1 } } },
      },
    ]);
  });

  it('keeps a fingerprint when lines move, and changes it when the problem changes', () => {
    const print = (edit: (r: LintResult) => void): string => {
      const result = sampleResult('/srv/audit');
      edit(result);
      return run(result).results![1]!.partialFingerprints!['privacy-lint/v1']!;
    };
    const original = print(() => {});
    expect(original).toMatch(/^[0-9a-f]{64}$/);
    const moved = print((r) => {
      r.findings[1] = { ...r.findings[1]!, line: 40, column: 5, message: 'messages are archived for 1w (see prosody.cfg.lua:40), the policy promises 21d' };
    });
    const before = print((r) => {
      r.findings[1] = { ...r.findings[1]!, message: 'messages are archived for 1w (see prosody.cfg.lua:12), the policy promises 21d' };
    });
    expect(moved).toBe(before);
    expect(print((r) => (r.findings[1] = { ...r.findings[1]!, message: 'messages are archived for 2w, the policy promises 21d' }))).not.toBe(original);
    expect(print((r) => (r.findings[1] = { ...r.findings[1]!, ruleId: 'other-rule' }))).not.toBe(original);
  });
});

describe('paths a message quotes', () => {
  it('are made relative to the working directory, so no SARIF text holds the machine path', () => {
    const result = sampleResult('/home/runner/work/etc');
    result.findings[1] = {
      ...result.findings[1]!,
      message: 'Error loading /etc/x.cfg.lua (looked for /home/runner/work/etc/etc-copy/etc/x.cfg.lua) outside --root (/home/runner/work/etc)',
    };
    const text = run(result, '/home/runner/work/etc').results![1]!.message.text;
    expect(text).toBe('Error loading /etc/x.cfg.lua (looked for etc-copy/etc/x.cfg.lua) outside --root (.)');
  });
});
