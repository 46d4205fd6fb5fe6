import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Chalk } from 'chalk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { loadReporter, reporterNames } from '../../src/reporters/index.js';
import { parseJsonReport } from '../helpers/json-report.js';
import { parseCheckstyle, parseGitlab, parseHtml, parseJunit, parseSarif, parseWorkflowCommands, rawControl } from './parse-report.js';

/**
 * A server whose config values and file names carry what breaks reports: ESC sequences (clear
 * screen, colours, an OSC 0 window title), BEL, NUL, newlines followed by `::error::` (a GitHub
 * workflow command), `##[` (its legacy form), `%0A`, `</testcase>`, `]]>` and quotes. Written at
 * test time, since such names are not something to keep in a repository.
 */
const hostileName = `evil\u001b[2J\n::warning::x %25 <'"]`;
const rootName = '::error file=r::root';
const policyName = `pol\u001b[31m\n::error::p].yaml`;
const files: Record<string, string> = {
  'etc/prosody/prosody.cfg.lua': [
    'Include "conf.d/*.cfg.lua"',
    'modules_enabled = { "mam" }',
    'archive_expires_after = "3w\\27[31m\\7\\0\\n::error file=x::pwned %0A </testcase> ]]> \\"q\\" \'s"',
    'log = { debug = "/var/log/\\27]0;title\\7\\n##[error]x.log" }',
    '',
  ].join('\n'),
  [`etc/prosody/conf.d/${hostileName}.cfg.lua`]: [
    'Component "conference.example.org" "muc"',
    '  modules_enabled = { "muc_mam" }',
    '  muc_log_expires_after = "30 minutes\\27[2J\\n::error::muc ]]></failure>"',
    '',
  ].join('\n'),
  [policyName]: 'versions:\n  prosody: "0.12"\npolicy:\n  ipAddresses:\n    stored: never\n  groupchatArchive:\n    retention: 21d\n  backups:\n    encrypted: true\n',
};

let cwd: string;
let result: LintResult;
const reports = new Map<string, string>();
const report = (name: string): string => reports.get(name) ?? '';

beforeAll(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'privacy-lint-hostile-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(cwd, rootName, name)), { recursive: true });
    await writeFile(path.join(cwd, rootName, name), text);
  }
  // The root's own name starts with `::`: stylish and JUnit start lines with paths relative to cwd.
  result = await lint({ cwd, root: path.join(cwd, rootName), paths: [], configFile: path.join(cwd, rootName, policyName), ruleOverrides: [] });
  const context = { cwd, chalk: new Chalk({ level: 0 }), env: {} };
  for (const name of reporterNames) reports.set(name, await (await loadReporter(name, cwd))(result, context));
  reports.set('stylish (colour)', await (await loadReporter('stylish', cwd))(result, { ...context, chalk: new Chalk({ level: 1 }) }));
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('a hostile config fed to every reporter', () => {
  it('reaches the reports: findings in the hostile file, the hostile log path and the hostile policy', () => {
    const files = new Set(result.findings.map((f) => path.relative(result.root, f.file)));
    expect(files).toContain(`etc/prosody/conf.d/${hostileName}.cfg.lua`);
    expect(files).toContain(policyName);
    expect(result.findings.some((f) => f.message.includes('\u001b]0;title\u0007\n##[error]'))).toBe(true);
    expect(result.findings.some((f) => f.message.includes('::error::muc ]]></failure>'))).toBe(true);
  });

  it('writes no control character in any format, even with colour off', () => {
    for (const name of reporterNames) expect(report(name), name).not.toMatch(rawControl);
  });

  it('with colour on, writes no ESC but the colour codes chalk adds', () => {
    expect(report('stylish (colour)').replace(/\u001b\[\d+m/g, '')).not.toMatch(rawControl);
  });

  it('starts no line with a workflow command and writes no ##[ outside the github format', () => {
    for (const name of [...reporterNames, 'stylish (colour)']) {
      const lines = report(name).split('\n');
      if (name !== 'github') expect(lines.filter((l) => l.trimStart().startsWith('::')), name).toEqual([]);
      expect(report(name), name).not.toContain('##[');
    }
  });

  it('github: one annotation per finding, no other command, values round-trip through the escaping', () => {
    const commands = parseWorkflowCommands(report('github'));
    expect(commands).toHaveLength(result.findings.length);
    expect(new Set(commands.map((c) => c.command))).toEqual(new Set(['error', 'warning']));
    expect(commands.map((c) => c.properties.file)).toContain(`\\x3a:error file=r::root/etc/prosody/conf.d/evil\\x1b[2J\\n::warning::x %25 <'"].cfg.lua`);
  });

  it('sarif: validates, and shows the escapes as text', () => {
    const log = parseSarif(report('sarif'));
    const texts = log.runs[0]!.results!.map((r) => r.message.text ?? '');
    expect(texts.some((t) => t.includes('/var/log/\\x1b]0;title\\x07\\n##\\x5berror]x.log'))).toBe(true);
  });

  it('junit and checkstyle: well-formed XML whose text and attributes read back as the findings say', () => {
    const junit = parseJunit(report('junit'));
    const cases = junit.testsuites.testsuite.flatMap((s) => s.testcase);
    expect(cases).toHaveLength(result.claims.length + result.findings.filter((f) => f.claim === undefined).length);
    const groupchat = cases.find((c) => c['@_name'] === 'groupchatArchive.retention');
    expect(groupchat?.failure?.['#text']).toContain('::error::muc ]]></failure>');

    const checkstyle = parseCheckstyle(report('checkstyle'));
    const messages = (checkstyle.checkstyle.file ?? []).flatMap((f) => f.error.map((e) => e['@_message']));
    expect(messages).toHaveLength(result.findings.length);
    expect(messages.some((m) => m.includes('"30 minutes\\u001b[2J\\n::error::muc ]]></failure>"'))).toBe(true);
  });

  it('gitlab and json: parse, one entry per finding', () => {
    expect(parseGitlab(report('gitlab'))).toHaveLength(result.findings.length);
    expect(parseJsonReport(report('json')).findings).toHaveLength(result.findings.length);
  });

  it('markdown: the table keeps one row per claim, and no value opens a tag', () => {
    const rows = report('markdown').split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(result.claims.length);
    expect(report('markdown')).not.toMatch(/(^|[^\\])<\//);
  });

  it('html: parses without error as a browser would; the hostile values are text, never tags, and read back as neutralised', () => {
    const page = parseHtml(report('html'));
    const tags = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'p', 'time', 'code', 'section', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'ol', 'li', 'pre', 'footer', 'svg', 'g', 'rect', 'line', 'text']);
    const seen = new Set<string>();
    const visit = (tag: string): void => {
      if (page.all(tag).length > 0) seen.add(tag);
    };
    for (const tag of [...tags, 'failure', 'testcase', 'script', 'a', 'img', 'link', 'iframe']) visit(tag);
    expect([...seen].filter((t) => !tags.has(t))).toEqual([]);
    const items = page.all('li').filter((l) => l.attrs.class === 'finding');
    expect(items).toHaveLength(result.findings.length);
    const texts = items.map((i) => i.text);
    expect(texts.some((t) => t.includes('/var/log/\\x1b]0;title\\x07\\n##\\x5berror]x.log'))).toBe(true);
    expect(texts.some((t) => t.includes('"30 minutes\\u001b[2J\\n::error::muc ]]></failure>"'))).toBe(true);
    // The hostile file name, shown as the finding's place, also reads back as its neutralised text.
    expect(texts.some((t) => t.includes(`evil\\x1b[2J\\n::warning::x %25 <'"].cfg.lua:`))).toBe(true);
  });
});
