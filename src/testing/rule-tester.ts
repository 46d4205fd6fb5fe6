import { AssertionError } from 'node:assert';
import path from 'node:path';
import { makeToolTempDirectory, removeToolDirectory, writeToolFile } from '../files/tool-files.js';
import { lint } from '../engine/lint.js';
import type { Plugin } from '../engine/plugin.js';
import { builtinRules } from '../engine/rule-registry.js';
import type { Finding, LintResult, Rule, Verdict } from '../engine/types.js';

/** One case: a config tree given inline, under a root, and the policy to judge it against. */
export interface RuleTestCase {
  /** Shown as the test's name; defaults to the file names. */
  name?: string;
  /** Paths under the root (`etc/prosody/prosody.cfg.lua`) and their text. */
  files: Record<string, string>;
  /** The policy, as in a configuration's `policy:` (`{ groupchat: { publicLogs: false } }`). */
  policy: Record<string, unknown>;
  /** Verdicts to assert, by claim (`{ 'groupchat.publicLogs': 'violated' }`). */
  verdicts?: Record<string, Verdict>;
}

/** A finding the rule must report; only the fields given are compared. */
export interface ExpectedFinding {
  message?: string | RegExp;
  /** Relative to the root (`etc/prosody/prosody.cfg.lua`). */
  file?: string;
  line?: number;
  column?: number;
  suggestion?: string | RegExp;
  severity?: Finding['severity'];
}

export interface InvalidRuleTestCase extends RuleTestCase {
  /** The findings the rule reports, in report order (file, line, column), or how many. */
  errors: ExpectedFinding[] | number;
}

type TestFunction = (name: string, fn: () => Promise<void> | void) => unknown;

interface Framework {
  describe?: TestFunction | undefined;
  it?: TestFunction | undefined;
}

/**
 * Runs a rule on small config trees, as ESLint's RuleTester does: each case's files are written
 * to a temporary root and linted through the same pipeline and confined file layer as the CLI,
 * and the rule's findings (and the verdicts asked for) are compared with the expected ones.
 * Cases run under the test framework's describe/it when they are global (or set on
 * RuleTester.describe / RuleTester.it); otherwise `await tester.run(...)` runs them and throws
 * at the first failure.
 */
export class RuleTester {
  static describe: TestFunction | undefined;
  static it: TestFunction | undefined;

  readonly #plugins: Plugin[];

  constructor(options: { plugins?: Plugin[] } = {}) {
    this.#plugins = options.plugins ?? [];
  }

  run(name: string, rule: Rule, cases: { valid?: RuleTestCase[]; invalid?: InvalidRuleTestCase[] }): Promise<void> {
    const { describe, it } = framework();
    const pending: Promise<void>[] = [];
    const each = (title: string, fn: () => Promise<void>): void => {
      if (it) it(title, fn);
      else pending.push(fn());
    };
    const body = (): void => {
      (cases.valid ?? []).forEach((c, i) => each(`valid #${i + 1}: ${c.name ?? Object.keys(c.files).join(', ')}`, () => this.#check(rule, c, [])));
      (cases.invalid ?? []).forEach((c, i) => each(`invalid #${i + 1}: ${c.name ?? Object.keys(c.files).join(', ')}`, () => this.#check(rule, c, c.errors)));
    };
    if (describe && it) describe(name, body);
    else body();
    return Promise.all(pending).then(() => undefined);
  }

  async #check(rule: Rule, testCase: RuleTestCase, expected: ExpectedFinding[] | number): Promise<void> {
    const { ruleId, pluginObjects } = this.#placement(rule);
    const dir = makeToolTempDirectory('privacy-lint-rule-tester-');
    try {
      const root = path.join(dir, 'root');
      writeToolFile(path.join(root, '.keep'), '');
      for (const [file, text] of Object.entries(testCase.files)) writeToolFile(underRoot(root, file), text);
      const configFile = path.join(dir, 'privacy-lint.config.json');
      writeToolFile(configFile, JSON.stringify({ policy: testCase.policy }));
      const result = await lint({ cwd: dir, root, paths: [], configFile, ruleOverrides: [], pluginObjects });
      const actual = result.findings.filter((f) => f.ruleId === ruleId || (f.ruleId === 'rule-error' && f.message.includes(` ${ruleId} `)));
      compareFindings(ruleId, root, expected, actual);
      compareVerdicts(testCase.verdicts, result, actual, root);
    } finally {
      removeToolDirectory(dir);
    }
  }

  /** The rule's id in a run and the plugins to load: its plugin's, else a built-in, else a `test` plugin holding it. */
  #placement(rule: Rule): { ruleId: string; pluginObjects: Plugin[] } {
    const owner = this.#plugins.find((p) => p.rules.includes(rule));
    if (owner) return { ruleId: `${owner.name}/${rule.meta.id.replace(`${owner.name}/`, '')}`, pluginObjects: this.#plugins };
    if (builtinRules().some((r) => r.meta.id === rule.meta.id && r.check === rule.check)) return { ruleId: rule.meta.id, pluginObjects: this.#plugins };
    return { ruleId: `test/${rule.meta.id}`, pluginObjects: [...this.#plugins, { name: 'test', rules: [rule] }] };
  }
}

function framework(): Framework {
  const globals = globalThis as Framework;
  return { describe: RuleTester.describe ?? globals.describe, it: RuleTester.it ?? globals.it };
}

function underRoot(root: string, file: string): string {
  const target = path.resolve(root, file.replace(/^\/+/, ''));
  if (!target.startsWith(root + path.sep)) throw new Error(`RuleTester: file ${file} is outside the root`);
  return target;
}

function shown(root: string, f: Finding): string {
  const file = path.isAbsolute(f.file) && f.file.startsWith(root + path.sep) ? path.relative(root, f.file) : f.file;
  return `${file}:${f.line}:${f.column} ${f.severity} ${f.message}${f.suggestion ? ` (suggestion: ${f.suggestion})` : ''}`;
}

function expectedText(e: ExpectedFinding): string {
  const place = [e.file, e.line, e.column].map((p) => p ?? '*').join(':');
  // A RegExp shows as /source/flags, as String() writes it.
  return `${place} ${e.severity ?? '*'} ${String(e.message ?? '*')}${e.suggestion ? ` (suggestion: ${String(e.suggestion)})` : ''}`;
}

function fail(message: string, expected: unknown, actual: unknown): never {
  throw new AssertionError({ message, expected, actual, operator: 'deepStrictEqual' });
}

function compareFindings(ruleId: string, root: string, expected: ExpectedFinding[] | number, actual: Finding[]): void {
  const actualLines = actual.map((f) => shown(root, f));
  const count = typeof expected === 'number' ? expected : expected.length;
  const expectedLines = typeof expected === 'number' ? [`${expected} finding(s)`] : expected.map(expectedText);
  const report = (why: string): never =>
    fail(`${ruleId}: ${why}\nexpected:\n${expectedLines.map((l) => `  ${l}`).join('\n') || '  (none)'}\nactual:\n${actualLines.map((l) => `  ${l}`).join('\n') || '  (none)'}`, expectedLines, actualLines);
  if (actual.length !== count) report(`expected ${count} finding(s), got ${actual.length}`);
  if (typeof expected === 'number') return;
  expected.forEach((e, i) => {
    const f = actual[i] as Finding;
    const file = path.isAbsolute(f.file) && f.file.startsWith(root + path.sep) ? path.relative(root, f.file) : f.file;
    const matches = (want: string | RegExp | undefined, got: string | undefined): boolean =>
      want === undefined || (typeof want === 'string' ? want === got : got !== undefined && want.test(got));
    if (!matches(e.message, f.message)) report(`finding #${i + 1} has another message`);
    if (e.file !== undefined && e.file !== file) report(`finding #${i + 1} is in another file`);
    if (e.line !== undefined && e.line !== f.line) report(`finding #${i + 1} is on line ${f.line}, not ${e.line}`);
    if (e.column !== undefined && e.column !== f.column) report(`finding #${i + 1} is at column ${f.column}, not ${e.column}`);
    if (!matches(e.suggestion, f.suggestion)) report(`finding #${i + 1} has another suggestion`);
    if (e.severity !== undefined && e.severity !== f.severity) report(`finding #${i + 1} has severity ${f.severity}, not ${e.severity}`);
  });
}

function compareVerdicts(expected: Record<string, Verdict> | undefined, result: LintResult, findings: Finding[], root: string): void {
  if (!expected) return;
  const actual = Object.fromEntries(Object.keys(expected).map((claim) => [claim, result.claims.find((c) => c.claim === claim)?.verdict ?? 'not declared']));
  for (const claim of Object.keys(expected)) {
    if (actual[claim] !== expected[claim]) {
      const why = result.claims.find((c) => c.claim === claim)?.observed ?? '';
      fail(`verdict of ${claim}: expected ${String(expected[claim])}, got ${String(actual[claim])}${why ? ` (${why})` : ''}\nfindings:\n${findings.map((f) => `  ${shown(root, f)}`).join('\n') || '  (none)'}`, expected, actual);
    }
  }
}
