import path from 'node:path';
import { Chalk } from 'chalk';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { loadReporter, reporterNames } from '../../src/reporters/index.js';
import { repoRoot } from '../helpers/lint-fixture.js';
import { parseJsonReport } from '../helpers/json-report.js';
import { parseCheckstyle, parseGitlab, parseHtml, parseJunit, parseSarif, parseWorkflowCommands, rawControl } from './parse-report.js';

/**
 * Every format from the same result, read back by the parser its consumer uses, on the demo and
 * on a fixture for each kind of software. What each format must show is counted against the
 * result itself: one SARIF result / checkstyle error / annotation / Code Quality issue per
 * finding, one JUnit testcase per declared claim plus one per config problem, one table row per claim.
 */
const fixtures: { name: string; root: string; config: string }[] = [
  { name: 'demo (Prosody)', root: 'fixtures/demo', config: 'fixtures/demo/privacy-lint.config.yaml' },
  { name: 'ejabberd', root: 'fixtures/ejabberd/debug-log', config: 'fixtures/ejabberd/debug-log/privacy-lint.config.yaml' },
  ...[
    ['nginx', 'fixtures/nginx/includes'],
    ['Apache', 'fixtures/apache/sites'],
    ['Caddy', 'fixtures/caddy/sites'],
    ['logrotate', 'fixtures/logrotate/typical'],
    ['journald', 'fixtures/journald/dropins'],
    ['fail2ban', 'fixtures/fail2ban/typical'],
    ['cron and timers', 'fixtures/jobs/debian-mixed'],
    ['borgmatic', 'fixtures/backups/borgmatic/actions'],
  ].map(([name = '', root = '']) => ({ name, root, config: 'fixtures/reporters/policy.yaml' })),
];

const context = { cwd: repoRoot, chalk: new Chalk({ level: 0 }), env: {} };

describe.each(fixtures)('every format on $name', ({ root, config }) => {
  let result: LintResult;
  const reports = new Map<string, string>();

  beforeAll(async () => {
    result = await lint({ cwd: repoRoot, root: path.join(repoRoot, root), paths: [], configFile: path.join(repoRoot, config), ruleOverrides: [] });
    for (const name of reporterNames) reports.set(name, await (await loadReporter(name, repoRoot))(result, context));
  });

  const report = (name: string): string => reports.get(name) ?? '';

  it('has something to report (else the counts below prove nothing)', () => {
    expect(result.claims.length).toBeGreaterThan(0);
    expect(result.sources.length).toBeGreaterThan(0);
  });

  it('never writes a control character nor the absolute path of this machine', () => {
    for (const name of reporterNames) {
      expect(report(name), name).not.toMatch(rawControl);
      if (name !== 'stylish' && name !== 'json') expect(report(name), name).not.toContain(repoRoot);
    }
  });

  it('sarif: validates against the SARIF 2.1.0 schema, one result per finding, relative locations', () => {
    const log = parseSarif(report('sarif'));
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules ?? [];
    expect(run.results).toHaveLength(result.findings.length);
    run.results!.forEach((r, i) => {
      const f = result.findings[i]!;
      expect(rules[r.ruleIndex!]?.id).toBe(f.ruleId);
      expect(r.ruleId).toBe(f.ruleId);
      expect(r.message.text).toBe(f.message);
      const physical = r.locations![0]!.physicalLocation!;
      expect(physical.artifactLocation!.uri).toBe(encodeURI(path.relative(repoRoot, f.file)));
      expect(physical.region!.startLine).toBe(f.line);
    });
  });

  it('junit: a testcase per declared claim (violated fail, unverified skip) and per config problem', () => {
    const doc = parseJunit(report('junit'));
    const cases = doc.testsuites.testsuite.flatMap((s) => s.testcase);
    const problems = result.findings.filter((f) => f.claim === undefined);
    expect(cases).toHaveLength(result.claims.length + problems.length);
    for (const claim of result.claims) {
      const testcase = cases.find((c) => c['@_name'] === claim.claim) ?? expect.fail(`no testcase for ${claim.claim}`);
      expect('failure' in testcase, claim.claim).toBe(claim.verdict === 'violated');
      expect('skipped' in testcase, claim.claim).toBe(claim.verdict === 'unverified');
    }
    expect(Number(doc.testsuites['@_failures'])).toBe(
      result.summary.claims.violated + problems.filter((f) => f.severity === 'error').length,
    );
  });

  it('checkstyle: one error element per finding, grouped by file', () => {
    const doc = parseCheckstyle(report('checkstyle'));
    const errors = (doc.checkstyle.file ?? []).flatMap((file) => file.error.map((e) => ({ ...e, file: file['@_name'] })));
    expect(errors).toHaveLength(result.findings.length);
    for (const f of result.findings) {
      expect(errors.some((e) => e.file === path.relative(repoRoot, f.file) && e['@_line'] === String(f.line) && e['@_source'] === `privacy-lint.${f.ruleId}`)).toBe(true);
    }
  });

  it('github: every line is exactly one annotation, one per finding, with the message intact', () => {
    const commands = parseWorkflowCommands(report('github'));
    expect(commands).toHaveLength(result.findings.length);
    commands.forEach((c, i) => {
      const f = result.findings[i]!;
      expect(c.command).toBe({ error: 'error', warning: 'warning', info: 'notice' }[f.severity]);
      expect(c.properties.file).toBe(path.relative(repoRoot, f.file));
      expect(c.properties.line).toBe(String(f.line));
      expect(c.data.split('\nChange: ')[0]).toBe(f.message);
    });
  });

  it('gitlab: Code Quality issues with relative paths, GitLab severities and unique fingerprints', () => {
    const issues = parseGitlab(report('gitlab'));
    expect(issues).toHaveLength(result.findings.length);
    for (const issue of issues) {
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
      expect(issue.location.path.startsWith('/')).toBe(false);
      expect(issue.location.lines.begin).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
  });

  it('markdown: one table row per claim, one item per finding', () => {
    const lines = report('markdown').split('\n');
    const rows = lines.filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(result.claims.length);
    expect(lines.filter((l) => l.startsWith('- '))).toHaveLength(Math.min(result.findings.length, 51));
  });

  it('html: parses without error, one claim row with its verdict per claim, one item per finding with its place', () => {
    const page = parseHtml(report('html'));
    const rows = page.all('tr').filter((r) => r.attrs.class === 'claim');
    expect(rows.map((r) => [r.attrs['data-claim'], r.attrs['data-verdict']])).toEqual(result.claims.map((c) => [c.claim, c.verdict]));
    const items = page.all('li').filter((l) => l.attrs.class === 'finding');
    expect(items).toHaveLength(result.findings.length);
    result.findings.forEach((f, i) => expect(items[i]!.text).toContain(`${path.relative(repoRoot, f.file)}:${f.line}:${f.column}`));
    expect(page.all('script')).toEqual([]);
  });

  it('json: parses, with the same findings', () => {
    expect(parseJsonReport(report('json')).findings).toHaveLength(result.findings.length);
  });
});
