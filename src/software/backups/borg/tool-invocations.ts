import { posix } from 'node:path';
import type { SourcePosition } from '../../../inventory/evidence.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { locatorFrom, type Locate } from '../../scheduled-jobs/recognise-cleanup.js';
import { UNIT_DIRS } from '../../scheduled-jobs/read-timer-jobs.js';
import { inUnitDir } from '../../scheduled-jobs/load-unit.js';
import { RootFiles } from '../../../files/root-files.js';
import { commandKey, commandPath, scriptText } from '../../scheduled-jobs/search-path.js';
import { appendAll } from '../../../arrays/append-all.js';
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

interface JobCommand {
  tool: string;
  words: ShellWord[];
  pipedFrom: SimpleCommand | undefined;
  script: ScriptText;
  locate: Locate;
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
 * levels deep), positioned in their files.
 */
interface CommandPlan {
  own: OwnCommand[];
  scripts: JobCommand[];
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
  const plan: CommandPlan = { own: [], scripts: [] };
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
        plan.scripts.push({ tool: baseName(s.words[0]), words: s.words, pipedFrom: s.pipedFrom, script, locate });
      }
      follow(inScript, depth + 1);
    }
  };
  const own = commandsOf(splitShell(job.command));
  for (const c of own) plan.own.push({ tool: baseName(c.words[0]), words: c.words, pipedFrom: c.pipedFrom, offset: c.offset });
  follow(own, 0);
  return plan;
}

/**
 * The commands of every text a job runs: its own first, then those of the scripts it reaches.
 * Found once per job: a dozen readers (borg, borgmatic, restic, autorestic and each unread tool)
 * ask for every job.
 */
const commandsOfJob = new WeakMap<ScheduledJob, JobCommand[]>();

function jobCommands(files: RootFiles, job: ScheduledJob): JobCommand[] {
  let commands = commandsOfJob.get(job);
  if (commands) return commands;
  const plan = commandPlan(files, job);
  const own: ScriptText = { file: job.file, text: job.command, locate: locatorFrom(job.command, job.commandAt), commands: splitShell(job.command) };
  commands = plan.own.map((c) => ({
    tool: c.tool,
    words: c.words,
    pipedFrom: c.pipedFrom,
    script: own,
    locate: c.offset === sameOffset ? own.locate : (o: number) => own.locate(c.offset(o)),
  }));
  appendAll(commands, plan.scripts);
  commandsOfJob.set(job, commands);
  return commands;
}

/** The runs of `tool` (matched by the command's base name) in every job. */
export function findInvocations(files: RootFiles, jobs: ScheduledJob[], tool: string): Invocation[] {
  const out: Invocation[] = [];
  for (const job of jobs) {
    for (const c of jobCommands(files, job)) {
      if (c.tool !== tool) continue;
      const first = c.words[0] as ShellWord;
      out.push({ job, words: c.words, pipedFrom: c.pipedFrom, script: { ...c.script, locate: c.locate }, at: c.locate(first.start) });
    }
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
  return files.remembered('unit-failed-condition', job.file, () => findFailedCondition(files, job));
}

type FailedCondition = { reason: string; at: SourcePosition };

function findFailedCondition(files: RootFiles, job: ScheduledJob): FailedCondition | undefined {
  if (job.origin !== 'systemd-timer' || !job.file.endsWith('.service')) return undefined;
  const name = posix.basename(job.file);
  // The unit, then its drop-ins (systemd.unit(5): NAME.service.d/*.conf in every unit
  // directory, applied in file-name order).
  const sources: Array<{ file: string; text: string }> = [];
  const unit = files.loadHost(job.file);
  if (!unit.ok) return undefined;
  sources.push({ file: job.file, text: unit.text });
  const dropIns = new Map<string, string>();
  const dropInDir = `${name}.d`;
  for (const dir of [...UNIT_DIRS].reverse()) {
    if (!inUnitDir(files, dir, dropInDir)) continue;
    for (const entry of files.list(`${dir}/${dropInDir}`) ?? []) if (entry.endsWith('.conf')) dropIns.set(entry, `${dir}/${dropInDir}/${entry}`);
  }
  for (const entry of [...dropIns.keys()].sort()) {
    const path = dropIns.get(entry) as string;
    const text = files.read(path);
    if (text !== undefined) sources.push({ file: files.host(path), text });
  }
  let conditions: Array<{ key: string; value: string; at: SourcePosition }> = [];
  for (const source of sources) {
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
