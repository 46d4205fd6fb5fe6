import { posix } from 'node:path';
import type { Diagnostic } from '../../../inventory/diagnostic.js';
import type { Evidence, Tri } from '../../../inventory/evidence.js';
import type { SoftwareReading } from '../../../inventory/log-retention.js';
import type { BackupPractice, Retention } from '../../../inventory/practice.js';
import { parseYaml } from '../../../formats/yaml/parse-yaml.js';
import type { YamlMap, YamlNode, YamlPair } from '../../../formats/yaml/yaml-tree.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { RootFiles } from '../../../files/root-files.js';
import { borgModeEncrypts } from '../borg/encryption-mode.js';
import { scheduling } from '../borg/interval-from-jobs.js';
import { forever, longestSeconds, nominalSeconds, unknownFigure } from '../../../inventory/retention.js';
import { findInvocations } from '../borg/tool-invocations.js';
import { jobEnvironment } from '../restic/job-environment.js';
import { borgBounds, parseBorgInterval, retentionFromBounds, type KeepPolicy } from '../keep-rules.js';
import { readBorgmaticCommand, runsAction, type BorgmaticCommand } from './borgmatic-command.js';
import { BORGMATIC_OPTIONS, BORGMATIC_SECTIONS, DATABASE_OPTIONS, KEEP_OPTIONS } from './borgmatic-options.js';
import { appendAll } from '../../../arrays/append-all.js';
import { groupInto } from '../../../arrays/group-into.js';

/**
 * borgmatic's default configuration paths (borgmatic 1.7.7 config/collect.py
 * get_default_config_paths): /etc/borgmatic/config.yaml, /etc/borgmatic.d/, then the user's
 * ~/.config/borgmatic/config.yaml and ~/.config/borgmatic.d/ (root's, as the shipped units run as root).
 */
const DEFAULT_PATHS = ['/etc/borgmatic/config.yaml', '/etc/borgmatic.d', '/root/.config/borgmatic/config.yaml', '/root/.config/borgmatic.d'];

/** The files a configuration path stands for: a file, or a directory's *.yaml/*.yml (collect.py collect_config_filenames, non-recursive). */
function expandConfigPath(files: RootFiles, path: string): string[] {
  const entries = files.list(path);
  if (entries === undefined) return files.read(path) === undefined ? [] : [path];
  return entries.filter((e) => e.endsWith('.yaml') || e.endsWith('.yml')).map((e) => posix.join(path, e)).filter((p) => files.read(p) !== undefined);
}

interface Option {
  pair: YamlPair;
  value: YamlNode;
}

/** Lifts the sections of the pre-1.8 format to the top, as borgmatic 1.8+ config/normalize.py normalize_sections does. */
function flatten(root: YamlMap, diagnostics: Diagnostic[]): Map<string, Option> {
  const out = new Map<string, Option>();
  const put = (pair: YamlPair): void => {
    const name = pair.key.kind === 'scalar' ? pair.key.text : '';
    if (name === '<<') {
      diagnostics.push({ code: 'unknown-value', message: `borgmatic: the \`<<: !include\` merge is not followed; options it brings in are not read`, position: pair.key.at });
      return;
    }
    if (!BORGMATIC_OPTIONS.has(name)) {
      diagnostics.push({
        code: 'config-error',
        message: `borgmatic: unknown option "${name}"; borgmatic refuses a configuration with options its schema does not define`,
        position: pair.key.at,
      });
      return;
    }
    const before = out.get(name);
    if (before) {
      // Sectioned configs may repeat `prefix` in retention and consistency. borgmatic 1.8+
      // (config/normalize.py normalize_sections, 2.1.8.dev0) lifts the sections in order with
      // dict.update, so the later one wins for every action; borgmatic ≤ 1.7 used each its own.
      const same = before.value.kind === 'scalar' && pair.value.kind === 'scalar' && before.value.text === pair.value.text;
      if (!same) diagnostics.push({ code: 'config-warning', message: `borgmatic: "${name}" is set twice with different values; borgmatic 1.8+ uses the later one for every action (borgmatic 1.7 used each section's own)`, position: pair.key.at });
    }
    out.set(name, { pair, value: pair.value });
  };
  for (const pair of root.entries) {
    const name = pair.key.kind === 'scalar' ? pair.key.text : '';
    if ((BORGMATIC_SECTIONS as readonly string[]).includes(name)) {
      if (pair.value.kind === 'map') pair.value.entries.forEach(put);
      else if (!(pair.value.kind === 'scalar' && pair.value.text === '')) {
        diagnostics.push({ code: 'config-error', message: `borgmatic: section "${name}" must be a mapping of options`, position: pair.value.at });
      }
      continue;
    }
    put(pair);
  }
  return out;
}

function scalarText(node: YamlNode | undefined): string | undefined {
  return node?.kind === 'scalar' ? node.text : undefined;
}

function listOf(node: YamlNode | undefined): YamlNode[] {
  if (!node) return [];
  if (node.kind === 'seq') return node.items;
  return [];
}

function mapGet(node: YamlNode, key: string): YamlNode | undefined {
  if (node.kind !== 'map') return undefined;
  return [...node.entries].reverse().find((p) => p.key.kind === 'scalar' && p.key.text === key)?.value;
}

const TRUE = /^(true|yes|on)$/i;

function readEncryption(files: RootFiles, options: Map<string, Option>, commands: BorgmaticCommand[]): { encrypted: Tri; encryption: string; evidence: Evidence[] } {
  const repoModes: Array<{ mode: string; at: Evidence }> = [];
  for (const repo of listOf(options.get('repositories')?.value)) {
    const enc = mapGet(repo, 'encryption');
    if (enc?.kind === 'scalar') repoModes.push({ mode: enc.text, at: { ...enc.at, note: `repository created with encryption: ${enc.text}` } });
  }
  for (const c of commands) if (c.initMode) repoModes.push({ mode: c.initMode.mode, at: { ...c.initMode.at, note: `repository created with --encryption ${c.initMode.mode}` } });
  // The mode the repository was created with is decisive (borg 1.2 `borg init --encryption`; borgmatic's passphrase options do not encrypt by themselves).
  if (repoModes.length > 0) {
    const verdicts = repoModes.map((r) => borgModeEncrypts(r.mode));
    const encrypted: Tri = verdicts.includes(false) ? false : verdicts.every((v) => v === true) ? true : 'unknown';
    const shown = repoModes.filter((_, i) => verdicts[i] === encrypted);
    return { encrypted, encryption: [...new Set(repoModes.map((r) => r.mode))].join(', '), evidence: (shown.length > 0 ? shown : repoModes).map((r) => r.at) };
  }
  const pass = options.get('encryption_passphrase');
  const passcommand = options.get('encryption_passcommand');
  const unencryptedOk = options.get('unknown_unencrypted_repo_access_is_ok');
  const okTrue = unencryptedOk !== undefined && TRUE.test(scalarText(unencryptedOk.value) ?? '');
  const passText = scalarText(pass?.value);
  if (pass && passText === '' && !passcommand) {
    return {
      encrypted: false,
      encryption: 'empty encryption_passphrase',
      evidence: [{ ...pass.pair.key.at, note: 'encryption_passphrase is empty: a repokey repository with an empty passphrase opens for anyone holding it' }],
    };
  }
  const secret = passText ? pass : passcommand && scalarText(passcommand.value) ? passcommand : undefined;
  if (secret && okTrue) {
    return {
      encrypted: 'unknown',
      encryption: 'passphrase and unknown_unencrypted_repo_access_is_ok both set',
      evidence: [
        { ...secret.pair.key.at, note: `${scalarText(secret.pair.key)} is set (used only by encrypted repositories)` },
        { ...unencryptedOk.pair.key.at, note: 'unknown_unencrypted_repo_access_is_ok: true (used only with unencrypted repositories)' },
      ],
    };
  }
  if (secret) {
    const name = scalarText(secret.pair.key) as string;
    const fromEnv = /\$\{[A-Za-z0-9_]+/.exec(scalarText(secret.value) ?? '');
    return {
      encrypted: true,
      encryption: `${name} set (encryption inferred: a passphrase is used only by an encrypted repository${fromEnv ? `; its value comes from ${fromEnv[0]}} at run time` : ''})`,
      evidence: [{ ...secret.pair.key.at, note: `${name} is set: assumed encrypted, since the repository's mode was fixed when it was created` }],
    };
  }
  if (okTrue) {
    return {
      encrypted: false,
      encryption: 'unknown_unencrypted_repo_access_is_ok: true, no passphrase',
      evidence: [{ ...unencryptedOk.pair.key.at, note: 'unknown_unencrypted_repo_access_is_ok: true lets borg use an unencrypted repository' }],
    };
  }
  for (const c of commands) {
    const env = jobEnvironment(files, c.inv, new Set(), []);
    const given = ['BORG_PASSPHRASE', 'BORG_PASSCOMMAND', 'BORG_PASSPHRASE_FD'].map((n) => env.get(n)).find((a) => a !== undefined && a.value !== '');
    if (given) {
      return {
        encrypted: true,
        encryption: `${given.name} set in the environment of the job (encryption inferred: a passphrase is used only by an encrypted repository)`,
        evidence: [{ ...given.at, note: `${given.name} is set for borgmatic: assumed encrypted` }],
      };
    }
  }
  return {
    encrypted: 'unknown',
    encryption: 'no encryption mode, passphrase or passcommand in the configuration: the mode was fixed when the repository was created (keyfile mode needs no passphrase)',
    evidence: [],
  };
}

/** The keep rules; `invalid` names the options whose values borgmatic would refuse. */
function readKeepPolicy(options: Map<string, Option>, diagnostics: Diagnostic[]): KeepPolicy & { invalid: Evidence[] } {
  const policy: KeepPolicy & { invalid: Evidence[] } = { counts: [], within: [], forever: [], invalid: [] };
  for (const [name, unit] of Object.entries(KEEP_OPTIONS)) {
    const o = options.get(name);
    if (!o) continue;
    const text = scalarText(o.value) ?? '';
    if (!/^-?\d+$/.test(text)) {
      diagnostics.push({ code: 'config-error', message: `borgmatic: ${name} must be an integer, not "${text}"`, position: o.value.at });
      policy.invalid.push({ ...o.value.at, note: `${name}: ${text} is not an integer` });
      continue;
    }
    const n = Number(text);
    // borg prune --help: "Specifying a negative number of archives to keep means that there is no limit."
    policy.counts.push({ unit, count: n < 0 ? Infinity : n, text: `${name}: ${text}`, at: o.pair.key.at });
  }
  const within = options.get('keep_within');
  if (within) {
    const text = scalarText(within.value) ?? '';
    const seconds = parseBorgInterval(text);
    if (seconds === undefined) {
      diagnostics.push({ code: 'config-error', message: `borgmatic: keep_within "${text}" is not a borg interval (a number and one of H, d, w, m, y)`, position: within.value.at });
      policy.invalid.push({ ...within.value.at, note: `keep_within: ${text} is not a borg interval` });
    } else policy.within.push({ seconds, text: `keep_within: ${text}`, at: within.pair.key.at });
  }
  return policy;
}

function readContents(options: Map<string, Option>): BackupPractice['contents'] {
  const paths: string[] = [];
  let known = true;
  for (const item of listOf(options.get('source_directories')?.value)) {
    // `${VAR}` is filled in from borgmatic's environment at run time (config/environment.py).
    if (item.kind === 'scalar' && !item.text.includes('${')) paths.push(item.text);
    else known = false;
  }
  // patterns: `R /path` lines are roots (borg help patterns).
  for (const item of listOf(options.get('patterns')?.value)) {
    const m = item.kind === 'scalar' ? /^R\s+(.+)$/.exec(item.text) : null;
    if (m) paths.push((m[1] as string).trim());
  }
  if (options.has('patterns_from') || options.has('<<')) known = false;
  const databases: string[] = [];
  for (const key of DATABASE_OPTIONS) {
    for (const db of listOf(options.get(key)?.value)) {
      const name = scalarText(mapGet(db, 'name'));
      if (name !== undefined) databases.push(`${key.replace('_databases', '')}:${name}`);
      else known = false;
    }
  }
  return { paths, databases, known };
}

function readOneConfig(files: RootFiles, path: string, commands: BorgmaticCommand[], reading: SoftwareReading): void {
  const host = files.host(path);
  const text = files.read(path) as string;
  reading.files.push(host);
  const parsed = parseYaml(host, text);
  appendAll(reading.diagnostics, parsed.errors, parsed.warnings);
  const subject = { software: 'borgmatic', name: path, kind: 'backup' };
  const { interval, neverScheduled } = scheduling(files, commands.map((c) => c.inv), `borgmatic with ${path}`);
  const scheduled = neverScheduled ? { neverScheduled } : {};
  if (parsed.errors.length === 0 && parsed.root === undefined) {
    // An empty (or comments-only) file configures no backup; Debian's borgmatic.service does not
    // even start then (ConditionFileNotEmpty=/etc/borgmatic/config.yaml, Debian borgmatic 1.7.7).
    reading.diagnostics.push({
      code: 'config-warning',
      message: `borgmatic: ${path} has no options, so it configures no backup`,
      position: { file: host, line: 1, column: 1 },
    });
    return;
  }
  if (parsed.errors.length > 0 || parsed.root === undefined || parsed.root.kind !== 'map') {
    const first = parsed.errors[0];
    const why = first
      ? `${path} has a YAML error at line ${first.position.line}, column ${first.position.column}`
      : `${path} is not a mapping of options`;
    if (first === undefined) {
      reading.diagnostics.push({ code: 'config-error', message: `borgmatic: ${why}; borgmatic refuses it`, position: { file: host, line: 1, column: 1 } });
    }
    const unknownRetention = unknownFigure(why);
    reading.practices.push({
      kind: 'backup',
      subject,
      evidence: [{ file: host, line: first?.position.line ?? 1, column: first?.position.column ?? 1, note: why }],
      tool: 'borgmatic',
      encrypted: 'unknown',
      encryption: why,
      retention: unknownRetention,
      interval,
      contents: { paths: [], databases: [], known: false },
      ...scheduled,
    });
    return;
  }
  const options = flatten(parsed.root, reading.diagnostics);
  const enc = readEncryption(files, options, commands);
  const policy = readKeepPolicy(options, reading.diagnostics);
  const retention = readRetention(options, policy, commands, interval);
  const firstKey = parsed.root.entries[0]?.key.at ?? { file: host, line: 1, column: 1 };
  const practice: BackupPractice = {
    kind: 'backup',
    subject,
    evidence: [{ ...firstKey, note: `borgmatic configuration ${path}` }],
    tool: 'borgmatic',
    encrypted: enc.encrypted,
    encryption: enc.encryption,
    retention,
    interval,
    contents: readContents(options),
    ...scheduled,
  };
  if (enc.encrypted !== true) {
    practice.encryptFix =
      enc.encrypted === 'unknown'
        ? 'declare the mode of each repository (borgmatic 2.0+): repositories: - path: ... encryption: repokey-blake2 — or set encryption_passcommand for an encrypted repository'
        : 'borgmatic repo-create --encryption repokey-blake2 (borgmatic 1.x: borgmatic init --encryption repokey-blake2) into a new repository, and set encryption_passcommand';
  }
  appendAll(practice.evidence, enc.evidence);
  reading.practices.push(practice);
}

function readRetention(options: Map<string, Option>, policy: KeepPolicy & { invalid: Evidence[] }, commands: BorgmaticCommand[], interval: BackupPractice['interval']): Retention {
  const evidence: Evidence[] = [...policy.counts, ...policy.within].map((r) => ({ ...r.at, note: r.text }));
  const fixTemplate = 'keep_within: {{days}}d (and no other keep_* option)';
  const unbounded = (description: string, extra: Evidence[] = []): Retention => forever(description, { fixTemplate, evidence: [...extra, ...evidence] });
  if (policy.invalid.length > 0) {
    const why = policy.invalid.map((e) => e.note).join('; ');
    return unknownFigure(`borgmatic refuses the keep rules: ${why}`, why, { fixTemplate, evidence: policy.invalid });
  }
  // skip_actions (borgmatic 1.8.5+) removes prune from every run of this configuration.
  const skip = options.get('skip_actions');
  const skipped = listOf(skip?.value).find((n) => scalarText(n) === 'prune');
  if (skip && skipped) return unbounded('skip_actions includes prune: borgmatic never prunes this repository', [{ ...skipped.at, note: 'skip_actions: prune' }]);
  const running = commands.filter((c) => c.inv.job.runs);
  const defaultOff = options.get('default_actions');
  if (running.length > 0) {
    // borgmatic 2.0 default_actions: false — a bare `borgmatic` runs nothing.
    const prunes = running.filter((c) => (c.actions.length === 0 ? !(defaultOff && /^false$/i.test(scalarText(defaultOff.value) ?? '')) : runsAction(c, 'prune')));
    if (prunes.length === 0) {
      const named = running[0] as BorgmaticCommand;
      return unbounded(`the scheduled borgmatic command runs ${named.actions.length > 0 ? named.actions.join(', ') : 'no action (default_actions: false)'} but never prune`, [
        { ...named.inv.at, note: 'borgmatic run without the prune action' },
      ]);
    }
    // borg 1.2+ frees the space of pruned archives only at `borg compact` (borg 1.2 docs `borg compact`).
    const compacts = prunes.some((c) => runsAction(c, 'compact'));
    if (!compacts) {
      const c = prunes[0] as BorgmaticCommand;
      return unbounded('prune runs but compact never does: borg 1.2+ frees the data of pruned archives only at compact', [{ ...c.inv.at, note: 'borgmatic run without compact' }]);
    }
  }
  const lateBy = longestSeconds(interval);
  const bounds = borgBounds(policy, nominalSeconds(interval), lateBy);
  const notes: string[] = [];
  if (options.has('match_archives') || options.has('prefix')) notes.push('only archives matching match_archives/prefix are pruned; others are kept for ever');
  if (bounds.nominal !== undefined && bounds.nominal !== Infinity) {
    notes.push('keep counts skip periods without a backup, so if backups stop, old archives stay');
  }
  if (policy.counts.length + policy.within.length === 0) bounds.description = 'no keep_* option: borg prune refuses to run, so nothing is ever deleted';
  // With keep_within the only keep rule, lowering it where it is written is the whole fix.
  const only = policy.counts.length === 0 && policy.within.length === 1 ? policy.within[0] : undefined;
  const edit = only ? { at: only.at, find: /keep_within\s*:\s*(?<old>[0-9]+[HdwmyS]|"[0-9]+[HdwmyS]"|'[0-9]+[HdwmyS]')\s*(?:#.*)?$/, text: '{{days}}d' } : undefined;
  return retentionFromBounds(bounds, notes, lateBy, '', only ? 'keep_within: {{days}}d' : fixTemplate, evidence, edit);
}

/**
 * borgmatic: every configuration file at the default paths or named with -c by a scheduled
 * `borgmatic` command, each an independent backup (borgmatic docs "How to set up backups", config paths).
 */
export function readBorgmatic(files: RootFiles, jobs: ScheduledJob[]): SoftwareReading {
  const reading: SoftwareReading = { files: [], searched: [], diagnostics: [], practices: [], logRetention: [] };
  const commands = findInvocations(files, jobs, 'borgmatic').map(readBorgmaticCommand);
  const configs = new Map<string, BorgmaticCommand[]>();
  const defaults = DEFAULT_PATHS.flatMap((p) => expandConfigPath(files, p));
  appendAll(reading.searched, DEFAULT_PATHS.map((p) => p.slice(1)));
  for (const p of defaults) configs.set(p, []);
  for (const c of commands) {
    const paths = c.configs.length > 0 ? c.configs.flatMap((p) => expandConfigPath(files, p)) : defaults;
    for (const missing of c.configs.filter((p) => expandConfigPath(files, p).length === 0)) {
      reading.diagnostics.push({ code: 'config-warning', message: `borgmatic is run with -c ${missing}, which is not under the root`, position: c.inv.at });
    }
    for (const p of paths) groupInto(configs, p, c);
  }
  for (const [path, cmds] of configs) readOneConfig(files, path, cmds, reading);
  return reading;
}
