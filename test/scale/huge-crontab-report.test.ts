/**
 * Issue 14: a 70 KB crontab with 20,000 bad lines and one 30,000-character line made the stylish
 * reporter pad every message to the longest one, ending in "Invalid string length" after 700 MB
 * and no report at all. Through the CLI, as a user runs it: the report is written, its lines are
 * bounded, and the diagnostics past the cap are counted rather than listed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'privacy-lint-huge-crontab-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a crontab of 20,000 bad lines after one 30,000-character line', () => {
  it('gives a stylish report of bounded lines, listing the first 100 errors and counting the rest', async () => {
    mkdirSync(path.join(work, 'root/etc/cron.d'), { recursive: true });
    // Line 1: a minute field of 30,000 characters; lines 2 to 20,001: "x", each a bad minute field.
    writeFileSync(path.join(work, 'root/etc/cron.d/broken'), `${'y'.repeat(30_000)} 3 * * * root true\n${'x\n'.repeat(20_000)}`);
    writeFileSync(path.join(work, 'policy.yaml'), 'policy:\n  backups:\n    encrypted: true\n');
    const run = await runCli(['--root', 'root', '--config', 'policy.yaml', '--no-color'], work);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    const errors = lines.filter((l) => l.endsWith('parse-error'));
    // The first 100 parse errors of the file (the cap per file and kind), then one line counting the others.
    expect(errors).toHaveLength(101);
    expect(errors[0]).toMatch(/^ {2}1:1 +error +Invalid minute field +parse-error$/);
    // The field quoted in the message follows under the message column, 80 characters a line.
    const first = lines.indexOf(errors[0] as string);
    expect(lines[first + 1]).toMatch(/^ +"y{79}$/);
    expect(lines[first + 2]).toMatch(/^ +y{80}$/);
    // 20,001 bad lines, 100 listed: the 101st line's error says how many more.
    expect(errors[100]).toMatch(/^ {2}101:1 +error +…and 19,901 more parse-error problems in this file/);
    // The 30,000-character field is wrapped to the 80-character column, never padding other lines:
    // every line is at most the position, severity, 80 characters of message and the rule id wide.
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(160);
    expect(run.stdout.length).toBeLessThan(30_000 + 500 * 160);
  }, 120_000);
});
