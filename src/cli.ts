import path from 'node:path';
import { Chalk } from 'chalk';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { nearestKey } from './config/nearest-key.js';
import { parseRuleOverride } from './config/rule-overrides.js';
import { UsageError } from './config/types.js';
import { describeServer } from './describe/describe-server.js';
import { LANGUAGES, type Language } from './describe/describe.js';
import { errorsOnly } from './engine/errors-only.js';
import { decideExitCode, EXIT_OK, EXIT_USAGE } from './engine/exit-code.js';
import { lint } from './engine/lint.js';
import { formatSize, parseSize } from './files/file-problem.js';
import { DEFAULT_MAX_FILE_SIZE } from './files/regular-file.js';
import { appendToolFile, toolPathKind, writeToolFile } from './files/tool-files.js';
import { builtinRules, findRule } from './engine/rule-registry.js';
import { colorLevel } from './reporters/color-level.js';
import { loadReporter, reporterNames } from './reporters/index.js';
import { neutraliseBlock } from './reporters/neutralise.js';
import { formatRuleDocs } from './reporters/rule-docs.js';
import { formatRuleList, formatRuleListJson } from './reporters/rule-list.js';
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
    .option('--no-inline-config', 'ignore privacy-lint-disable comments in configs')
    .option('--baseline <file>', 'ignore the findings recorded in this baseline file')
    .option('--update-baseline', 'write the --baseline file from the current findings, exit 0')
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
    .option('--color', 'colour the list even when not on a terminal')
    .option('--no-color', 'never colour the list')
    .action((flags: { format: string }, command: Command) => {
      const rules = builtinRules();
      if (flags.format === 'json') io.stdout.write(formatRuleListJson(rules));
      else if (flags.format === 'text') io.stdout.write(formatRuleList(rules, chalkFor(io, command)));
      else throw new UsageError(`unknown format "${flags.format}" for rules; available formats: text, json`);
    });

  program
    .command('explain')
    .description("show a rule's documentation")
    .argument('<id>', 'rule id, as listed by `privacy-lint rules`')
    .option('--color', 'colour the text even when not on a terminal')
    .option('--no-color', 'never colour the text')
    .action((id: string, _flags: object, command: Command) => {
      const rules = builtinRules();
      const rule = findRule(rules, id);
      if (rule === undefined) throw new UsageError(unknownRuleMessage(id, rules.map((r) => r.meta.id)));
      io.stdout.write(formatRuleDocs(rule, chalkFor(io, command)));
    });

  program
    .command('describe')
    .description('write the "what we store and for how long" section of a privacy policy, as Markdown, from the configs')
    .option('--root <dir>', 'root of the filesystem to describe', '/')
    .option('--config <file>', 'tool configuration, for its versions and sources (its policy is not used)')
    .option('--lang <language>', `language of the text: ${Object.keys(LANGUAGES).join(', ')}`, parseLanguage, 'en')
    .option('-o, --output-file <file>', 'write the text to a file, not stdout')
    .action(async (flags: { root: string; config?: string; lang: Language; outputFile?: string }) => {
      if (flags.root.trim() === '') throw new UsageError('--root is empty: name the directory that holds the system to describe (/ for this one)');
      const root = existingPath(io.cwd, flags.root, '--root', 'directory');
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

function parseLanguage(value: string): Language {
  if (value in LANGUAGES) return value as Language;
  throw new InvalidArgumentError(`expected one of ${Object.keys(LANGUAGES).join(', ')}.`);
}

async function runLint(paths: string[], flags: LintFlags, io: CliIo): Promise<number> {
  // Everything that can be refused is checked before linting, which may read many files.
  if (flags.updateBaseline && flags.baseline === undefined) {
    throw new UsageError('--update-baseline needs --baseline FILE: the file to write');
  }
  const report = await loadReporter(flags.format, io.cwd);
  if (flags.root.trim() === '') throw new UsageError('--root is empty: name the directory that holds the system to check (/ for this one)');
  const root = existingPath(io.cwd, flags.root, '--root', 'directory');
  const targets: string[] = [];
  for (const p of paths) targets.push(existingPath(io.cwd, p, 'path', 'any'));

  const result = await lint({
    cwd: io.cwd,
    root,
    paths: targets,
    ...(flags.config !== undefined && { configFile: path.resolve(io.cwd, flags.config) }),
    ...(flags.policy !== undefined && { policyFile: path.resolve(io.cwd, flags.policy) }),
    ruleOverrides: flags.rule ?? [],
    ...(!flags.inlineConfig && { inlineConfig: false }),
    ...(flags.baseline !== undefined && { baseline: { file: path.resolve(io.cwd, flags.baseline), update: flags.updateBaseline === true } }),
    ...(flags.maxFileSize !== undefined && { maxFileSize: flags.maxFileSize }),
  });
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
