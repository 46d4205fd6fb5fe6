import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { reporterNames } from '../../src/reporters/index.js';
import { parseJsonReport } from '../helpers/json-report.js';
import { repoRoot } from '../helpers/lint-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { designFormats, invocations, readYaml, runScript, shimDir } from './recipe-helpers.js';

// The recipes run the whole pipeline, some of them through a shell: no tight timeout.
vi.setConfig({ testTimeout: 120_000 });

const temporary: string[] = [];
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'privacy-lint-recipe-'));
  temporary.push(dir);
  return dir;
}

const demo = path.join(repoRoot, 'fixtures', 'demo');
const shared = path.join(repoRoot, '..', 'shared', 'DESIGN.md');

/** The argv with an output format this build does not have yet replaced by json, to check the rest. */
function withKnownFormat(argv: string[]): string[] {
  const i = argv.indexOf('--format');
  return i >= 0 && !reporterNames.includes(argv[i + 1] as string) ? argv.map((a, j) => (j === i + 1 ? 'json' : a)) : argv;
}

// What the tests read of each recipe file.
interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: { id?: string; name?: string; uses?: string; run?: string; with?: Record<string, string> }[] };
}
interface GitlabCi {
  variables: Record<string, string>;
  'privacy-lint': { script: string[]; artifacts: { when: string; reports: Record<string, string> } };
}
interface Hook {
  id: string;
  entry: string;
  args?: string[];
}
interface Play {
  vars: Record<string, unknown>;
  tasks: { name: string; delegate_to?: string; 'ansible.builtin.command'?: { argv: string[] } }[];
}

/** What is there, or a failure naming what is not (instead of a TypeError further on). */
function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

describe('GitHub Action (action.yml)', () => {
  it('is a composite action with root, config and format inputs that sets up Node, installs privacy-lint from npm and uploads SARIF', async () => {
    const action = await readYaml<Action>('action.yml');
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['root', 'config', 'format']));
    expect(action.inputs.format?.default).toBe('sarif');
    const uses = action.runs.steps.map((s) => s.uses).filter(Boolean);
    expect(uses).toEqual(['actions/setup-node@v4', 'github/codeql-action/upload-sarif@v3']);
    const install = action.runs.steps.find((s) => s.name === 'Install privacy-lint');
    expect(install?.run).toBe('npm install --global "privacy-lint@${VERSION}"');
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    expect(upload?.with?.sarif_file).toBe('${{ inputs.output-file }}');
  });

  it.skipIf(!existsSync(shared))('names only formats DESIGN.md lists', async () => {
    const action = await readYaml<Action>('action.yml');
    expect(await designFormats()).toContain(action.inputs.format?.default);
  });

  it('its run step lints the root with the config and records the exit code (the demo breaks promises: 1)', async () => {
    const action = await readYaml<Action>('action.yml');
    const step = present(action.runs.steps.find((s) => s.id === 'lint')?.run, 'the run of the step with id lint');
    const { dir, log } = await shimDir();
    temporary.push(dir);
    const work = await tempDir();
    const declared = present(action.inputs.format?.default, 'the default of input format');
    const format = reporterNames.includes(declared) ? declared : 'json';
    const env = {
      PATH: `${dir}:${process.env.PATH ?? ''}`,
      ROOT: demo,
      CONFIG: path.join(demo, 'privacy-lint.config.yaml'),
      FORMAT: format,
      BASELINE: '',
      OUTPUT: path.join(work, 'report'),
      GITHUB_OUTPUT: path.join(work, 'github-output'),
    };
    expect(await runScript('bash', step, work, env)).toBe(0);
    expect(await readFile(env.GITHUB_OUTPUT, 'utf8')).toBe('exit-code=1\n');
    expect(await invocations(log)).toEqual([['--root', demo, '--format', format, '--output-file', env.OUTPUT, '--config', env.CONFIG]]);
    const report = await readFile(env.OUTPUT, 'utf8');
    if (format === 'json') expect(parseJsonReport(report).summary.errors).toBeGreaterThan(0);
  });
});

describe('GitLab CI template (ci/gitlab/privacy-lint.gitlab-ci.yml)', () => {
  it('publishes the junit and codequality reports the script writes, also when the job fails', async () => {
    const ci = await readYaml<GitlabCi>('ci/gitlab/privacy-lint.gitlab-ci.yml');
    const job = ci['privacy-lint'];
    expect(job.artifacts.when).toBe('always');
    expect(job.artifacts.reports).toEqual({ junit: 'privacy-lint-junit.xml', codequality: 'gl-code-quality-report.json' });
    const script = job.script.join('\n');
    expect(script).toContain('--format gitlab --output-file gl-code-quality-report.json');
    expect(script).toContain('--format junit --output-file privacy-lint-junit.xml');
  });

  it.skipIf(!existsSync(shared))('names only formats DESIGN.md lists', async () => {
    const formats = await designFormats();
    expect(formats).toContain('gitlab');
    expect(formats).toContain('junit');
  });

  it('its script runs valid privacy-lint command lines and fails the job with the first exit code', async () => {
    const ci = await readYaml<GitlabCi>('ci/gitlab/privacy-lint.gitlab-ci.yml');
    const [install, lint] = ci['privacy-lint'].script;
    expect(install).toBe('npm install --global "privacy-lint@${PRIVACY_LINT_VERSION}"');
    const { dir, log } = await shimDir();
    temporary.push(dir);
    const work = await tempDir();
    const env = { ...ci.variables, PATH: `${dir}:${process.env.PATH ?? ''}`, PRIVACY_LINT_ROOT: demo, PRIVACY_LINT_CONFIG: path.join(demo, 'privacy-lint.config.yaml') };
    const code = await runScript('sh', present(lint, 'the job\'s second script line'), work, env);
    const calls = await invocations(log);
    expect(calls.map((c) => c.slice(4))).toEqual([
      ['--format', 'gitlab', '--output-file', 'gl-code-quality-report.json'],
      ['--format', 'junit', '--output-file', 'privacy-lint-junit.xml'],
      ['--no-color'],
    ]);
    // Each command line is one this CLI accepts: with a format this build has, it lints (exit 1: the demo breaks promises).
    for (const argv of calls) expect((await runCli(withKnownFormat(argv), work)).code).toBe(1);
    if (reporterNames.includes('gitlab') && reporterNames.includes('junit')) {
      expect(code).toBe(1);
      expect((JSON.parse(await readFile(path.join(work, 'gl-code-quality-report.json'), 'utf8')) as unknown[]).length).toBeGreaterThan(0);
      expect(await readFile(path.join(work, 'privacy-lint-junit.xml'), 'utf8')).toMatch(/^<\?xml/);
    } else {
      // Until the gitlab reporter exists, the first run is refused (exit 2) and the job fails with it.
      expect(code).toBe(2);
    }
  });
});

describe('pre-commit hooks (.pre-commit-hooks.yaml)', () => {
  it('declares a hook for a tree of templates or rendered configs and one for etckeeper', async () => {
    const hooks = await readYaml<Hook[]>('.pre-commit-hooks.yaml');
    expect(hooks.map((h) => h.id)).toEqual(['privacy-lint', 'privacy-lint-etckeeper']);
    for (const hook of hooks) {
      // The privacy-lint installed on the machine (npm install --global privacy-lint) runs.
      expect(hook).toMatchObject({ language: 'system', pass_filenames: false });
    }
    // etckeeper's work tree is the live /etc: the root is the system itself.
    expect(hooks[1]?.entry).toBe('privacy-lint --root /');
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin['privacy-lint']).toBe('bin/privacy-lint.js');
  });

  it('the privacy-lint hook, run in a repository laid out like the server, lints it and fails on broken promises', async () => {
    const hooks = await readYaml<Hook[]>('.pre-commit-hooks.yaml');
    const hook = present(hooks[0], 'the first hook');
    const argv = [...hook.entry.split(' ').slice(1), ...(hook.args ?? [])];
    const repo = await tempDir();
    await cp(demo, repo, { recursive: true });
    // The configuration is found from the repository's root, as pre-commit runs hooks there.
    const result = await runCli([...argv, '--no-color'], repo);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Policy: privacy-lint.config.yaml');
    expect(result.stdout).toContain('etc/prosody/conf.d/example.org.cfg.lua');
  });

  it('the etckeeper hook with the documented args is a valid command line (run here on a copy, not on /)', async () => {
    const hooks = await readYaml<Hook[]>('.pre-commit-hooks.yaml');
    const argv = [...present(hooks[1], 'the second hook').entry.split(' ').slice(1), '--config', path.join(demo, 'privacy-lint.config.yaml')];
    // The later --root wins in commander: the same command line, pointed at the demo tree.
    const result = await runCli([...argv, '--root', demo, '--format', 'json'], repoRoot);
    expect(result.code).toBe(1);
    expect(parseJsonReport(result.stdout).root).toBe('fixtures/demo');
  });
});

describe('Ansible example (examples/ansible/)', () => {
  const example = path.join(repoRoot, 'examples', 'ansible');

  /**
   * What the playbook's render tasks write: each template with the playbook's variables. The
   * templates use only `{{ name }}` substitutions (checked), so replacing them is Jinja's output.
   */
  async function render(overrides: Record<string, string> = {}): Promise<{ root: string; argv: string[] }> {
    const playbook = present((await readYaml<Play[]>('examples/ansible/playbook.yml'))[0], 'the play');
    const vars: Record<string, unknown> = { ...playbook.vars, ...overrides };
    const root = await tempDir();
    for (const item of vars.rendered as { src: string; dest: string }[]) {
      const template = await readFile(path.join(example, item.src), 'utf8');
      expect(template).not.toMatch(/\{%|\{#|\{\{[^}]*\|/);
      const text = template.replace(/\{\{ (\w+) \}\}/g, (_m, name: string) => String(vars[name]));
      await mkdir(path.join(root, path.dirname(item.dest)), { recursive: true });
      await writeFile(path.join(root, item.dest), text);
    }
    const lintTask = present(playbook.tasks.find((t) => t.name.startsWith('Lint')), 'the Lint task');
    const argv = present(lintTask['ansible.builtin.command'], 'the Lint task\'s command').argv
      .map((a) => a.replace('{{ render_root }}', root).replace('{{ playbook_dir }}', example))
      .slice(1);
    expect(lintTask.delegate_to).toBe('localhost');
    return { root, argv };
  }

  it('lints the rendered files before the copy task', async () => {
    const playbook = present((await readYaml<Play[]>('examples/ansible/playbook.yml'))[0], 'the play');
    const names = playbook.tasks.map((t) => t.name);
    expect(names.findIndex((n) => n.startsWith('Lint'))).toBeLessThan(names.findIndex((n) => n.startsWith('Copy')));
  });

  it('passes with the example variables and stops the play when a variable breaks a promise', async () => {
    const good = await render();
    expect((await runCli(good.argv, repoRoot)).code).toBe(0);
    const bad = await render({ archive_retention: '60d' });
    const result = await runCli([...bad.argv, '--no-color'], repoRoot);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('archive_expires_after = "60d"');
  });
});
