import { posix } from 'node:path';
import type { SourcePosition } from '../../../inventory/evidence.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { locatorFrom, type Locate } from '../../scheduled-jobs/recognise-cleanup.js';
import { UNIT_DIRS } from '../../scheduled-jobs/read-timer-jobs.js';
import { inUnitDir } from '../../scheduled-jobs/load-unit.js';
import { RootFiles } from '../../../files/root-files.js';
import { commandPath, scriptText } from '../../scheduled-jobs/search-path.js';
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

/** Every simple command of a text, wrappers removed, with the locator for its words. */
function* commandsOf(script: ScriptText, depth = 0): Generator<{ words: ShellWord[]; pipedFrom: SimpleCommand | undefined; locate: Locate }> {
  let previous: SimpleCommand | undefined;
  for (const command of script.commands) {
    const pipedFrom = previous?.pipedToNext ? previous : undefined;
    previous = command;
    let words = skipInhibit(command.words);
    const locate = script.locate;
    for (let hops = 0; hops < 5; hops++) {
      const u = unwrapCommand(words);
      if (!u) break;
      if (u.kind === 'words') {
        words = skipInhibit(u.words);
        continue;
      }
      if (depth < MAX_DEPTH) {
        const inner = u.script;
        const innerLocate: Locate = (o) => locate(inner.offsets[o] ?? inner.start);
        yield* commandsOf({ ...script, text: inner.value, locate: innerLocate, commands: splitShell(inner.value) }, depth + 1);
      }
      words = [];
      break;
    }
    if (words.length > 0) yield { words, pipedFrom, locate };
  }
}

/** The script a command runs (`/usr/local/sbin/backup.sh`, `bash /root/b.sh`), if it is one under the root. */
function scriptRun(files: RootFiles, job: ScheduledJob, words: ShellWord[]): string | undefined {
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

/** All texts a job runs: its command and the shell scripts reached from it. */
export function jobScripts(files: RootFiles, job: ScheduledJob): ScriptText[] {
  const out: ScriptText[] = [];
  const seen = new Set<string>();
  const visit = (script: ScriptText, depth: number): void => {
    out.push(script);
    if (depth >= MAX_DEPTH) return;
    for (const c of commandsOf(script)) {
      const path = scriptRun(files, job, c.words);
      if (path === undefined || seen.has(path)) continue;
      seen.add(path);
      const text = files.read(path) as string;
      const file = files.host(path);
      visit({ file, text, locate: locatorFrom(text, { file, line: 1, column: 1 }), commands: splitShell(text) }, depth + 1);
    }
  };
  visit({ file: job.file, text: job.command, locate: locatorFrom(job.command, job.commandAt), commands: splitShell(job.command) }, 0);
  return out;
}

interface JobCommand {
  tool: string;
  words: ShellWord[];
  pipedFrom: SimpleCommand | undefined;
  script: ScriptText;
  locate: Locate;
}

/**
 * The commands of every text a job runs, found once per job: a dozen readers (borg, borgmatic,
 * restic, autorestic and each unread tool) ask for every job, and 10,000 jobs running one script
 * made each reader follow and unwrap them all again.
 */
const commandsOfJob = new WeakMap<ScheduledJob, JobCommand[]>();

function jobCommands(files: RootFiles, job: ScheduledJob): JobCommand[] {
  let commands = commandsOfJob.get(job);
  if (commands) return commands;
  commands = [];
  for (const script of jobScripts(files, job)) {
    for (const c of commandsOf(script)) commands.push({ tool: baseName(c.words[0]), words: c.words, pipedFrom: c.pipedFrom, script, locate: c.locate });
  }
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
  let units = conditionsOfUnit.get(files);
  if (units === undefined) conditionsOfUnit.set(files, (units = new Map<string, FailedCondition | undefined>()));
  if (units.has(job.file)) return units.get(job.file);
  const failed = findFailedCondition(files, job);
  units.set(job.file, failed);
  return failed;
}

type FailedCondition = { reason: string; at: SourcePosition };
const conditionsOfUnit = new WeakMap<RootFiles, Map<string, FailedCondition | undefined>>();

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
  for (const dir of [...UNIT_DIRS].reverse()) {
    if (!inUnitDir(files, dir, `${name}.d`)) continue;
    for (const entry of files.list(`${dir}/${name}.d`) ?? []) if (entry.endsWith('.conf')) dropIns.set(entry, `${dir}/${name}.d/${entry}`);
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
