import { posix } from 'node:path';
import type { SourcePosition } from '../../../inventory/evidence.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { locatorFrom, type Locate } from '../../scheduled-jobs/recognise-cleanup.js';
import { dropInDirsOf } from '../../scheduled-jobs/load-unit.js';
import { RootFiles, type RootText } from '../../../files/root-files.js';
import { commandKey, commandPath, scriptText } from '../../scheduled-jobs/search-path.js';
import { groupInto } from '../../../arrays/group-into.js';
import { unitFacts } from '../unit-facts.js';
import { splitShell, type ShellWord, type SimpleCommand } from '../../scheduled-jobs/shell-words.js';
import { baseName, unwrapCommand } from '../../scheduled-jobs/unwrap-command.js';

/**
 * Where a backup tool is run by a scheduled job: on the job's own command line, or inside a
 * shell script the job runs (followed under --root, a few levels deep). The borg, borgmatic,
 * restic and autorestic readers share this so a job is matched the same way for each tool.
 */
export interface ScriptText {
  /** Absolute host path of the file holding the text. */
  file: string;
  text: string;
  locate: Locate;
  commands: readonly SimpleCommand[];
}

export interface Invocation {
  job: ScheduledJob;
  /** The words from the tool's name on (wrappers such as sudo, nice, flock removed). */
  words: ShellWord[];
  /** The simple command before this one in a pipeline (`pg_dump x | restic backup --stdin`). */
  pipedFrom: SimpleCommand | undefined;
  script: ScriptText;
  at: SourcePosition;
}

const MAX_DEPTH = 3;
const SHELLS = new Set(['sh', 'bash', 'dash', 'ksh', 'zsh', 'ash']);

/** Drops `systemd-inhibit [options]` (systemd-inhibit(1)), which unwrapCommand does not know. */
function skipInhibit(words: ShellWord[]): ShellWord[] {
  if (baseName(words[0]) !== 'systemd-inhibit') return words;
  let i = 1;
  while (i < words.length && (words[i] as ShellWord).value.startsWith('-')) {
    const v = (words[i] as ShellWord).value;
    i += ['--who', '--what', '--why', '--mode'].includes(v) ? 2 : 1;
  }
  return words.slice(i);
}

/** A simple command of a text, wrappers removed; `offset` maps an offset in its words to one in the text. */
interface TextCommand {
  words: ShellWord[];
  pipedFrom: SimpleCommand | undefined;
  offset: (o: number) => number;
}

const sameOffset = (o: number): number => o;

/**
 * Every simple command of a text, wrappers removed, in order (the commands of an `sh -c '...'`
 * string where the wrapper stood), each with the map from its words' offsets to the text's.
 */
function commandsOf(commands: readonly SimpleCommand[], offset: (o: number) => number = sameOffset, depth = 0, out: TextCommand[] = []): TextCommand[] {
  let previous: SimpleCommand | undefined;
  for (const command of commands) {
    const pipedFrom = previous?.pipedToNext ? previous : undefined;
    previous = command;
    let words = skipInhibit(command.words);
    for (let hops = 0; hops < 5; hops++) {
      const u = unwrapCommand(words);
      if (!u) break;
      if (u.kind === 'words') {
        words = skipInhibit(u.words);
        continue;
      }
      if (depth < MAX_DEPTH) {
        const inner = u.script;
        commandsOf(splitShell(inner.value), (o) => offset(inner.offsets[o] ?? inner.start), depth + 1, out);
      }
      words = [];
      break;
    }
    if (words.length > 0) out.push({ words, pipedFrom, offset });
  }
  return out;
}

/** The script a command runs (`/usr/local/sbin/backup.sh`, `bash /root/b.sh`), if it is one under the root. */
function scriptRun(files: RootFiles, job: Pick<ScheduledJob, 'searchPath'>, words: ShellWord[]): string | undefined {
  const first = words[0]?.value ?? '';
  const viaShell = ['sh', 'bash', 'dash'].includes(baseName(words[0]));
  // `sh NAME` reads NAME from the working directory, not PATH; a bare command is found on PATH.
  const path = viaShell ? words[1]?.value : commandPath(files, job, first);
  if (path === undefined || !path.startsWith('/')) return undefined;
  const text = scriptText(files, path);
  if (text === undefined) return undefined;
  // Only shell scripts: `/usr/bin/borgmatic` is a Python script with a `#!` line too.
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  const interpreter = shebang ? posix.basename(shebang[1] === '/usr/bin/env' ? (shebang[2] ?? '') : (shebang[1] as string)) : undefined;
  if (viaShell) return path;
  if (interpreter !== undefined) return SHELLS.has(interpreter) ? path : undefined;
  return path.endsWith('.sh') ? path : undefined;
}

/** A command of a job's own text, not yet positioned: where the text stands is the job's. */
interface OwnCommand {
  tool: string;
  words: ShellWord[];
  pipedFrom: SimpleCommand | undefined;
  offset: (o: number) => number;
}

/**
 * What a job's text runs, the same for every job with that text and PATH: the commands of the
 * text itself, and those of the shell scripts reached from it (followed under --root, a few
 * levels deep), positioned in their files; `tools`, the distinct tools among them.
 */
interface CommandPlan {
  own: OwnCommand[];
  scripts: ScriptCommand[];
  tools: Set<string>;
}

/** A command of a script a job reaches: where it stands is the same for every job reaching it. */
interface ScriptCommand {
  tool: string;
  words: ShellWord[];
  pipedFrom: SimpleCommand | undefined;
  script: ScriptText;
  at: SourcePosition;
}

/**
 * The plan of each distinct job text and PATH, once per run: 10,000 cron lines and timers running
 * a handful of commands split, unwrapped and followed each of them, and every script they ran was
 * read into a new text object per job.
 */
function commandPlan(files: RootFiles, job: ScheduledJob): CommandPlan {
  return files.remembered('borg-command-plan', commandKey(job), () => planCommands(files, job));
}

function planCommands(files: RootFiles, job: ScheduledJob): CommandPlan {
  const plan: CommandPlan = { own: [], scripts: [], tools: new Set() };
  const seen = new Set<string>();
  // The scripts a text runs, depth first, each once per job text (as the shell would reach them).
  const follow = (found: TextCommand[], depth: number): void => {
    if (depth >= MAX_DEPTH) return;
    for (const c of found) {
      const path = scriptRun(files, job, c.words);
      if (path === undefined || seen.has(path)) continue;
      seen.add(path);
      const text = files.read(path) as string;
      const file = files.host(path);
      const script: ScriptText = { file, text, locate: locatorFrom(text, { file, line: 1, column: 1 }), commands: splitShell(text) };
      const inScript = commandsOf(script.commands);
      for (const s of inScript) {
        const locate: Locate = s.offset === sameOffset ? script.locate : (o) => script.locate(s.offset(o));
        const first = s.words[0] as ShellWord;
        plan.scripts.push({ tool: baseName(first), words: s.words, pipedFrom: s.pipedFrom, script: { ...script, locate }, at: locate(first.start) });
      }
      follow(inScript, depth + 1);
    }
  };
  const own = commandsOf(splitShell(job.command));
  for (const c of own) plan.own.push({ tool: baseName(c.words[0]), words: c.words, pipedFrom: c.pipedFrom, offset: c.offset });
  follow(own, 0);
  for (const c of [...plan.own, ...plan.scripts]) plan.tools.add(c.tool);
  return plan;
}

/**
 * A job list by what its jobs run: the distinct plans (one per text and PATH), each with the places
 * in the list of the jobs that have it, and for each tool the plans that run it.
 */
interface ToolIndex {
  jobsOfPlan: Map<CommandPlan, number[]>;
  plansOfTool: Map<string, CommandPlan[]>;
}

/**
 * The jobs of a list indexed by the tools they run, built once per list and run: a dozen readers
 * (borg, borgmatic, restic, autorestic and each unread tool) ask for a tool, and each went through
 * all 10,000 jobs of a list that runs two distinct commands. Jobs with the same text and PATH share
 * one plan, found here by two map lookups rather than by a key built per job.
 */
const toolIndexes = new WeakMap<readonly ScheduledJob[], { files: RootFiles; index: ToolIndex }>();

function toolIndex(files: RootFiles, jobs: readonly ScheduledJob[]): ToolIndex {
  const built = toolIndexes.get(jobs);
  if (built?.files === files) return built.index;
  const index: ToolIndex = { jobsOfPlan: new Map(), plansOfTool: new Map() };
  const plans = new Map<readonly string[] | undefined, Map<string, CommandPlan>>();
  // Indexed: an entries() iterator makes a pair per job (10,000 jobs).
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i] as ScheduledJob;
    let byCommand = plans.get(job.searchPath);
    if (byCommand === undefined) plans.set(job.searchPath, (byCommand = new Map<string, CommandPlan>()));
    let plan = byCommand.get(job.command);
    if (plan === undefined) {
      byCommand.set(job.command, (plan = commandPlan(files, job)));
      // Two PATH arrays with the same directories share a plan: it is listed once per tool.
      if (!index.jobsOfPlan.has(plan)) for (const tool of plan.tools) groupInto(index.plansOfTool, tool, plan);
    }
    groupInto(index.jobsOfPlan, plan, i);
  }
  toolIndexes.set(jobs, { files, index });
  return index;
}

/** The jobs that run `tool`, in list order, each with its plan. */
function jobsRunning(jobs: readonly ScheduledJob[], index: ToolIndex, tool: string): Array<{ job: ScheduledJob; plan: CommandPlan }> {
  const runs: Array<{ i: number; plan: CommandPlan }> = [];
  for (const plan of index.plansOfTool.get(tool) ?? []) for (const i of index.jobsOfPlan.get(plan) ?? []) runs.push({ i, plan });
  // The jobs of one plan are in list order already; those of several are merged.
  if ((index.plansOfTool.get(tool)?.length ?? 0) > 1) runs.sort((a, b) => a.i - b.i);
  return runs.map(({ i, plan }) => ({ job: jobs[i] as ScheduledJob, plan }));
}

/** A job's own text as a script, for the commands on its own line: where they stand is the job's. */
function ownText(job: ScheduledJob): ScriptText {
  return { file: job.file, text: job.command, locate: locatorFrom(job.command, job.commandAt), commands: splitShell(job.command) };
}

/**
 * The runs of `tool` (matched by the command's base name) in every job: a job's own commands
 * first, then those of the scripts it reaches.
 */
export function findInvocations(files: RootFiles, jobs: readonly ScheduledJob[], tool: string): Invocation[] {
  const out: Invocation[] = [];
  for (const { job, plan } of jobsRunning(jobs, toolIndex(files, jobs), tool)) {
    let own: ScriptText | undefined;
    for (const c of plan.own) {
      if (c.tool !== tool) continue;
      own ??= ownText(job);
      const text = own;
      const locate = c.offset === sameOffset ? text.locate : (o: number): SourcePosition => text.locate(c.offset(o));
      out.push({ job, words: c.words, pipedFrom: c.pipedFrom, script: { ...text, locate }, at: locate((c.words[0] as ShellWord).start) });
    }
    // The place of a script's command is the same for every job that reaches it: only the job is the job's own.
    for (const c of plan.scripts) if (c.tool === tool) out.push({ job, words: c.words, pipedFrom: c.pipedFrom, script: c.script, at: c.at });
  }
  return out;
}

/** The position of a word (its first character). */
export function wordAt(inv: { script: ScriptText }, word: ShellWord): SourcePosition {
  return inv.script.locate(word.offsets[0] ?? word.start);
}

/**
 * A systemd condition of the job's service that fails on the scanned system
 * (`ConditionFileNotEmpty=/etc/borgmatic/config.yaml` in Debian's borgmatic.service, borgmatic
 * 1.7.7-1 debian/borgmatic.service), so the timer fires but the service is skipped.
 * systemd.unit(5): a `|` prefix makes a condition a trigger (any one suffices), `!` negates.
 */
export function failedCondition(files: RootFiles, job: ScheduledJob): FailedCondition | undefined {
  if (job.origin !== 'systemd-timer' || !job.file.endsWith('.service')) return undefined;
  // Every backup reader asks for every job, and a unit with many ExecStart= lines is many jobs:
  // the conditions belong to the unit, so its file and drop-ins are read once per run.
  const facts = unitFacts(files, job.file);
  if (facts.failedCondition === undefined) facts.failedCondition = findFailedCondition(files, job, facts.loaded) ?? null;
  return facts.failedCondition ?? undefined;
}

export type FailedCondition = { reason: string; at: SourcePosition };

function findFailedCondition(files: RootFiles, job: ScheduledJob, unit: RootText): FailedCondition | undefined {
  if (job.origin !== 'systemd-timer' || !job.file.endsWith('.service')) return undefined;
  const name = posix.basename(job.file);
  // The unit, then its drop-ins (systemd.unit(5): NAME.service.d/*.conf in every unit
  // directory, applied in file-name order).
  const sources: Array<{ file: string; text: string }> = [];
  if (!unit.ok) return undefined;
  sources.push({ file: job.file, text: unit.text });
  const dirs = dropInDirsOf(files, name);
  // Without drop-ins and without a Condition line, the unit has no condition to fail.
  if (dirs.length === 0 && !unit.text.includes('Condition')) return undefined;
  const dropIns = new Map<string, string>();
  const dropInDir = `${name}.d`;
  // A drop-in of a higher directory replaces one of the same name in a lower one: lowest first.
  for (const dir of [...dirs].reverse()) {
    for (const entry of files.list(`${dir}/${dropInDir}`) ?? []) if (entry.endsWith('.conf')) dropIns.set(entry, `${dir}/${dropInDir}/${entry}`);
  }
  for (const entry of [...dropIns.keys()].sort()) {
    const path = dropIns.get(entry) as string;
    const text = files.read(path);
    if (text !== undefined) sources.push({ file: files.host(path), text });
  }
  let conditions: Array<{ key: string; value: string; at: SourcePosition }> = [];
  for (const source of sources) {
    // Most units have no conditions: their lines need not be matched one by one.
    if (!source.text.includes('Condition')) continue;
    source.text.split('\n').forEach((line, i) => {
      const m = /^\s*(Condition[A-Za-z]+)\s*=\s*(\S*)\s*$/.exec(line);
      if (!m) return;
      // systemd.unit(5): assigning the empty string to any Condition resets the whole list.
      if (m[2] === '') conditions = [];
      else conditions.push({ key: m[1] as string, value: m[2] as string, at: { file: source.file, line: i + 1, column: line.indexOf(m[1] as string) + 1 } });
    });
  }
  for (const c of conditions) {
    if (c.key !== 'ConditionFileNotEmpty' && c.key !== 'ConditionPathExists') continue;
    if (c.value.startsWith('|') || c.value.startsWith('!')) continue;
    const content = files.read(c.value);
    const ok = c.key === 'ConditionFileNotEmpty' ? content !== undefined && content.length > 0 : files.exists(c.value);
    if (!ok) {
      const what = c.key === 'ConditionFileNotEmpty' && content !== undefined ? 'is empty' : 'does not exist';
      return {
        reason: `${c.key}=${c.value} in ${files.system(c.at.file) ?? c.at.file}: ${c.value} ${what}, so the service is skipped every time the timer fires`,
        at: c.at,
      };
    }
  }
  return undefined;
}
