import type { ClaimResult, Finding, LintResult } from '../engine/types.js';
import { displayPathFrom } from './display-path.js';
import type { ReportContext } from './report-context.js';
import { toolName } from './tool-info.js';
import { xmlDocument } from './xml-document.js';
import { groupInto } from '../arrays/group-into.js';

type XmlNode = Record<string, unknown>;

/**
 * JUnit XML (the Ant/Surefire shape that GitLab, Jenkins and others read): the declared policy is
 * the test plan. One testsuite per claim family (`messageArchive`, `backups`, ...), one testcase
 * per declared claim: violated = failure with the findings as its text, unverified = skipped with
 * the reason, verified and not-applicable pass. Findings about the configs themselves (parse
 * errors, include errors) are one testcase each in a `configuration` suite: errors fail.
 */
export function formatJunit(result: LintResult, context: ReportContext): string {
  const show = displayPathFrom(context.cwd);
  const suites: XmlNode[] = [];
  for (const [family, claims] of byFamily(result.claims)) {
    suites.push(suite(family, claims.map((c) => claimCase(c, result.findings.filter((f) => f.claim === c.claim), show))));
  }
  const problems = result.findings.filter((f) => f.claim === undefined || !result.claims.some((c) => c.claim === f.claim));
  if (problems.length > 0) suites.push(suite('configuration', problemCases(problems, show)));
  const totals = sum(suites);
  return xmlDocument({ testsuites: { '@_name': toolName, ...totals, testsuite: suites } });
}

function byFamily(claims: ClaimResult[]): Map<string, ClaimResult[]> {
  const families = new Map<string, ClaimResult[]>();
  for (const c of claims) {
    const family = c.claim.split('.')[0] ?? c.claim;
    groupInto(families, family, c);
  }
  return families;
}

interface Counts {
  '@_tests': number;
  '@_failures': number;
  '@_errors': number;
  '@_skipped': number;
  '@_time': string;
}

function suite(name: string, cases: XmlNode[]): XmlNode {
  return {
    '@_name': name,
    '@_tests': cases.length,
    '@_failures': cases.filter((c) => 'failure' in c).length,
    '@_errors': 0,
    '@_skipped': cases.filter((c) => 'skipped' in c).length,
    '@_time': '0',
    testcase: cases,
  };
}

function sum(suites: XmlNode[]): Counts {
  const total = (key: string): number => suites.reduce((n, s) => n + (s[key] as number), 0);
  return { '@_tests': total('@_tests'), '@_failures': total('@_failures'), '@_errors': 0, '@_skipped': total('@_skipped'), '@_time': '0' };
}

function findingLine(f: Finding, show: (file: string) => string): string {
  const change = f.suggestion === undefined ? '' : `\n    change: ${f.suggestion.split('\n').join('\n            ')}`;
  return `${show(f.file)}:${f.line}:${f.column} ${f.severity} ${f.message} (${f.ruleId})${change}`;
}

function claimCase(c: ClaimResult, findings: Finding[], show: (file: string) => string): XmlNode {
  const family = c.claim.split('.')[0] ?? c.claim;
  const base: XmlNode = {
    '@_classname': `${toolName}.${family}`,
    '@_name': c.claim,
    '@_file': show(c.declaredAt.file),
    '@_time': '0',
  };
  const summary = `declared ${c.declared}, observed ${c.observed}`;
  const body = [summary, ...findings.map((f) => findingLine(f, show))].join('\n');
  if (c.verdict === 'violated') return { ...base, failure: { '@_message': summary, '@_type': 'violated', '#text': body } };
  if (c.verdict === 'unverified') return { ...base, skipped: { '@_message': `unverified: ${c.observed}` }, 'system-out': body };
  return { ...base, 'system-out': `${c.verdict}: ${body}` };
}

/** GitLab drops testcases with the same classname and name, so each carries its place, numbered when that repeats. */
function problemCases(findings: Finding[], show: (file: string) => string): XmlNode[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const place = `${show(f.file)}:${f.line}:${f.column} ${f.ruleId}`;
    const n = (seen.get(place) ?? 0) + 1;
    seen.set(place, n);
    const base: XmlNode = {
      '@_classname': `${toolName}.configuration`,
      '@_name': n === 1 ? place : `${place} (${n})`,
      '@_file': show(f.file),
      '@_time': '0',
    };
    const text = findingLine(f, show);
    return f.severity === 'error'
      ? { ...base, failure: { '@_message': f.message, '@_type': f.ruleId, '#text': text } }
      : { ...base, 'system-out': text };
  });
}
