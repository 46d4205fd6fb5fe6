import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/config/types.js';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { parseJsonReport } from '../helpers/json-report.js';
import { parseSarif } from '../reporters/parse-report.js';
import { runCli, type CliRun, type CliRunOptions } from '../helpers/run-cli.js';
import { sampleResult } from '../reporters/sample-result.js';

// The real pipeline is tested on its own; here lint hands back a prepared result.
vi.mock('../../src/engine/lint.js', () => ({ lint: vi.fn() }));
vi.mock('../../src/engine/rule-registry.js', async () => {
  const { archiveRule, loggingRule, parseErrorRule } = await import('../reporters/sample-rule.js');
  return {
    builtinRules: () => [archiveRule, loggingRule, parseErrorRule],
    findRule: (rules: { meta: { id: string } }[], id: string) => rules.find((r) => r.meta.id === id),
  };
});

const lintMock = vi.mocked(lint);
let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'privacy-lint-cli-'));
  await mkdir(path.join(cwd, 'etc-copy/etc/prosody'), { recursive: true });
  await writeFile(path.join(cwd, 'etc-copy/etc/prosody/prosody.cfg.lua'), 'modules_enabled = { "mam" }\n');
  lintMock.mockReset();
  lintMock.mockResolvedValue(sampleResult(cwd));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function run(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  return runCli(args, cwd, options);
}

/** The sample result with only the findings of the given severities, and counts to match. */
function withFindings(...severities: string[]): LintResult {
  const result = sampleResult(cwd);
  result.findings = result.findings.filter((f) => severities.includes(f.severity));
  result.summary = {
    ...result.summary,
    errors: result.findings.filter((f) => f.severity === 'error').length,
    warnings: result.findings.filter((f) => f.severity === 'warning').length,
    infos: result.findings.filter((f) => f.severity === 'info').length,
  };
  return result;
}

describe('privacy-lint (lint)', () => {
  it('exits 1 on error findings and prints the stylish report', async () => {
    const { code, stdout, stderr } = await run(['--root', 'etc-copy']);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toContain('etc-copy/etc/prosody/prosody.cfg.lua\n  12:1   error    messages are archived');
    expect(stdout).toContain('✖ 3 problems (2 errors, 1 warning), 1 info');
  });

  it('passes absolute root, paths, config and policy, and every --rule, to lint', async () => {
    await run([
      '--root', 'etc-copy', '--config', 'privacy-lint.config.yaml', '--policy', '../policy.yaml',
      '--rule', 'ip-address-logging=off', '--rule', 'parse-error=warning', 'etc-copy/etc/prosody',
    ]);
    expect(lintMock).toHaveBeenCalledWith({
      cwd,
      root: path.join(cwd, 'etc-copy'),
      paths: [path.join(cwd, 'etc-copy/etc/prosody')],
      configFile: path.join(cwd, 'privacy-lint.config.yaml'),
      policyFile: path.join(path.dirname(cwd), 'policy.yaml'),
      ruleOverrides: ['ip-address-logging=off', 'parse-error=warning'],
    });
  });

  it('defaults --root to / and passes no config or policy when none is given', async () => {
    await run([]);
    expect(lintMock).toHaveBeenCalledWith({ cwd, root: '/', paths: [], ruleOverrides: [] });
  });

  it('exits 0 when there are no error findings and no --max-warnings', async () => {
    lintMock.mockResolvedValue(withFindings('warning', 'info'));
    expect((await run(['--root', 'etc-copy'])).code).toBe(0);
    lintMock.mockResolvedValue(withFindings());
    const clean = await run(['--root', 'etc-copy']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('✔ no problems');
  });

  it('exits 1 with more warnings than --max-warnings, and says so on stderr', async () => {
    lintMock.mockResolvedValue(withFindings('warning'));
    const over = await run(['--root', 'etc-copy', '--max-warnings', '0']);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('privacy-lint: too many warnings (1, max 0)\n');
    const within = await run(['--root', 'etc-copy', '--max-warnings', '1']);
    expect(within.code).toBe(0);
    expect(within.stderr).toBe('');
  });

  it.each(['abc', '-1', '1.5', ''])('refuses --max-warnings %j with exit 2', async (value) => {
    const { code, stderr } = await run(['--root', 'etc-copy', '--max-warnings', value]);
    expect(code).toBe(2);
    expect(stderr).toContain('privacy-lint: ');
    expect(stderr).toContain('--max-warnings');
    expect(stderr).toContain('expected an integer >= 0');
    expect(lintMock).not.toHaveBeenCalled();
  });

  it('--quiet drops warnings and infos from report and summary, and from the exit decision', async () => {
    lintMock.mockResolvedValue(withFindings('warning', 'info'));
    const onlyWarnings = await run(['--root', 'etc-copy', '--quiet', '--max-warnings', '0', '--format', 'json']);
    expect(onlyWarnings.code).toBe(0);
    const report = parseJsonReport(onlyWarnings.stdout);
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, infos: 0 });

    lintMock.mockResolvedValue(sampleResult(cwd));
    const withErrors = await run(['--root', 'etc-copy', '--quiet']);
    expect(withErrors.code).toBe(1);
    expect(withErrors.stdout).not.toContain('debug logging writes client IP addresses');
    expect(withErrors.stdout).not.toContain('has no modules_enabled');
    expect(withErrors.stdout).toContain('✖ 2 problems (2 errors, 0 warnings)');
  });

  it('writes the JSON report with paths relative to the current directory, options after the paths too', async () => {
    const { code, stdout } = await run(['etc-copy/etc/prosody', '--root', 'etc-copy', '--format', 'json']);
    expect(code).toBe(1);
    const report = parseJsonReport(stdout);
    expect(report.root).toBe('etc-copy');
    expect(report.findings[0]?.file).toBe('etc-copy/etc/prosody/prosody.cfg.lua');
  });

  it('exits 2 naming --root when it does not exist, before linting', async () => {
    const { code, stderr } = await run(['--root', 'no-such-dir']);
    expect(code).toBe(2);
    expect(stderr).toBe(`privacy-lint: --root no-such-dir does not exist (${path.join(cwd, 'no-such-dir')})\n`);
    expect(lintMock).not.toHaveBeenCalled();
  });

  it('exits 2 when --root is a file', async () => {
    const { code, stderr } = await run(['--root', 'etc-copy/etc/prosody/prosody.cfg.lua']);
    expect(code).toBe(2);
    expect(stderr).toBe('privacy-lint: --root etc-copy/etc/prosody/prosody.cfg.lua is not a directory\n');
  });

  it('exits 2 on an empty --root, which would otherwise mean the working directory', async () => {
    const { code, stderr } = await run(['--root', '']);
    expect(code).toBe(2);
    expect(stderr).toBe('privacy-lint: --root is empty: name the directory that holds the system to check (/ for this one)\n');
    expect(lintMock).not.toHaveBeenCalled();
  });

  it('passes --max-file-size to lint in bytes, and exits 2 on a size it cannot read', async () => {
    await run(['--root', 'etc-copy', '--max-file-size', '2MiB']);
    // 2 MiB = 2 × 1024 × 1024 bytes; a bare M is SI: 500k = 500 × 1000.
    expect(lintMock).toHaveBeenLastCalledWith(expect.objectContaining({ maxFileSize: 2097152 }));
    await run(['--root', 'etc-copy', '--max-file-size', '500k']);
    expect(lintMock).toHaveBeenLastCalledWith(expect.objectContaining({ maxFileSize: 500000 }));
    const bad = await run(['--root', 'etc-copy', '--max-file-size', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("option '--max-file-size <size>' argument 'lots' is invalid. expected a size such as 16MiB, 512KiB or 1000000.");
  });

  it('exits 2 naming a path argument that does not exist', async () => {
    const { code, stderr } = await run(['--root', 'etc-copy', 'etc-copy/etc/prosody/prosody.cfg.lua', 'etc-copy/etc/ejabberd']);
    expect(code).toBe(2);
    expect(stderr).toContain('privacy-lint: path etc-copy/etc/ejabberd does not exist');
    expect(lintMock).not.toHaveBeenCalled();
  });

  it('exits 2 on an unknown format, listing the available ones', async () => {
    const { code, stderr } = await run(['--root', 'etc-copy', '-f', 'xml']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'privacy-lint: unknown format "xml"; available formats: stylish, json, sarif, junit, checkstyle, github, gitlab, markdown, html, or a reporter module (./file.js or a package name)\n',
    );
    expect(lintMock).not.toHaveBeenCalled();
  });

  it('exits 2 on an unknown option, through commander, without exiting the process', async () => {
    const { code, stdout, stderr } = await run(['--bogus']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("privacy-lint: unknown option '--bogus'");
    expect(stderr).toContain('(run privacy-lint --help for usage)');
  });

  it('exits 2 on an option without its value', async () => {
    const { code, stderr } = await run(['--root']);
    expect(code).toBe(2);
    expect(stderr).toContain("privacy-lint: option '--root <dir>' argument missing");
  });

  it('exits 2 on a --rule that is not ID=SEVERITY, or names no severity, before linting', async () => {
    const shape = await run(['--root', 'etc-copy', '--rule', 'ip-address-logging']);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain('privacy-lint: --rule "ip-address-logging": expected ID=SEVERITY');
    const severity = await run(['--root', 'etc-copy', '--rule', 'parse-error=loud']);
    expect(severity.code).toBe(2);
    expect(severity.stderr).toContain('privacy-lint: --rule "parse-error=loud": "loud" is not a severity');
    expect(lintMock).not.toHaveBeenCalled();
  });

  it('exits 2 with the message of a UsageError thrown by lint', async () => {
    lintMock.mockRejectedValue(new UsageError('privacy-lint.config.yaml: messageArchive.retention: "soon" is not a duration'));
    const { code, stdout, stderr } = await run(['--root', 'etc-copy']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('privacy-lint: privacy-lint.config.yaml: messageArchive.retention: "soon" is not a duration\n');
  });

  it('exits 2 on an unexpected exception, with the stack only when DEBUG is set', async () => {
    lintMock.mockRejectedValue(new TypeError('cannot read properties of undefined'));
    const quiet = await run(['--root', 'etc-copy']);
    expect(quiet.code).toBe(2);
    expect(quiet.stderr).toBe('privacy-lint: internal error: cannot read properties of undefined\n');
    const debug = await run(['--root', 'etc-copy'], { env: { DEBUG: '1' } });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^privacy-lint: internal error: cannot read properties of undefined\nTypeError: cannot read properties of undefined\n\s+at /);
  });

  it('--output-file writes the report, creating parent directories, and prints nothing on stdout', async () => {
    const { code, stdout } = await run(['--root', 'etc-copy', '-f', 'json', '-o', 'reports/today/report.json']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const report = parseJsonReport(await readFile(path.join(cwd, 'reports/today/report.json'), 'utf8'));
    expect(report.summary.errors).toBe(2);
  });

  it('-f github annotates on stdout and appends the Markdown report to GITHUB_STEP_SUMMARY', async () => {
    await writeFile(path.join(cwd, 'summary.md'), '# earlier step\n');
    const env = { GITHUB_WORKSPACE: cwd, GITHUB_STEP_SUMMARY: path.join(cwd, 'summary.md') };
    const { code, stdout } = await run(['--root', 'etc-copy', '-f', 'github'], { env });
    expect(code).toBe(1);
    expect(stdout.split('\n')[1]).toMatch(/^::error file=etc-copy\/etc\/prosody\/prosody\.cfg\.lua,line=12,col=1,title=privacy-lint%3A message-archive-retention::/);
    const summary = await readFile(path.join(cwd, 'summary.md'), 'utf8');
    expect(summary.startsWith('# earlier step\n## privacy-lint: 1 of 4 claims violated, 2 errors, 1 warning\n')).toBe(true);
  });

  it('-f sarif -o writes SARIF that validates, with paths relative to the working directory', async () => {
    const { code, stdout } = await run(['--root', 'etc-copy', '-f', 'sarif', '-o', 'privacy-lint.sarif']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const log = parseSarif(await readFile(path.join(cwd, 'privacy-lint.sarif'), 'utf8'));
    expect(log.runs[0]!.results![1]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('etc-copy/etc/prosody/prosody.cfg.lua');
  });

  it('-f ./reporter.mjs runs a custom reporter from the working directory', async () => {
    await writeFile(path.join(cwd, 'reporter.mjs'), 'export default async (result) => `${result.summary.errors} errors\n`;\n');
    const { code, stdout } = await run(['--root', 'etc-copy', '-f', './reporter.mjs']);
    expect([code, stdout]).toEqual([1, '2 errors\n']);
  });

  it('shows control characters of a path in an error message as escapes', async () => {
    const { code, stderr } = await run(['--root', 'x\u001b]0;title\u0007', '--bogus\u001b[2J']);
    expect(code).toBe(2);
    expect(stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    const missing = await run(['--root', 'x\u001b[2J']);
    expect(missing.stderr).toMatch(/^privacy-lint: --root x\\x1b\[2J does not exist/);
  });

  it('exits 2 when the report cannot be written', async () => {
    const { code, stderr } = await run(['--root', 'etc-copy', '-o', 'etc-copy/etc/prosody/prosody.cfg.lua/report.txt']);
    expect(code).toBe(2);
    expect(stderr).toContain('privacy-lint: cannot write the report to');
  });
});

describe('colour', () => {
  const escape = '\u001b[';

  it('colours a terminal and not a pipe', async () => {
    expect((await run(['--root', 'etc-copy'], { isTTY: true })).stdout).toContain(escape);
    expect((await run(['--root', 'etc-copy'])).stdout).not.toContain(escape);
  });

  it('obeys --color, --no-color, NO_COLOR and FORCE_COLOR', async () => {
    expect((await run(['--root', 'etc-copy', '--color'])).stdout).toContain(escape);
    expect((await run(['--root', 'etc-copy', '--no-color'], { isTTY: true })).stdout).not.toContain(escape);
    expect((await run(['--root', 'etc-copy'], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(escape);
    expect((await run(['--root', 'etc-copy'], { env: { FORCE_COLOR: '1' } })).stdout).toContain(escape);
  });

  it('does not colour a report file unless asked', async () => {
    await run(['--root', 'etc-copy', '-o', 'report.txt'], { isTTY: true });
    expect(await readFile(path.join(cwd, 'report.txt'), 'utf8')).not.toContain(escape);
    await run(['--root', 'etc-copy', '-o', 'report.txt', '--color']);
    expect(await readFile(path.join(cwd, 'report.txt'), 'utf8')).toContain(escape);
  });
});

describe('privacy-lint rules', () => {
  it('lists the rules as a table', async () => {
    const { code, stdout } = await run(['rules']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^id\s+claims\s+severity\s+description$/);
    expect(stdout).toContain('ip-address-logging         ipAddresses.stored, ipAddresses.retention  warning');
    expect(lintMock).not.toHaveBeenCalled();
  });

  it('lists the rules as JSON', async () => {
    const { code, stdout } = await run(['rules', '--format', 'json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { id: string }[]).map((r) => r.id)).toEqual([
      'message-archive-retention',
      'ip-address-logging',
      'parse-error',
    ]);
  });

  it('refuses an unknown format for rules', async () => {
    const { code, stderr } = await run(['rules', '--format', 'xml']);
    expect(code).toBe(2);
    expect(stderr).toBe('privacy-lint: unknown format "xml" for rules; available formats: text, json\n');
  });
});

describe('privacy-lint explain', () => {
  it("prints a rule's documentation", async () => {
    const { code, stdout } = await run(['explain', 'message-archive-retention']);
    expect(code).toBe(0);
    expect(stdout).toContain('message-archive-retention (error by default)\n');
    expect(stdout).toContain('Claims: messageArchive.retention');
    expect(stdout).toContain('Why\n  Users are told how long their messages stay on the server.');
    expect(stdout).toContain('Sources\n  - Prosody 0.12 modules/mod_mam/mod_mam.lua:46');
  });

  it('exits 2 on an unknown id, suggesting the nearest and listing all', async () => {
    const { code, stdout, stderr } = await run(['explain', 'message-archiv-retention']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'privacy-lint: unknown rule "message-archiv-retention". Did you mean "message-archive-retention"?\n' +
        'Available rules: message-archive-retention, ip-address-logging, parse-error\n',
    );
  });

  it('exits 2 without an id', async () => {
    const { code, stderr } = await run(['explain']);
    expect(code).toBe(2);
    expect(stderr).toContain("missing required argument 'id'");
  });
});

describe('help and version', () => {
  it('--help describes the tool, its options, exit codes and examples, and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(lintMock).not.toHaveBeenCalled();
    expect(stdout).toMatch(/^Usage: privacy-lint \[options\] \[command\] \[paths\.\.\.\]\n/);
    expect(stdout).toContain("Check that an XMPP server keeps the promises of its privacy policy.");
    for (const flag of ['--root <dir>', '--config <file>', '--policy <file>', '-f, --format <name>', '-o, --output-file <file>',
      '--max-warnings <n>', '--quiet', '--rule <id=severity>', '--color', '--no-color', '-v, --version']) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toContain('rules [options]');
    expect(stdout).toContain('explain [options] <id>');
    expect(stdout).toContain('Exit codes:\n  0  no error findings');
    expect(stdout).toContain('  privacy-lint --root / --config /etc/privacy-lint.config.yaml\n');
    expect(stdout).toContain('  privacy-lint --root ./etc-copy --format json -o report.json\n');
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const { code, stdout } = await run(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${pkg.version}\n`);
  });
});
