import type { SourcePosition } from '../../../inventory/evidence.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { RootFiles } from '../../../files/root-files.js';
import { commandKey, commandPath, scriptText } from '../../scheduled-jobs/search-path.js';

/**
 * A piece of shell text that a scheduled job runs: the job's own command (a cron line, a
 * timer's ExecStart, a whole cron.daily script) or a script file that command names, read
 * under --root. `at` is where the text starts; `file` is the absolute host path holding it.
 */
export interface JobText {
  job: ScheduledJob;
  text: string;
  at: SourcePosition;
  /** The system path of the script file, when the text is a script named by the command. */
  scriptPath?: string;
}

// Interpreters that run the script named after them (`bash /usr/local/sbin/backup.sh`).
const INTERPRETERS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);

/**
 * The texts each running job executes: its command, and each script it names by absolute path
 * (directly or after an interpreter) that exists under root as a text file. Binaries in
 * /usr/bin etc. are not there in a config tree and would not be text anyway. Built once per job
 * list and run, and shared: four readers (rsnapshot, dump scripts, duply, duplicity) ask for it,
 * so callers must not change it.
 */
export function jobTexts(files: RootFiles, jobs: readonly ScheduledJob[]): { texts: JobText[]; files: string[] } {
  const built = textsOfLists.get(jobs);
  if (built?.files === files) return built.texts;
  const texts: JobText[] = [];
  const read = new Set<string>();
  // Jobs with the same text and PATH name the same scripts: found by two map lookups per job.
  const named = new Map<readonly string[] | undefined, Map<string, NamedScript[]>>();
  for (const job of jobs) {
    if (!job.runs) continue;
    let byCommand = named.get(job.searchPath);
    if (byCommand === undefined) named.set(job.searchPath, (byCommand = new Map<string, NamedScript[]>()));
    let scripts = byCommand.get(job.command);
    if (scripts === undefined) byCommand.set(job.command, (scripts = scriptsNamed(files, job)));
    texts.push({ job, text: job.command, at: job.commandAt });
    for (const script of scripts) {
      texts.push({ job, text: script.text, at: script.at, scriptPath: script.path });
      read.add(script.file);
    }
  }
  const result = { texts, files: [...read] };
  textsOfLists.set(jobs, { files, texts: result });
  return result;
}

const textsOfLists = new WeakMap<readonly ScheduledJob[], { files: RootFiles; texts: { texts: JobText[]; files: string[] } }>();

interface NamedScript {
  path: string;
  text: string;
  /** The host path of the file, after links. */
  file: string;
  /** Where its text starts (line 1 of the file), the same object for every job running it. */
  at: SourcePosition;
}

/**
 * The scripts a command text names, found once per run for each distinct text and PATH: 10,000
 * jobs running a handful of commands looked each name up on PATH again.
 */
function scriptsNamed(files: RootFiles, job: ScheduledJob): NamedScript[] {
  return files.remembered('scripts-named', commandKey(job), () => findScriptsNamed(files, job));
}

function findScriptsNamed(files: RootFiles, job: ScheduledJob): NamedScript[] {
  const scripts: NamedScript[] = [];
  for (const named of scriptPaths(job.command)) {
    // A bare name is looked up in the job's PATH, as the shell does.
    const path = commandPath(files, job, named);
    if (path === undefined) continue;
    const text = scriptText(files, path);
    if (text === undefined) continue;
    const file = files.host(files.resolve(path) ?? path);
    scripts.push({ path, text, file, at: { file, line: 1, column: 1 } });
  }
  return scripts;
}

/**
 * Command names in command position (first word of a simple command, or after an interpreter):
 * absolute paths, and bare names that are not shell builtins or common tools.
 */
function scriptPaths(command: string): string[] {
  const paths: string[] = [];
  for (const segment of command.split(/&&|\|\||[;|&\n]/)) {
    const words = segment.trim().split(/\s+/).filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
    let first = words[0];
    if (first !== undefined && INTERPRETERS.has(first.replace(/^.*\//, ''))) first = words.find((w, i) => i > 0 && !w.startsWith('-'));
    if (first === undefined) continue;
    const name = first.replace(/^["']|["']$/g, '');
    if (name.startsWith('/') || /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) paths.push(name);
  }
  return paths;
}
