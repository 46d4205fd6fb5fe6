import { splitKindPrefix } from './discover/recognise-kind.js';
import path from 'node:path';
import { Chalk } from 'chalk';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { nearestKey } from './config/nearest-key.js';
import { parseRuleOverride } from './config/rule-overrides.js';
import { UsageError } from './config/types.js';
import type { Language } from './describe/describe.js';
import { errorsOnly } from './engine/errors-only.js';
import { decideExitCode, EXIT_OK, EXIT_USAGE } from './engine/exit-code.js';
import { lint } from './engine/lint.js';
import { loadConfigAndPlugins } from './engine/load-config-and-plugins.js';
import { loadPlugins } from './engine/load-plugins.js';
import type { Rule } from './engine/types.js';
import { formatSize, parseSize } from './files/file-problem.js';
import { DEFAULT_MAX_FILE_SIZE } from './files/regular-file.js';
import { appendToolFile, toolPathKind, writeToolFile } from './files/tool-files.js';
import { builtinRules, findRule } from './engine/rule-registry.js';
import { colorLevel } from './reporters/color-level.js';
import { loadReporter, reporterNames } from './reporters/index.js';
import { neutraliseBlock } from './reporters/neutralise.js';
import { toolName, toolVersion } from './reporters/tool-info.js';

/** A stream the CLI writes to: process.stdout or a test's collector. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  cwd: string;
  env: Record<string, string | undefined>;
}

/** The flags of the default command, as commander hands them over. */
interface LintFlags {
  root: string;
  config?: string;
  policy?: string;
  format: string;
  outputFile?: string;
  maxWarnings?: number;
  quiet?: boolean;
  rule?: string[];
  color?: boolean;
  /** false with --no-inline-config. */
  inlineConfig: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  maxFileSize?: number;
  fix?: boolean;
  fixDryRun?: boolean;
  plugin?: string[];
}

/** The flags with which `rules`, `explain` and `docs` find the plugins: the configuration's, and --plugin. */
interface PluginFlags {
  config?: string;
  plugin?: string[];
}

/**
 * Runs privacy-lint with `argv` as in process.argv (node, script, args...) and returns the exit
 * code. Never exits the process: bin/privacy-lint.js sets process.exitCode from it.
 */
export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const cli: CliIo = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    cwd: io.cwd ?? process.cwd(),
    env: io.env ?? process.env,
  };
  let exitCode: number = EXIT_OK;
  const program = buildProgram(cli, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'node' });
    return exitCode;
  } catch (error) {
    return reportFailure(error, cli);
  }
}

function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (through configureOutput); --help and
    // --version end up here too, with exit code 0.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  // Messages quote paths and values as given: shown, never obeyed by the terminal (neutralise.ts).
  if (error instanceof UsageError) {
    io.stderr.write(`${toolName}: ${neutraliseBlock(error.message)}\n`);
    // A plugin that fails to load is named without a stack; DEBUG=1 shows where it failed.
    const cause = error.cause;
    if (io.env.DEBUG && cause instanceof Error && cause.stack !== undefined) io.stderr.write(`${cause.stack}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${toolName}: internal error: ${neutraliseBlock(message)}\n`);
  if (io.env.DEBUG && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
  return EXIT_USAGE;
}

const epilogue = `
Exit codes:
  0  no error findings, and warnings within --max-warnings
  1  error findings, or more warnings than --max-warnings
  2  the tool could not do its job: bad arguments, an invalid configuration or
     policy, a path that does not exist, or an internal error

Examples:
  privacy-lint --root / --config /etc/privacy-lint.config.yaml
  privacy-lint --root ./etc-copy --format json -o report.json
  privacy-lint --root ./etc-copy --fix-dry-run > fixes.diff
  privacy-lint --root ./etc-copy --baseline privacy-lint-baseline.json --update-baseline`;

function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command(toolName);
  // Set before the subcommands are added: they copy these settings when created.
  program
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`${toolName}: ${neutraliseBlock(text.replace(/^error: /, ''))}`),
      getOutHelpWidth: () => io.stdout.columns ?? 80,
      getErrHelpWidth: () => io.stderr.columns ?? 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showHelpAfterError(`(run ${toolName} --help for usage)`)
    // Program options stop at a subcommand, so `rules --format json` is the subcommand's.
    .enablePositionalOptions();

  program
    .description("Check that an XMPP server keeps the promises of its privacy policy.")
    .argument('[paths...]', 'files or directories to lint (default: --root)')
    .option('--root <dir>', 'root of the filesystem to check', '/')
    .option('--config <file>', 'tool configuration (default: search from cwd)')
    .option('--policy <file>', "declared policy (overrides the config's policy)")
    .option('-f, --format <name>', `report format: ${reporterNames.join(', ')}, or a reporter module (./file.js, package)`, 'stylish')
    .option('-o, --output-file <file>', 'write the report to a file, not stdout')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', parseMaxWarnings)
    .option('--quiet', 'report errors only, not warnings and infos')
    .option('--rule <id=severity>', 'rule severity: error|warning|info|off (repeatable)', collectRule)
    .option('--plugin <name|path>', 'load a plugin: a package name or a path (repeatable)', collect)
    .option('--no-inline-config', 'ignore privacy-lint-disable comments in configs')
    .option('--baseline <file>', 'ignore the findings recorded in this baseline file')
    .option('--update-baseline', 'write the --baseline file from the current findings, exit 0')
    .option('--fix-dry-run', 'print the suggested edits as a unified diff (paths relative to --root); change nothing')
    .option('--fix', 'apply the suggested edits inside --root (atomically), then report what remains')
    .option('--max-file-size <size>', `refuse larger config files with a finding (default ${formatSize(DEFAULT_MAX_FILE_SIZE)})`, parseMaxFileSize)
    .option('--color', 'colour the report even when not on a terminal')
    .option('--no-color', 'never colour the report')
    .version(toolVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', epilogue)
    .action(async (paths: string[], flags: LintFlags) => {
      setExitCode(await runLint(paths, flags, io));
    });

  program
    .command('rules')
    .description('list rules: id, claims, severity, description')
    .option('-f, --format <name>', 'output format: text or json', 'text')
    .option('--config <file>', 'tool configuration whose plugins to include (default: search from cwd)')
    .option('--plugin <name|path>', 'include a plugin (repeatable)', collect)
    .option('--color', 'colour the list even when not on a terminal')
    .option('--no-color', 'never colour the list')
    .action(async (flags: { format: string } & PluginFlags, command: Command) => {
      const rules = await rulesWithPlugins(flags, io);
      const { formatRuleList, formatRuleListJson } = await import('./reporters/rule-list.js');
      if (flags.format === 'json') io.stdout.write(formatRuleListJson(rules));
      else if (flags.format === 'text') io.stdout.write(formatRuleList(rules, chalkFor(io, command)));
      else throw new UsageError(`unknown format "${flags.format}" for rules; available formats: text, json`);
    });

  program
    .command('explain')
    .description("show a rule's documentation")
    .argument('<id>', 'rule id, as listed by `privacy-lint rules`')
    .option('--config <file>', 'tool configuration whose plugins to include (default: search from cwd)')
    .option('--plugin <name|path>', 'include a plugin (repeatable)', collect)
    .option('--color', 'colour the text even when not on a terminal')
    .option('--no-color', 'never colour the text')
    .action(async (id: string, flags: PluginFlags, command: Command) => {
      const rules = await rulesWithPlugins(flags, io);
      const rule = findRule(rules, id);
      if (rule === undefined) throw new UsageError(unknownRuleMessage(id, rules.map((r) => r.meta.id)));
      const { formatRuleDocs } = await import('./reporters/rule-docs.js');
      io.stdout.write(formatRuleDocs(rule, chalkFor(io, command)));
    });

  program
    .command('init')
    .description('write privacy-lint.config.yaml declaring what the server under --root does now')
    .option('--root <dir>', 'root of the filesystem to read', '/')
    .option('--force', 'replace an existing privacy-lint.config.yaml')
    .action(async (flags: { root: string; force?: boolean }) => {
      if (flags.root.trim() === '') throw new UsageError('--root is empty: name the directory that holds the system to read (/ for this one)');
      const root = existingPath(io.cwd, flags.root, '--root', 'directory');
      const { init } = await import('./init/init.js');
      const written = await init({ cwd: io.cwd, root, force: flags.force === true });
      const what = written.extendsRecommended
        ? 'no server configuration found: it extends the recommended profile'
        : `${written.declared} claims declared, ${written.leftOut} left out (see the comments)`;
      io.stderr.write(`${toolName}: wrote ${written.file}: ${what}\n`);
    });

  program
    .command('provider-file')
    .description('print the XMPP Providers storage fields the configs under --root guarantee, per XMPP domain')
    .option('--root <dir>', 'root of the filesystem to read', '/')
    .option('--merge <file>', 'update this provider file (xmpp-provider-v2.json), keeping its other fields and key order')
    .option('--domain <domain>', 'the XMPP domain whose figures --merge writes, when the configs serve several')
    .action(async (flags: { root: string; merge?: string; domain?: string }) => {
      if (flags.root.trim() === '') throw new UsageError('--root is empty: name the directory that holds the system to read (/ for this one)');
      const root = existingPath(io.cwd, flags.root, '--root', 'directory');
      const merge = flags.merge === undefined ? undefined : existingPath(io.cwd, flags.merge, '--merge', 'any');
      const { providerFile } = await import('./provider-file/provider-file-command.js');
      const output = await providerFile({ root, ...(merge !== undefined && { merge }), ...(flags.domain !== undefined && { domain: flags.domain }) });
      io.stdout.write(output.stdout);
      for (const note of output.notes) io.stderr.write(`${toolName}: ${neutraliseBlock(note)}\n`);
    });

  program
    .command('docs')
    .description("write a plugin's rule documentation pages (as `npm run docs` does for the built-in rules)")
    .requiredOption('--plugin <name|path>', 'the plugin to document (repeatable)', collect)
    .requiredOption('-o, --output-dir <dir>', 'where to write README.md and one page per rule')
    .action(async (flags: { plugin: string[]; outputDir: string }) => {
      // Only the plugins named: the configuration (and its policy) plays no part in their docs.
      const plugins = await loadPlugins(pluginPaths(io.cwd, flags.plugin), io.cwd);
      const { writeRuleDocs } = await import('./reporters/write-rule-docs.js');
      const written = writeRuleDocs(path.resolve(io.cwd, flags.outputDir), plugins.rules);
      io.stderr.write(`${toolName}: wrote ${written} files to ${flags.outputDir}\n`);
    });

  program
    .command('describe')
    .description('write the "what we store and for how long" section of a privacy policy, as Markdown, from the configs')
    .option('--root <dir>', 'root of the filesystem to describe', '/')
    .option('--config <file>', 'tool configuration, for its versions and sources (its policy is not used)')
    .option('--lang <language>', `language of the text: ${LANGUAGE_NAMES.join(', ')}`, parseLanguage, 'en')
    .option('-o, --output-file <file>', 'write the text to a file, not stdout')
    .action(async (flags: { root: string; config?: string; lang: Language; outputFile?: string }) => {
      if (flags.root.trim() === '') throw new UsageError('--root is empty: name the directory that holds the system to describe (/ for this one)');
      const root = existingPath(io.cwd, flags.root, '--root', 'directory');
      const { describeServer } = await import('./describe/describe-server.js');
      const text = await describeServer({
        cwd: io.cwd,
        root,
        language: flags.lang,
        ...(flags.config !== undefined && { configFile: path.resolve(io.cwd, flags.config) }),
      });
      if (flags.outputFile !== undefined) writeReport(path.resolve(io.cwd, flags.outputFile), text);
      else io.stdout.write(text);
    });

  return program;
}

/**
 * `describe --lang`'s choices, without loading describe's phrase tables (and their Intl number
 * formats) into every run: `satisfies` fails the build when describe.ts gains or drops a language.
 */
const LANGUAGE_NAMES = Object.keys({ en: true, de: true } satisfies Record<Language, true>) as readonly Language[];

function parseLanguage(value: string): Language {
  if ((LANGUAGE_NAMES as readonly string[]).includes(value)) return value as Language;
  throw new InvalidArgumentError(`expected one of ${LANGUAGE_NAMES.join(', ')}.`);
}

async function runLint(paths: string[], flags: LintFlags, io: CliIo): Promise<number> {
  // Everything that can be refused is checked before linting, which may read many files.
  if (flags.updateBaseline && flags.baseline === undefined) {
    throw new UsageError('--update-baseline needs --baseline FILE: the file to write');
  }
  if (flags.fix && flags.fixDryRun) throw new UsageError('--fix and --fix-dry-run exclude each other: --fix-dry-run shows what --fix would change');
  if ((flags.fix || flags.fixDryRun) && flags.updateBaseline) throw new UsageError('--fix and --fix-dry-run cannot be combined with --update-baseline');
  const report = await loadReporter(flags.format, io.cwd);
  if (flags.root.trim() === '') throw new UsageError('--root is empty: name the directory that holds the system to check (/ for this one)');
  const root = existingPath(io.cwd, flags.root, '--root', 'directory');
  const targets: string[] = [];
  for (const p of paths) {
    // `nginx:./site.conf` names the kind of a file whose place and content do not tell it.
    const prefixed = toolPathKind(path.resolve(io.cwd, p)) === undefined ? splitKindPrefix(p) : undefined;
    targets.push(prefixed ? `${prefixed.name}:${existingPath(io.cwd, prefixed.path, 'path', 'any')}` : existingPath(io.cwd, p, 'path', 'any'));
  }

  const options = {
    cwd: io.cwd,
    root,
    paths: targets,
    ...(flags.config !== undefined && { configFile: path.resolve(io.cwd, flags.config) }),
    ...(flags.policy !== undefined && { policyFile: path.resolve(io.cwd, flags.policy) }),
    ruleOverrides: flags.rule ?? [],
    ...(flags.plugin !== undefined && { plugins: pluginPaths(io.cwd, flags.plugin) }),
    // The rule-error finding names the rule and the message; the stack is for the rule's author.
    ...(io.env.DEBUG && {
      onRuleError: (ruleId: string, error: unknown) => {
        if (error instanceof Error && error.stack !== undefined) io.stderr.write(`${toolName}: rule ${ruleId} failed: ${error.stack}\n`);
      },
    }),
    ...(!flags.inlineConfig && { inlineConfig: false }),
    ...(flags.baseline !== undefined && { baseline: { file: path.resolve(io.cwd, flags.baseline), update: flags.updateBaseline === true } }),
    ...(flags.maxFileSize !== undefined && { maxFileSize: flags.maxFileSize }),
  };
  let result = await lint(options);
  // The fixer (and its diff package) is loaded only for a run that fixes.
  const fixer = flags.fix || flags.fixDryRun ? { ...(await import('./fix/fix-plan.js')), ...(await import('./fix/describe-fixes.js')) } : undefined;
  if (flags.fixDryRun && fixer) {
    const { planFixes, planDiff, describeFixes } = fixer;
    const plan = planFixes(result.findings, root);
    io.stdout.write(planDiff(plan, root));
    io.stderr.write(describeFixes(plan, undefined, root));
    return decideExitCode(result.summary, flags.maxWarnings).code;
  }
  if (flags.fix && fixer) {
    const { planFixes, writePlan, describeFixes } = fixer;
    const plan = planFixes(result.findings, root);
    io.stderr.write(describeFixes(plan, writePlan(plan, root), root));
    // Judged again from the files as they are now: the report and exit code say what remains.
    result = await lint(options);
  }
  const shown = flags.quiet ? errorsOnly(result) : result;

  const level = colorLevel({
    flag: flags.color,
    env: io.env,
    isTTY: io.stdout.isTTY === true,
    toFile: flags.outputFile !== undefined,
  });
  const context = { cwd: io.cwd, chalk: new Chalk({ level }), env: io.env };
  const text = await report(shown, context);
  if (flags.outputFile !== undefined) writeReport(path.resolve(io.cwd, flags.outputFile), text);
  else io.stdout.write(text);
  // GitHub shows the step summary on the run's page; annotations alone are capped per step.
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (flags.format === 'github' && summaryFile) {
    const markdown = await (await loadReporter('markdown', io.cwd))(shown, context);
    appendReport(path.resolve(io.cwd, summaryFile), markdown);
  }

  if (flags.updateBaseline) {
    // Every current finding is now accepted: the run succeeded at what it was asked to do.
    const recorded = (result.suppressed ?? []).filter((f) => f.suppressions?.some((s) => s.kind === 'external')).length;
    io.stderr.write(`${toolName}: wrote ${recorded} findings to the baseline ${flags.baseline}\n`);
    return EXIT_OK;
  }
  const decision = decideExitCode(shown.summary, flags.maxWarnings);
  if (decision.tooManyWarnings !== undefined) io.stderr.write(`${toolName}: ${decision.tooManyWarnings}\n`);
  return decision.code;
}

function existingPath(cwd: string, given: string, what: string, kind: 'directory' | 'any'): string {
  const absolute = path.resolve(cwd, given);
  const found = toolPathKind(absolute);
  if (found === undefined) throw new UsageError(`${what} ${given} does not exist${absolute === given ? '' : ` (${absolute})`}`);
  if (kind === 'directory' && found !== 'directory') throw new UsageError(`${what} ${given} is not a directory`);
  return absolute;
}

function writeReport(file: string, text: string): void {
  try {
    writeToolFile(file, text);
  } catch (error) {
    throw new UsageError(`cannot write the report to ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function appendReport(file: string, text: string): void {
  try {
    appendToolFile(file, text);
  } catch (error) {
    throw new UsageError(`cannot append the summary to ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseMaxFileSize(value: string): number {
  const size = parseSize(value);
  if (size === undefined) throw new InvalidArgumentError('expected a size such as 16MiB, 512KiB or 1000000.');
  return size;
}

function parseMaxWarnings(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected an integer >= 0.');
  return Number(value);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** --plugin ./x.js is relative to the working folder; a bare name is a package. */
function pluginPaths(cwd: string, specifiers: string[]): string[] {
  return specifiers.map((s) => (/^\.\.?[\\/]/.test(s) || path.isAbsolute(s) ? path.resolve(cwd, s) : s));
}

/** Built-in rules and those of the configuration's plugins and --plugin, for `rules` and `explain`. */
async function rulesWithPlugins(flags: PluginFlags, io: CliIo): Promise<Rule[]> {
  const { plugins } = await loadConfigAndPlugins({
    cwd: io.cwd,
    ruleOverrides: [],
    ...(flags.config !== undefined && { configFile: path.resolve(io.cwd, flags.config) }),
    ...(flags.plugin !== undefined && { plugins: pluginPaths(io.cwd, flags.plugin) }),
  });
  return [...builtinRules(), ...plugins.rules];
}

function collectRule(value: string, previous: string[] | undefined): string[] {
  // Checked now so a typo fails before linting; lint receives the text as given.
  parseRuleOverride(value);
  return [...(previous ?? []), value];
}

/** Colour for `rules` and `explain`: the program's --color/--no-color, else the terminal. */
function chalkFor(io: CliIo, command: Command): InstanceType<typeof Chalk> {
  // The subcommand's own --color/--no-color, else the program's (`privacy-lint --no-color rules`).
  const own = command.opts<{ color?: boolean }>().color;
  const color = own ?? command.optsWithGlobals<{ color?: boolean }>().color;
  return new Chalk({ level: colorLevel({ flag: color, env: io.env, isTTY: io.stdout.isTTY === true, toFile: false }) });
}

function unknownRuleMessage(id: string, ids: string[]): string {
  if (ids.length === 0) return `unknown rule "${id}"; no rules are available`;
  const nearest = nearestKey(id, ids);
  const hint = nearest === undefined ? '' : ` Did you mean "${nearest}"?`;
  return `unknown rule "${id}".${hint}\nAvailable rules: ${ids.join(', ')}`;
}
