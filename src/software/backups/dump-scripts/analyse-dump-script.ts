import type { SourcePosition, Tri } from '../../../inventory/evidence.js';
import type { Locate } from '../../scheduled-jobs/recognise-cleanup.js';
import {
  BACKUP_TOOLS,
  PASS_THROUGH,
  commandName,
  encryptingStage,
  encryptorOutput,
  recogniseProducer,
  type Producer,
} from './dump-commands.js';
import { readPipelines, type Stage, type Word } from './script-pipelines.js';

/** Where a dump's bytes end up. */
export interface Sink {
  /** The path as written, with the script's plain variables filled in. */
  path: string;
  /** Written after an encrypting stage. */
  encrypted: boolean;
  /** `>>`: appended, so the file grows with every run. */
  append: boolean;
  at: SourcePosition;
}

export interface DumpFinding {
  producer: Producer;
  at: SourcePosition;
  encrypted: Tri;
  encryption: string;
  sinks: Sink[];
  /** Why encryption or the sinks cannot be told, when they cannot. */
  unknownReason?: string;
  /**
   * A staging file: the plain dump is taken into a restic or borg run of a directory holding it
   * and then removed by the same script. It is not a backup of its own; `backup` is that run.
   */
  staging?: { file: string; backup: string; backupAt: SourcePosition; removedAt: SourcePosition };
}

/** The script's plain `NAME=value` assignments, its functions, sourced files and `eval`s. */
interface ScriptFacts {
  vars: Map<string, string>;
  functions: Set<string>;
  sourced: string[];
}

function scriptFacts(text: string, stagesList: Stage[][]): ScriptFacts {
  const facts: ScriptFacts = { vars: new Map(), functions: new Set(), sourced: [] };
  for (const m of text.matchAll(/^\s*(?:function\s+)?([A-Za-z_][A-Za-z0-9_-]*)\s*\(\s*\)/gm)) facts.functions.add(m[1] as string);
  for (const m of text.matchAll(/^\s*function\s+([A-Za-z_][A-Za-z0-9_-]*)/gm)) facts.functions.add(m[1] as string);
  for (const stages of stagesList) {
    const only = stages.length === 1 ? stages[0] : undefined;
    if (only && only.words.length === 0) {
      for (const a of only.assignments) {
        const eq = a.value.indexOf('=');
        facts.vars.set(a.value.slice(0, eq), a.value.slice(eq + 1));
      }
    }
    for (const s of stages) {
      const n = commandName(s.words[0]);
      if ((n === '.' || n === 'source') && s.words[1]) facts.sourced.push(s.words[1].value);
    }
  }
  return facts;
}

/** `$NAME` / `${NAME}` replaced by the script's plain assignments (which may hold `$(date ...)`). */
function expand(value: string, vars: Map<string, string>): string {
  let out = value;
  for (let i = 0; i < 4; i++) {
    const next = out.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, a?: string, b?: string) => vars.get((a ?? b) as string) ?? m);
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * Follows each dump command in a script along its pipeline to the files it reaches, and tells
 * whether an encrypting stage comes before each of them. What the
 * reader cannot follow — a stage held in a variable, a shell function, a command it does not
 * know — makes encryption 'unknown' with the reason, never a guess.
 */
export function analyseDumpScript(text: string, locate: Locate): DumpFinding[] {
  const pipelines = readPipelines(text);
  // The stages a later command acts through (a backup run, a removal, an encryption), with their
  // pipeline: each dump looks only at these after it. Walking every later pipeline for every dump
  // was quadratic in a script of thousands of dump lines.
  const acting = pipelines.flatMap(({ stages }, pipeline) =>
    stages.filter((stage) => STORING.has(commandName(stage.words[0])) || REMOVERS.includes(commandName(stage.words[0])) || encryptingStage(stage.words)).map((stage) => ({ pipeline, stage })));
  const actingAfter = (pipeline: number): Stage[] => acting.filter((a) => a.pipeline > pipeline).map((a) => a.stage);
  const facts = scriptFacts(text, pipelines.map((p) => p.stages));
  const findings: DumpFinding[] = [];
  const pos = (w: Word): SourcePosition => locate(w.start);
  const sink = (w: Word, encrypted: boolean, append = false): Sink => ({ path: expand(w.value, facts.vars), encrypted, append, at: pos(w) });
  const sourcedNote = facts.sourced.length > 0 ? ` (the script sources ${facts.sourced.join(', ')}, which may define it)` : '';

  for (const [pipelineIndex, { stages }] of pipelines.entries()) {
    const index = stages.findIndex((s) => recogniseProducer(s.words));
    if (index < 0) continue;
    const first = stages[index] as Stage;
    const producer = recogniseProducer(first.words) as Producer;
    const finding: DumpFinding = { producer, at: pos(first.words[0] as Word), encrypted: 'unknown', encryption: '', sinks: [] };
    let encryptedBy: string | undefined;
    let unknown: string | undefined;
    let skip = false;
    if (producer.ownOutput) finding.sinks.push(sink(producer.ownOutput, false));
    for (let i = index; i < stages.length && !unknown; i++) {
      const stage = stages[i] as Stage;
      const words = stage.words;
      if (i > index) {
        const cmd = words[0];
        const name = commandName(cmd);
        if (!cmd) unknown = 'a pipeline stage has no command';
        else if (cmd.dynamic) unknown = `the stage \`${cmd.value}\` is a variable whose value is set at runtime${sourcedNote}`;
        else if (facts.functions.has(name)) unknown = `the stage \`${name}\` is a shell function the reader does not follow`;
        else if (BACKUP_TOOLS.has(name)) skip = true;
        else if (encryptingStage(words)) {
          encryptedBy ??= encryptingStage(words);
          const out = encryptorOutput(words);
          if (out) finding.sinks.push(sink(out, true));
        } else if (name === 'tee') {
          for (const w of words.slice(1).filter((x) => !x.value.startsWith('-'))) finding.sinks.push(sink(w, encryptedBy !== undefined, words.some((x) => x.value === '-a' || x.value === '--append')));
        } else if (name === 'dd') {
          const of = words.find((w) => w.value.startsWith('of='));
          if (of) finding.sinks.push(sink({ ...of, value: of.value.slice(3) }, encryptedBy !== undefined));
        } else if (!PASS_THROUGH.has(name)) {
          unknown = `the dump goes through \`${name}\`, which the reader cannot follow to where it is stored`;
        }
      }
      if (skip) break;
      for (const r of stage.redirects) {
        if (r.fd !== 1 || r.target.value === '/dev/null') continue;
        finding.sinks.push(sink(r.target, encryptedBy !== undefined && i > index ? true : false, r.op === '>>'));
      }
    }
    if (skip) continue;
    const plain = finding.sinks.filter((s) => !s.encrypted);
    if (unknown) {
      finding.encrypted = 'unknown';
      finding.unknownReason = unknown;
      finding.encryption = `cannot tell: ${unknown}`;
    } else if (plain.length > 0 && stagedForBackup(finding, plain, actingAfter(pipelineIndex), facts.vars, pos)) {
      // A staging file of a restic or borg run, removed afterwards: judged with that run.
    } else if (plain.length > 0 && encryptedLater(finding, plain, actingAfter(pipelineIndex), facts.vars, sink)) {
      // Rewritten in place by encryptedLater: the plain file is encrypted by a later command.
    } else if (plain.length > 0) {
      finding.encrypted = false;
      finding.encryption = `${producer.what} output is written in plain text to ${plain.map((s) => s.path).join(', ')}`;
    } else if (finding.sinks.length === 0) {
      finding.encrypted = 'unknown';
      finding.unknownReason = "the dump goes to the script's standard output; the reader cannot see where that is stored";
      finding.encryption = `cannot tell: ${finding.unknownReason}`;
    } else {
      finding.encrypted = true;
      finding.encryption = encryptedBy ?? 'encrypted';
    }
    findings.push(finding);
  }
  return findings;
}

/** The subcommands that store files: `restic backup PATH...`, `borg create REPO::ARCHIVE PATH...`. */
const STORING = new Map([['restic', 'backup'], ['borg', 'create']]);

/** Commands that delete a file the script wrote. */
const REMOVERS = ['rm', 'shred', 'srm', 'unlink'];

/**
 * `pg_dump > /var/backups/x.sql; restic backup /; rm /var/backups/x.sql`: the plain file is staged
 * for a restic or borg run whose paths hold it, then removed by the same script. The copy that is
 * kept is the one in that backup (restic always encrypts; a borg repository's mode is judged by
 * the borg reader), so the dump is not a plain backup of its own. Returns true when it decided.
 */
function stagedForBackup(
  finding: DumpFinding,
  plain: Sink[],
  later: readonly Stage[],
  vars: Map<string, string>,
  pos: (w: Word) => SourcePosition,
): boolean {
  if (plain.length !== 1 || finding.sinks.length !== 1) return false;
  const file = (plain[0] as Sink).path;
  if (!file.startsWith('/')) return false;
  let backup: { how: string; at: SourcePosition } | undefined;
  for (const stage of later) {
    const words = stage.words.map((w) => expand(w.value, vars));
    const tool = commandName(stage.words[0]);
    const sub = STORING.get(tool);
    if (!backup && sub !== undefined && words.includes(sub)) {
      const paths = words.slice(words.indexOf(sub) + 1).filter((w) => w.startsWith('/'));
      if (paths.some((p) => p === '/' || file === p.replace(/\/+$/, '') || file.startsWith(`${p.replace(/\/+$/, '')}/`))) {
        backup = { how: `${tool} ${sub}`, at: pos(stage.words[0] as Word) };
      }
    } else if (backup && REMOVERS.includes(commandName(stage.words[0])) && words.slice(1).includes(file)) {
      finding.staging = { file, backup: backup.how, backupAt: backup.at, removedAt: pos(stage.words[0] as Word) };
      finding.encrypted = true;
      finding.encryption = `written in plain text to ${file} only to be taken into the ${backup.how} run at line ${backup.at.line}, then removed at line ${finding.staging.removedAt.line}: the copy kept is in that backup`;
      finding.sinks = [];
      return true;
    }
  }
  return false;
}

/**
 * `pg_dump -f /tmp/x.sql; gpg -e -r K /tmp/x.sql; rm /tmp/x.sql`: a plaintext intermediate file
 * encrypted by a later command. With a later `rm`/`shred` of it the stored backup is encrypted
 * (with a plaintext copy while the script runs); without, the plaintext copy stays.
 * Returns true when it decided the finding.
 */
function encryptedLater(
  finding: DumpFinding,
  plain: Sink[],
  later: readonly Stage[],
  vars: Map<string, string>,
  sink: (w: Word, encrypted: boolean) => Sink,
): boolean {
  if (plain.length !== 1 || finding.sinks.length !== 1) return false;
  const file = (plain[0] as Sink).path;
  const mentions = (words: Word[]): boolean => words.slice(1).some((w) => expand(w.value, vars) === file || expand(w.value.replace(/^-in$/, ''), vars) === file);
  let by: { how: string; out: Sink } | undefined;
  let removed = false;
  for (const stage of later) {
    const how = encryptingStage(stage.words);
    if (!by && how && mentions(stage.words)) {
      const own = encryptorOutput(stage.words);
      const first = stage.words[0] as Word;
      // gpg writes FILE.gpg next to its input when no -o is given (gpg(1) --output).
      const out = own ? sink(own, true) : { ...sink(first, true), path: `${file}.gpg` };
      by = { how: how.replace(/^piped to /, ''), out };
    } else if (by && REMOVERS.includes(commandName(stage.words[0])) && mentions(stage.words)) removed = true;
  }
  if (!by) return false;
  if (removed) {
    finding.encrypted = true;
    finding.encryption = `written in plain text to ${file}, then encrypted by ${by.how} and removed (a plaintext copy exists while the script runs)`;
    finding.sinks = [by.out];
  } else {
    finding.encrypted = false;
    finding.encryption = `written in plain text to ${file}; ${by.how} makes an encrypted copy but the plaintext file is never removed`;
    finding.sinks.push(by.out);
  }
  return true;
}
