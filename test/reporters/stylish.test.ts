import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatStylish } from '../../src/reporters/stylish.js';
import { sampleResult } from './sample-result.js';

const plain = { cwd: '/srv/audit', chalk: new Chalk({ level: 0 }), env: {} };

describe('formatStylish', () => {
  it('groups findings by file, aligns the columns, and ends with the claim table and summary', () => {
    expect(formatStylish(sampleResult('/srv/audit'), plain)).toBe(
      [
        'Policy: privacy-lint.config.yaml',
        'Sources: etc-copy/etc/prosody/prosody.cfg.lua (prosody), etc-copy/etc/prosody/conf.d/muc.cfg.lua (prosody, parse errors)',
        '',
        'etc-copy/etc/prosody/prosody.cfg.lua',
        '  12:1   error    messages are archived for 1w, the policy promises 21d  message-archive-retention',
        '                  → change: archive_expires_after = "21d"',
        '  40:17  warning  debug logging writes client IP addresses               ip-address-logging',
        '',
        'etc-copy/etc/prosody/conf.d/muc.cfg.lua',
        '  1:1  info   Component "conference.example.org" has no modules_enabled  config-warning',
        "  3:9  error  unexpected symbol near '='                                 parse-error",
        '',
        'Claims',
        '  claim                     declared  verdict         observed',
        '  messageArchive.retention  21d       violated        1w (mod_mam default, Prosody 0.12)',
        '  ipAddresses.stored        false     verified        no log sink writes client addresses',
        '  backups.encrypted         true      unverified      no backup configuration found',
        '  pushNotifications.body    false     not-applicable  mod_cloud_notify is not enabled',
        '',
        '✖ 3 problems (2 errors, 1 warning), 1 info — claims: 1 verified, 1 violated, 1 unverified, 1 not applicable',
        '',
      ].join('\n'),
    );
  });

  it('says which sources could not be read', () => {
    const result = sampleResult('/srv/audit');
    result.sources = [{ file: '/srv/audit/etc-copy/etc/nginx/nginx.conf', kind: 'nginx', status: 'unreadable' }];
    expect(formatStylish(result, plain).split('\n')[1]).toBe('Sources: etc-copy/etc/nginx/nginx.conf (nginx, not read)');
  });

  it('shows absolute paths for files outside the current directory', () => {
    const text = formatStylish(sampleResult('/srv/audit'), { ...plain, cwd: '/home/admin' });
    expect(text).toContain('\n/srv/audit/etc-copy/etc/prosody/prosody.cfg.lua\n  12:1 ');
    expect(text.split('\n')[0]).toBe('Policy: /srv/audit/privacy-lint.config.yaml');
  });

  it('says when no configuration was found and the recommended profile is used, and how to write one', () => {
    const result = sampleResult('/srv/audit');
    result.config = {
      ...result.config,
      configFile: undefined,
      policyFile: '/usr/lib/node_modules/privacy-lint/profiles/recommended.yaml',
      usedDefaultProfile: true,
    };
    const [first, second] = formatStylish(result, plain).split('\n');
    expect(first).toBe(
      'No privacy-lint configuration found: judging against the built-in recommended profile (/usr/lib/node_modules/privacy-lint/profiles/recommended.yaml).',
    );
    expect(second).toBe(
      '  To declare your own policy, write privacy-lint.config.yaml with extends: recommended and the claims you promise.',
    );
  });

  it('names the configuration when the policy comes from a separate --policy file', () => {
    const result = sampleResult('/srv/audit');
    result.config = { ...result.config, policyFile: '/srv/audit/policy.yaml' };
    expect(formatStylish(result, plain).split('\n')[0]).toBe('Policy: policy.yaml (configuration: privacy-lint.config.yaml)');
  });

  it('indents every line of a multi-line message and suggestion under the message column', () => {
    const result = sampleResult('/srv/audit');
    result.findings = [
      {
        ruleId: 'message-archive-retention',
        severity: 'error',
        message: 'archive kept too long\non host example.org',
        file: '/srv/audit/etc-copy/etc/prosody/prosody.cfg.lua',
        line: 12,
        column: 1,
        suggestion: 'VirtualHost "example.org"\n  archive_expires_after = "21d"',
      },
    ];
    const lines = formatStylish(result, plain).split('\n');
    const row = lines.indexOf('  12:1  error  archive kept too long  message-archive-retention');
    expect(row).toBeGreaterThan(0);
    expect(lines.slice(row + 1, row + 4)).toEqual([
      '               on host example.org',
      '               → change: VirtualHost "example.org"',
      '                           archive_expires_after = "21d"',
    ]);
  });

  it('says "no problems" and prints no file groups when there are no findings', () => {
    const result = sampleResult('/srv/audit');
    result.findings = [];
    result.summary = { ...result.summary, errors: 0, warnings: 0, infos: 0 };
    const text = formatStylish(result, plain);
    expect(text).not.toContain('etc-copy/etc/prosody/prosody.cfg.lua\n');
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '✔ no problems — claims: 1 verified, 1 violated, 1 unverified, 1 not applicable',
    );
  });

  it('counts in the singular, and says when no claims were judged', () => {
    const result = sampleResult('/srv/audit');
    result.claims = [];
    result.summary = {
      errors: 0,
      warnings: 1,
      infos: 0,
      claims: { verified: 0, violated: 0, unverified: 0, notApplicable: 0 },
    };
    const text = formatStylish(result, plain);
    expect(text).not.toContain('Claims');
    expect(text.trimEnd().split('\n').at(-1)).toBe('✖ 1 problem (0 errors, 1 warning) — no claims judged');
  });

  it('says where it looked when no source was found', () => {
    const result = sampleResult('/srv/audit');
    result.sources = [];
    expect(formatStylish(result, plain).split('\n')[1]).toBe('Sources: none found under etc-copy');
  });

  it('writes no escape codes without colour, and colours verdicts and severities with it', () => {
    const result = sampleResult('/srv/audit');
    expect(formatStylish(result, plain)).not.toContain('\u001b[');
    const coloured = formatStylish(result, { ...plain, chalk: new Chalk({ level: 1 }) });
    expect(coloured).toContain('\u001b[31mviolated\u001b[39m');
    expect(coloured).toContain('\u001b[32mverified\u001b[39m');
    expect(coloured).toContain('\u001b[33munverified\u001b[39m');
    expect(coloured).toContain('\u001b[2mnot-applicable\u001b[22m');
    expect(coloured).toContain('\u001b[31merror\u001b[39m');
    expect(coloured).toContain('\u001b[4metc-copy/etc/prosody/prosody.cfg.lua\u001b[24m');
    // Colour adds codes but never changes the layout.
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatStylish(result, plain));
  });

  it('wraps a message longer than 80 characters under its column instead of padding every row to it', () => {
    const result = sampleResult('/srv/audit');
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    result.findings = [{ ...result.findings[1]!, message: words, suggestion: undefined }, result.findings[0]!];
    const lines = formatStylish(result, plain).split('\n');
    const start = lines.indexOf('etc-copy/etc/prosody/prosody.cfg.lua') + 1;
    // 'word0 … word12' is 10×5 + 3×6 characters + 12 spaces = 80, the cap: the column is 80 wide.
    // 'word13 … word23' is 11×6 + 10 = 76; word24 would make it 83, so it starts the third line.
    expect(lines.slice(start, start + 4)).toEqual([
      '  12:1   error    word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12  message-archive-retention',
      '                  word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23',
      '                  word24 word25 word26 word27 word28 word29',
      '  40:17  warning  debug logging writes client IP addresses                                          ip-address-logging',
    ]);
  });

  it('breaks a word longer than the column mid-word, never at a space before the line it is on', () => {
    const result = sampleResult('/srv/audit');
    // A fuzzer's case: a 1.6 MB config value without spaces, quoted in a message.
    result.findings = [{ ...result.findings[1]!, message: `see ${'x'.repeat(200)}`, suggestion: undefined }, result.findings[0]!];
    const lines = formatStylish(result, plain).split('\n');
    const start = lines.indexOf('etc-copy/etc/prosody/prosody.cfg.lua') + 1;
    // 'see', then the 200 x's in lines of 80, 80 and 40 (the column is 80 wide, the cap).
    expect(lines.slice(start, start + 4).map((l) => l.trimEnd())).toEqual([
      `  12:1   error    see${' '.repeat(77)}  message-archive-retention`,
      `                  ${'x'.repeat(80)}`,
      `                  ${'x'.repeat(80)}`,
      `                  ${'x'.repeat(40)}`,
    ]);
  });

  it('stays linear in the findings: a 30,000-character message among 2,000 findings pads nothing to it', () => {
    const result = sampleResult('/srv/audit');
    const short = result.findings[0]!;
    result.findings = [{ ...short, message: 'x'.repeat(30_000) }, ...Array.from({ length: 2_000 }, (_, i) => ({ ...short, line: i + 1 }))];
    const text = formatStylish(result, plain);
    const lines = text.split('\n');
    // Each line holds at most indent + position + severity + 80 + gaps + the rule id.
    expect(Math.max(...lines.filter((l) => !l.startsWith('Sources') && !l.startsWith('  backups')).map((l) => l.length))).toBeLessThan(140);
    // 30,000 characters wrapped 80 to a line (375 lines) plus one line per short finding, with their padding.
    expect(text.length).toBeLessThan(30_000 + 375 * 20 + 2_000 * 140);
  });
});
