import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Chalk } from 'chalk';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { nearestKey } from './config/nearest-key.js';
import { parseRuleOverride } from './config/rule-overrides.js';
import { UsageError } from './config/types.js';
import { errorsOnly } from './engine/errors-only.js';
import { decideExitCode, EXIT_OK, EXIT_USAGE } from './engine/exit-code.js';
import { lint } from './engine/lint.js';
import { builtinRules, findRule } from './engine/rule-registry.js';
import { colorLevel } from './reporters/color-level.js';
import { getReporter, reporterNames } from './reporters/index.js';
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
  if (error instanceof UsageError) {
    io.stderr.write(`${toolName}: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${toolName}: internal error: ${message}\n`);
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
  privacy-lint --root ./etc-copy --format json -o report.json`;

function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command(toolName);
  // Set before the subcommands are added: they copy these settings when created.
  program
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`${toolName}: ${text.replace(/^error: /, '')}`),
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
    .option('-f, --format <name>', `report format: ${reporterNames.join(', ')}`, 'stylish')
    .option('-o, --output-file <file>', 'write the report to a file, not stdout')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', parseMaxWarnings)
    .option('--quiet', 'report errors only, not warnings and infos')
    .option('--rule <id=severity>', 'rule severity: error|warning|info|off (repeatable)', collectRule)
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

  return program;
}

async function runLint(paths: string[], flags: LintFlags, io: CliIo): Promise<number> {
  // Everything that can be refused is checked before linting, which may read many files.
  const report = getReporter(flags.format);
  const root = await existingPath(io.cwd, flags.root, '--root', 'directory');
  const targets: string[] = [];
  for (const p of paths) targets.push(await existingPath(io.cwd, p, 'path', 'any'));

  const result = await lint({
    cwd: io.cwd,
    root,
    paths: targets,
    ...(flags.config !== undefined && { configFile: path.resolve(io.cwd, flags.config) }),
    ...(flags.policy !== undefined && { policyFile: path.resolve(io.cwd, flags.policy) }),
    ruleOverrides: flags.rule ?? [],
  });
  const shown = flags.quiet ? errorsOnly(result) : result;

  const level = colorLevel({
    flag: flags.color,
    env: io.env,
    isTTY: io.stdout.isTTY === true,
    toFile: flags.outputFile !== undefined,
  });
  const text = report(shown, { cwd: io.cwd, chalk: new Chalk({ level }) });
  if (flags.outputFile !== undefined) await writeReport(path.resolve(io.cwd, flags.outputFile), text);
  else io.stdout.write(text);

  const decision = decideExitCode(shown.summary, flags.maxWarnings);
  if (decision.tooManyWarnings !== undefined) io.stderr.write(`${toolName}: ${decision.tooManyWarnings}\n`);
  return decision.code;
}

async function existingPath(cwd: string, given: string, what: string, kind: 'directory' | 'any'): Promise<string> {
  // path.resolve would turn "" into the current directory: an unset variable in a script
  // (`--root "$ROOT"`) must not lint whatever directory the job happens to run in.
  if (given === '') throw new UsageError(`${what} is empty: give a path (. for the current directory)`);
  const absolute = path.resolve(cwd, given);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(absolute)).isDirectory();
  } catch {
    throw new UsageError(`${what} ${given} does not exist${absolute === given ? '' : ` (${absolute})`}`);
  }
  if (kind === 'directory' && !isDirectory) throw new UsageError(`${what} ${given} is not a directory`);
  return absolute;
}

async function writeReport(file: string, text: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot write the report to ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
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
