import type { Diagnostic } from '../../../inventory/diagnostic.js';
import { fileDiagnostic } from '../../../files/file-diagnostic.js';
import type { RootFiles } from '../../../files/root-files.js';
import { baseName } from '../../scheduled-jobs/unwrap-command.js';
import type { Invocation } from '../borg/tool-invocations.js';
import { readEnvAssignments, type EnvAssignment } from './env-file.js';
import { TextCache } from '../../../arrays/text-cache.js';
import { unitFacts } from '../unit-facts.js';

const CRONTAB_ORIGINS = new Set(['crontab', 'cron.d', 'user-crontab']);
const NONE: readonly never[] = [];

/**
 * The environment a backup command (restic, borg, borgmatic) sees, as far as files show it: the job's systemd unit
 * (`Environment=`, `EnvironmentFile=`, systemd.exec(5)) or its crontab's `NAME=value` lines, files the script sources (`. FILE`,
 * `source FILE`) and assignments in the script itself, in that order (later wins). The map may be
 * shared with other commands: callers must not change it.
 */
export function jobEnvironment(
  files: RootFiles,
  inv: Invocation,
  filesRead: Set<string>,
  diagnostics: Diagnostic[],
): Map<string, EnvAssignment> {
  const unitLines = inv.job.origin === 'systemd-timer' && inv.job.file.endsWith('.service') ? unitEnvironmentLines(files, inv.job.file) : NONE;
  // crontab(5): `NAME=value` lines set the environment of the jobs below them.
  const crontabLines = CRONTAB_ORIGINS.has(inv.job.origin) ? crontabAssignments(files, inv.job.file).filter((a) => a.at.line < inv.job.commandAt.line) : NONE;
  if (unitLines.length === 0 && crontabLines.length === 0) return scriptEnvironment(files, inv, filesRead, diagnostics);
  const env = new Map<string, EnvAssignment>();
  const read = environmentReader(files, env, filesRead, diagnostics);
  for (const line of unitLines) {
    if (line.kind === 'file') read.file(line.path, line.optional, line.at);
    else read.add(line.assignments);
  }
  read.add(crontabLines);
  addScriptEnvironment(inv, read);
  return env;
}

interface EnvironmentReader {
  add: (list: readonly EnvAssignment[]) => void;
  file: (path: string, optional: boolean, at: EnvAssignment['at']) => void;
}

/** Adds assignments to `env`, and reads env files into it (reporting those it cannot read). */
function environmentReader(files: RootFiles, env: Map<string, EnvAssignment>, filesRead: Set<string>, diagnostics: Diagnostic[]): EnvironmentReader {
  const add = (list: readonly EnvAssignment[]): void => list.forEach((a) => env.set(a.name, a));
  const file = (path: string, optional: boolean, at: EnvAssignment['at']): void => {
    const loaded = files.load(path);
    const text = loaded.ok ? loaded.text : undefined;
    if (!loaded.ok && loaded.problem.kind !== 'absent') {
      diagnostics.push(fileDiagnostic(files, loaded.problem, at, `${path} is read for the backup job's environment`));
      return;
    }
    if (text === undefined) {
      if (!optional) diagnostics.push({ code: 'include-error', message: `${path} is read for the backup job's environment but is not under the root`, position: at });
      return;
    }
    filesRead.add(files.host(path));
    add(readEnvAssignments(text, files.host(path)));
  };
  return { add, file };
}

/** The script's part: the files it sources before the command, then its own assignments. */
function addScriptEnvironment(inv: Invocation, read: EnvironmentReader): void {
  // The files the script sources before this command (a script of 20,000 restic lines was walked
  // from its start for each of them: a hang the fuzzer found).
  const { sources, commandIndex } = scriptSources(inv.script.commands);
  const until = commandIndex.get(inv.words[0]) ?? Infinity;
  for (const source of sources) {
    if (source.index > until) break;
    read.file(source.target.value, false, inv.script.locate(source.target.start));
  }
  read.add(scriptAssignments(inv));
}

interface ScriptEnvironment {
  env: Map<string, EnvAssignment>;
  filesRead: Set<string>;
  diagnostics: Diagnostic[];
}

/**
 * The environment of a command whose job adds nothing to it (a unit without Environment= lines,
 * a crontab without assignments above the line): the script's part alone, worked out once per
 * command of a script and shared, with the files it read and what it reported repeated for each
 * job. 5,000 timers running one script's `borg create` each built the same map.
 */
function scriptEnvironment(files: RootFiles, inv: Invocation, filesRead: Set<string>, diagnostics: Diagnostic[]): Map<string, EnvAssignment> {
  let byCommand = scriptEnvironments.get(inv.script);
  if (byCommand === undefined) scriptEnvironments.set(inv.script, (byCommand = new WeakMap()));
  let found = byCommand.get(inv.words);
  if (found?.files !== files) {
    const made: ScriptEnvironment = { env: new Map(), filesRead: new Set(), diagnostics: [] };
    addScriptEnvironment(inv, environmentReader(files, made.env, made.filesRead, made.diagnostics));
    byCommand.set(inv.words, (found = { files, made }));
  }
  for (const d of found.made.diagnostics) diagnostics.push({ ...d });
  for (const f of found.made.filesRead) filesRead.add(f);
  return found.made.env;
}

/** By the script (a job's own line is a script object of its own) and the command's words. */
const scriptEnvironments = new WeakMap<Invocation['script'], WeakMap<Invocation['words'], { files: RootFiles; made: ScriptEnvironment }>>();

type ScriptCommands = Invocation['script']['commands'];
type Word = ScriptCommands[number]['words'][number];
const sourcesCache = new WeakMap<ScriptCommands, { sources: { index: number; target: Word }[]; commandIndex: Map<Word | undefined, number> }>();

/** Where a script sources files (`. FILE`, `source FILE`), and the index of each restic command, computed once per script. */
function scriptSources(commands: ScriptCommands): { sources: { index: number; target: Word }[]; commandIndex: Map<Word | undefined, number> } {
  let found = sourcesCache.get(commands);
  if (found === undefined) {
    found = { sources: [], commandIndex: new Map() };
    commands.forEach((c, index) => {
      const name = c.words[0]?.value;
      const target = c.words[1];
      if ((name === '.' || name === 'source') && target && target.value.startsWith('/')) found?.sources.push({ index, target });
      if (baseName(c.words[0]) === 'restic' && !found?.commandIndex.has(c.words[0])) found?.commandIndex.set(c.words[0], index);
    });
    sourcesCache.set(commands, found);
  }
  return found;
}

/**
 * A script's own assignments, located; read once per script however many backup commands it
 * runs (a script of 20,000 restic lines was read 20,000 times: a hang the fuzzer found).
 */
const scriptCache = new TextCache<{ text: string; found: EnvAssignment[] }>(1024);
function scriptAssignments(inv: Invocation): EnvAssignment[] {
  const cached = scriptCache.get(inv.script.file);
  // The same text is the same string: comparing it costs nothing when it was read once.
  if (cached?.text === inv.script.text) return cached.found;
  const found = readEnvAssignments(inv.script.text, inv.script.file).map((a) => ({ ...a, at: inv.script.locate(a.offset), valueAt: inv.script.locate(a.valueOffset) }));
  scriptCache.set(inv.script.file, { text: inv.script.text, found }, inv.script.text.length);
  return found;
}

/**
 * A crontab's `NAME=value` lines, read once per file (RootFiles' parse cache): every job of the
 * table asks for them, and reading the whole table again for each of 20,000 lines was quadratic
 * (a fuzzer's hang).
 */
export type UnitEnvironmentLine =
  | { kind: 'file'; path: string; optional: boolean; at: EnvAssignment['at'] }
  | { kind: 'assign'; assignments: EnvAssignment[] };

/**
 * A unit's `EnvironmentFile=` and `Environment=` lines in order, read once per unit text: a
 * service with thousands of ExecStart= lines has as many jobs, and each read the unit again.
 */
function unitEnvironmentLines(files: RootFiles, file: string): UnitEnvironmentLine[] {
  // Asked for each backup command of each job: the unit's host path is looked up once, not
  // normalised and loaded again for every command (5,000 timers running one script's borg).
  const facts = unitFacts(files, file);
  if (facts.environment === undefined) {
    const { loaded } = facts;
    // Most units set no environment: their lines need not be matched one by one.
    facts.environment = !loaded.ok || !loaded.text.includes('Environment') ? [] : files.parsed(loaded, 'unit-environment', readUnitEnvironmentLines);
  }
  return facts.environment;

  function readUnitEnvironmentLines(unit: string): UnitEnvironmentLine[] {
    const lines: UnitEnvironmentLine[] = [];
    unit.split('\n').forEach((line, i) => {
      const at = { file, line: i + 1, column: 1 };
      const envFile = /^\s*EnvironmentFile\s*=\s*(-?)(\S+)/.exec(line);
      if (envFile) lines.push({ kind: 'file', path: envFile[2] as string, optional: envFile[1] === '-', at });
      const assign = /^(\s*Environment\s*=\s*)(.*)$/.exec(line);
      if (assign) {
        const prefix = (assign[1] as string).length;
        const assignments = readEnvAssignments((assign[2] as string).replace(/^"(.*)"$/, '$1'), file).map((a) => ({
          ...a,
          at: { ...at, column: prefix + 1 },
          valueAt: { ...at, column: prefix + a.valueAt.column },
        }));
        lines.push({ kind: 'assign', assignments });
      }
    });
    return lines;
  }
}

function crontabAssignments(files: RootFiles, file: string): EnvAssignment[] {
  // Once per crontab by its host path, however many of its lines run a backup command.
  return files.remembered('crontab-environment', file, () => {
    const loaded = files.loadHost(file);
    return loaded.ok ? files.parsed(loaded, 'crontab-environment', (text) => readEnvAssignments(text, file)) : [];
  });
}
