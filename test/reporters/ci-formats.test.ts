import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatCheckstyle } from '../../src/reporters/checkstyle.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/reporters/github.js';
import { formatGitlab } from '../../src/reporters/gitlab.js';
import { formatJunit } from '../../src/reporters/junit.js';
import { formatMarkdown } from '../../src/reporters/markdown.js';
import { parseCheckstyle, parseGitlab, parseJunit, parseWorkflowCommands, type JunitCase, type JunitSuite } from './parse-report.js';
import { sampleResult } from './sample-result.js';

const context = (env: Record<string, string> = {}, cwd = '/srv/audit') => ({ cwd, chalk: new Chalk({ level: 0 }), env });

describe('formatJunit', () => {
  const doc = parseJunit(formatJunit(sampleResult('/srv/audit'), context()));
  const suites = doc.testsuites.testsuite;
  const suite = (i: number): JunitSuite => suites[i] ?? expect.fail(`no testsuite ${i}`);
  const firstCase = (i: number): JunitCase => suite(i).testcase[0] ?? expect.fail(`no testcase in testsuite ${i}`);

  it('has a testsuite per claim family, then one for configuration problems, with counts', () => {
    expect(suites.map((s) => [s['@_name'], s['@_tests'], s['@_failures'], s['@_skipped']])).toEqual([
      ['messageArchive', '1', '1', '0'],
      ['ipAddresses', '1', '0', '0'],
      ['backups', '1', '0', '1'],
      ['pushNotifications', '1', '0', '0'],
      ['configuration', '2', '1', '0'],
    ]);
    expect([doc.testsuites['@_tests'], doc.testsuites['@_failures'], doc.testsuites['@_skipped']]).toEqual(['6', '2', '1']);
  });

  it('fails a violated claim with its findings in the text, and skips an unverified one with the reason', () => {
    const violated = firstCase(0);
    expect(violated['@_classname']).toBe('privacy-lint.messageArchive');
    expect(violated['@_name']).toBe('messageArchive.retention');
    expect(violated.failure?.['@_message']).toBe('declared 21d, observed 1w (mod_mam default, Prosody 0.12)');
    expect(violated.failure?.['#text']).toBe(
      [
        'declared 21d, observed 1w (mod_mam default, Prosody 0.12)',
        'etc-copy/etc/prosody/prosody.cfg.lua:12:1 error messages are archived for 1w, the policy promises 21d (message-archive-retention)',
        '    change: archive_expires_after = "21d"',
      ].join('\n'),
    );
    expect(firstCase(2).skipped?.['@_message']).toBe('unverified: no backup configuration found');
  });

  it('names each configuration problem by its place, so GitLab does not drop one as a duplicate', () => {
    expect(suite(4).testcase.map((c) => [c['@_name'], 'failure' in c])).toEqual([
      ['etc-copy/etc/prosody/conf.d/muc.cfg.lua:3:9 parse-error', true],
      ['etc-copy/etc/prosody/conf.d/muc.cfg.lua:1:1 config-warning', false],
    ]);
  });
});

describe('formatCheckstyle', () => {
  it('lists the findings per file with line, column, severity, message and source', () => {
    const doc = parseCheckstyle(formatCheckstyle(sampleResult('/srv/audit'), context()));
    expect(doc.checkstyle['@_version']).toBe('4.3');
    expect((doc.checkstyle.file ?? []).map((f) => [f['@_name'], f.error.length])).toEqual([
      ['etc-copy/etc/prosody/prosody.cfg.lua', 2],
      ['etc-copy/etc/prosody/conf.d/muc.cfg.lua', 2],
    ]);
    expect(doc.checkstyle.file?.[0]?.error[1]).toEqual({
      '@_line': '12',
      '@_column': '1',
      '@_severity': 'error',
      '@_message': 'messages are archived for 1w, the policy promises 21d (change: archive_expires_after = "21d")',
      '@_source': 'privacy-lint.message-archive-retention',
    });
  });
});

describe('formatGithub', () => {
  it('writes one workflow command per finding, notice for infos, paths relative to GITHUB_WORKSPACE', () => {
    const text = formatGithub(sampleResult('/srv/audit'), context({ GITHUB_WORKSPACE: '/srv/audit/etc-copy' }, '/tmp'));
    expect(text.split('\n')[1]).toBe(
      '::error file=etc/prosody/prosody.cfg.lua,line=12,col=1,title=privacy-lint%3A message-archive-retention::messages are archived for 1w, the policy promises 21d%0AChange: archive_expires_after = "21d"',
    );
    expect(parseWorkflowCommands(text).map((c) => c.command)).toEqual(['warning', 'error', 'error', 'notice']);
  });

  it('escapes as @actions/core does: % CR LF in data, and : , as well in properties', () => {
    // toolkit packages/core/src/command.ts: escapeData %→%25, \r→%0D, \n→%0A; escapeProperty adds :→%3A, ,→%2C.
    expect(escapeData('100% done\r\n::error::x')).toBe('100%25 done%0D%0A::error::x');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('writes nothing when there is nothing to annotate', () => {
    const result = sampleResult('/srv/audit');
    result.findings = [];
    expect(formatGithub(result, context())).toBe('');
  });
});

describe('formatGitlab', () => {
  const issues = parseGitlab(formatGitlab(sampleResult('/srv/audit'), context()));

  it('writes Code Quality issues in GitLab words, relative to the project directory', () => {
    expect(issues[1]).toMatchObject({
      description: 'messages are archived for 1w, the policy promises 21d (change: archive_expires_after = "21d")',
      check_name: 'message-archive-retention',
      severity: 'critical',
      location: { path: 'etc-copy/etc/prosody/prosody.cfg.lua', lines: { begin: 12 } },
    });
    expect(issues.map((i) => i.severity)).toEqual(['major', 'critical', 'critical', 'info']);
    const inProject = parseGitlab(formatGitlab(sampleResult('/srv/audit'), context({ CI_PROJECT_DIR: '/srv/audit/etc-copy' }, '/')));
    expect(inProject[1]?.location.path).toBe('etc/prosody/prosody.cfg.lua');
  });

  it('numbers the same problem twice in a file, since GitLab shows one issue per fingerprint', () => {
    const result = sampleResult('/srv/audit');
    result.findings.push({ ...result.findings[1]!, line: 50 });
    const twice = parseGitlab(formatGitlab(result, context()));
    expect(twice[4]?.fingerprint).not.toBe(twice[1]?.fingerprint);
    expect(twice[1]?.fingerprint).toBe(issues[1]?.fingerprint);
  });
});

describe('formatMarkdown', () => {
  it('shows the claim table, then the findings with file:line', () => {
    const text = formatMarkdown(sampleResult('/srv/audit'), context());
    expect(text.split('\n').slice(0, 8)).toEqual([
      '## privacy-lint: 1 of 4 claims violated, 2 errors, 1 warning',
      '',
      '| claim | declared | verdict | observed |',
      '|---|---|---|---|',
      '| `messageArchive.retention` | `21d` | ❌ violated | 1w (mod\\_mam default, Prosody 0.12) |',
      '| `ipAddresses.stored` | `false` | ✅ verified | no log sink writes client addresses |',
      '| `backups.encrypted` | `true` | ⚠️ unverified | no backup configuration found |',
      '| `pushNotifications.body` | `false` | ➖ not applicable | mod\\_cloud\\_notify is not enabled |',
    ]);
    expect(text).toContain('- ❌ error `etc-copy/etc/prosody/prosody.cfg.lua:12` messages are archived for 1w, the policy promises 21d (`message-archive-retention`)');
  });

  it('links file:line to the commit when GitHub says where it lives', () => {
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'org/etc', GITHUB_SHA: 'abc123', GITHUB_WORKSPACE: '/srv/audit' };
    expect(formatMarkdown(sampleResult('/srv/audit'), context(env))).toContain(
      '[`etc-copy/etc/prosody/prosody.cfg.lua:12`](https://github.com/org/etc/blob/abc123/etc-copy/etc/prosody/prosody.cfg.lua#L12)',
    );
  });

  it('keeps values from adding cells, markup, mentions or breaking out of code spans', () => {
    const result = sampleResult('/srv/audit');
    result.claims[0] = { ...result.claims[0]!, declared: 'a | b `c`', observed: '<img src=x> @admin [x](javascript:1) | cell' };
    const row = formatMarkdown(result, context()).split('\n')[4];
    expect(row).toBe('| `messageArchive.retention` | `` a \\| b `c` `` | ❌ violated | \\<img src=x\\> @\u200badmin \\[x\\](javascript:1) \\| cell |');
  });

  it('lists at most 50 findings and says how many more there are', () => {
    const result = sampleResult('/srv/audit');
    result.findings = Array.from({ length: 60 }, (_, i) => ({ ...result.findings[0]!, line: i + 1 }));
    const items = formatMarkdown(result, context()).split('\n').filter((l) => l.startsWith('- '));
    expect(items).toHaveLength(51);
    expect(items[50]).toBe('- … and 10 more (see the full report)');
  });
});
