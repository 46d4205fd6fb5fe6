import { posix } from 'node:path';
import type { Diagnostic } from '../../../inventory/diagnostic.js';
import type { Evidence, Tri } from '../../../inventory/evidence.js';
import type { SoftwareReading } from '../../../inventory/log-retention.js';
import type { BackupPractice, Interval, Retention } from '../../../inventory/practice.js';
import { parseYaml } from '../../../formats/yaml/parse-yaml.js';
import type { YamlMap, YamlNode } from '../../../formats/yaml/yaml-tree.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { RootFiles } from '../../../files/root-files.js';
import type { ShellWord } from '../../scheduled-jobs/shell-words.js';
import { intervalFromInvocations, scheduling } from '../borg/interval-from-jobs.js';
import { forever, longestSeconds, nominalSeconds, timeBound, unknownFigure } from '../../../inventory/retention.js';
import { findInvocations, type Invocation } from '../borg/tool-invocations.js';
import { parseResticDuration, resticBounds, retentionFromBounds, type KeepPolicy, type KeepUnit } from '../keep-rules.js';
import { locationCron } from './location-cron.js';
import { withKeepEdit } from '../keep-edit.js';
import { appendAll } from '../../../arrays/append-all.js';
import { groupInto } from '../../../arrays/group-into.js';

/**
 * Where autorestic looks for its config without -c (autorestic internal/config.go: viper
 * config name `.autorestic` in `.`, `$HOME` and `$HOME/.config/autorestic`), for root.
 */
const DEFAULT_PATHS = ['/root/.autorestic.yml', '/root/.autorestic.yaml', '/root/.config/autorestic/.autorestic.yml', '/root/.config/autorestic/.autorestic.yaml'];

/** Keys of autorestic 1.x config (docs/pages/config.md, location/*.md, backend/*.md). */
const TOP_KEYS = new Set(['version', 'extras', 'global', 'locations', 'backends']);
const LOCATION_KEYS = new Set(['from', 'to', 'type', 'cron', 'hooks', 'options', 'forget', 'copy']);
const BACKEND_KEYS = new Set(['type', 'path', 'key', 'env', 'rest', 'options', 'requireKey', 'init']);

const KEEP: Record<string, KeepUnit> = { 'keep-last': 'last', 'keep-hourly': 'hourly', 'keep-daily': 'daily', 'keep-weekly': 'weekly', 'keep-monthly': 'monthly', 'keep-yearly': 'yearly' };
const WITHIN: Record<string, 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly' | undefined> = {
  'keep-within': undefined, 'keep-within-hourly': 'hourly', 'keep-within-daily': 'daily', 'keep-within-weekly': 'weekly', 'keep-within-monthly': 'monthly', 'keep-within-yearly': 'yearly',
};

function get(node: YamlNode | undefined, key: string): YamlNode | undefined {
  if (node?.kind !== 'map') return undefined;
  return [...node.entries].reverse().find((p) => p.key.kind === 'scalar' && p.key.text === key)?.value;
}
function keyAt(node: YamlNode | undefined, key: string): YamlNode['at'] | undefined {
  if (node?.kind !== 'map') return undefined;
  return [...node.entries].reverse().find((p) => p.key.kind === 'scalar' && p.key.text === key)?.key.at;
}
function text(node: YamlNode | undefined): string | undefined {
  return node?.kind === 'scalar' ? node.text : undefined;
}

function checkKeys(node: YamlNode | undefined, known: Set<string>, where: string, diagnostics: Diagnostic[]): void {
  if (node?.kind !== 'map') return;
  for (const p of node.entries) {
    const name = p.key.kind === 'scalar' ? p.key.text : '';
    if (!known.has(name)) diagnostics.push({ code: 'config-warning', message: `autorestic: unknown key "${name}" in ${where}; autorestic ignores it`, position: p.key.at });
  }
}

/** Finds `insecure-no-password` anywhere in an options tree (options are passed to restic as flags). */
function findInsecure(node: YamlNode | undefined): YamlNode['at'] | undefined {
  if (!node) return undefined;
  if (node.kind === 'map') {
    for (const p of node.entries) {
      if (p.key.kind === 'scalar' && p.key.text === 'insecure-no-password') return p.key.at;
      const inner = findInsecure(p.value);
      if (inner) return inner;
    }
  }
  if (node.kind === 'seq') for (const i of node.items) if (text(i) === '--insecure-no-password' || text(i) === 'insecure-no-password') return i.at;
  return undefined;
}

function configPathOf(inv: Invocation): string | undefined {
  const w = inv.words;
  for (let i = 1; i < w.length; i++) {
    const v = (w[i] as ShellWord).value;
    if (v === '-c' || v === '--config') return w[i + 1]?.value;
    if (v.startsWith('--config=')) return v.slice('--config='.length);
  }
  return undefined;
}

/** The autorestic subcommand and its -l/--location names (`-a`/`--all` = every location). */
function commandOf(inv: Invocation): { sub: string | undefined; locations: string[] | 'all'; prune: boolean } {
  let sub: string | undefined;
  const locations: string[] = [];
  let all = false;
  let prune = false;
  const w = inv.words;
  for (let i = 1; i < w.length; i++) {
    const v = (w[i] as ShellWord).value;
    if (v === '-c' || v === '--config') i++;
    else if (v === '-l' || v === '--location') locations.push(w[++i]?.value ?? '');
    else if (v.startsWith('--location=')) locations.push(v.slice(11));
    else if (v === '-a' || v === '--all') all = true;
    else if (v === '--prune') prune = true;
    else if (!v.startsWith('-') && sub === undefined) sub = v;
  }
  return { sub, locations: all ? 'all' : locations, prune };
}

/**
 * autorestic (cupcakearmy/autorestic docs/pages/config.md, docs/pages/location/options/forget.md): one practice per location of each `.autorestic.yml` read.
 * Backends are restic repositories, so always encrypted unless restic is given
 * `insecure-no-password` through `options`.
 */
export function readAutorestic(files: RootFiles, jobs: ScheduledJob[]): SoftwareReading {
  const reading: SoftwareReading = { files: [], searched: DEFAULT_PATHS.map((p) => p.slice(1)), diagnostics: [], practices: [], logRetention: [] };
  const invocations = findInvocations(files, jobs, 'autorestic');
  const byConfig = new Map<string, Invocation[]>();
  const defaults = DEFAULT_PATHS.filter((p) => files.read(p) !== undefined);
  for (const p of defaults) byConfig.set(p, []);
  for (const inv of invocations) {
    const given = configPathOf(inv);
    const path = given !== undefined ? posix.normalize(given) : defaults[0];
    if (path === undefined) continue;
    if (files.read(path) === undefined) {
      reading.diagnostics.push({ code: 'config-warning', message: `autorestic is run with -c ${path}, which is not under the root`, position: inv.at });
      continue;
    }
    groupInto(byConfig, path, inv);
  }
  for (const [path, invs] of byConfig) readConfig(files, path, invs, reading);
  return reading;
}

function readConfig(files: RootFiles, path: string, invs: Invocation[], reading: SoftwareReading): void {
  const host = files.host(path);
  reading.files.push(host);
  const parsed = parseYaml(host, files.read(path) as string);
  appendAll(reading.diagnostics, parsed.errors, parsed.warnings);
  if (parsed.root === undefined || parsed.root.kind !== 'map') {
    if (parsed.errors.length === 0) reading.diagnostics.push({ code: 'config-error', message: `autorestic: ${path} has no locations`, position: { file: host, line: 1, column: 1 } });
    return;
  }
  const root: YamlMap = parsed.root;
  checkKeys(root, TOP_KEYS, 'the top level', reading.diagnostics);
  const backends = get(root, 'backends');
  if (backends?.kind === 'map') for (const b of backends.entries) checkKeys(b.value, BACKEND_KEYS, `backend ${text(b.key) ?? ''}`, reading.diagnostics);
  const locations = get(root, 'locations');
  if (locations?.kind !== 'map') {
    reading.diagnostics.push({ code: 'config-error', message: `autorestic: ${path} has no locations mapping`, position: root.at });
    return;
  }
  const global = get(root, 'global');
  for (const loc of locations.entries) {
    const name = text(loc.key) ?? '';
    checkKeys(loc.value, LOCATION_KEYS, `location ${name}`, reading.diagnostics);
    const targets = ((): string[] => {
      const to = get(loc.value, 'to');
      return to?.kind === 'seq' ? to.items.map((i) => text(i) ?? '') : [text(to) ?? ''];
    })();
    const applies = (c: ReturnType<typeof commandOf>): boolean => c.locations === 'all' || c.locations.includes(name);
    // Encryption: options of global, the location, and its backends reach restic as flags.
    let encrypted: Tri = true;
    let encryption = 'autorestic backends are restic repositories, which are always encrypted';
    const evidence: Evidence[] = [{ ...loc.key.at, note: `autorestic location ${name}` }];
    const insecure = findInsecure(get(global, 'all')) ?? findInsecure(global) ?? findInsecure(get(loc.value, 'options')) ?? targets.map((t) => findInsecure(get(get(backends, t), 'options'))).find((x) => x);
    if (insecure) {
      encrypted = false;
      encryption = 'insecure-no-password in options: restic uses an empty password';
      evidence.push({ ...insecure, note: 'insecure-no-password passed to restic' });
    }
    const { interval, neverScheduled } = locationInterval(files, name, loc.value, invs.filter((i) => ['cron', 'backup'].includes(commandOf(i).sub ?? '') && (commandOf(i).sub === 'cron' || applies(commandOf(i)))), reading.diagnostics);
    const retention = locationRetention(files, name, loc.value, global, invs.filter((i) => commandOf(i).sub === 'forget' && applies(commandOf(i))), interval, reading.diagnostics);
    const from = get(loc.value, 'from');
    const paths = from?.kind === 'seq' ? from.items.map((i) => text(i) ?? '') : text(from) !== undefined ? [text(from) as string] : [];
    const practice: BackupPractice = {
      kind: 'backup',
      subject: { software: 'autorestic', name: `${path}#${name}`, kind: 'backup' },
      evidence,
      tool: 'autorestic',
      encrypted,
      encryption,
      retention,
      interval,
      contents: { paths: paths.filter((p) => p.startsWith('/')), databases: [], known: text(get(loc.value, 'type')) !== 'volume' && paths.every((p) => p.startsWith('/')) },
      ...(neverScheduled ? { neverScheduled } : {}),
    };
    if (!encrypted) practice.encryptFix = 'remove insecure-no-password from the options, and back up into a new backend initialised with a key';
    reading.practices.push(practice);
  }
}

function locationInterval(files: RootFiles, name: string, loc: YamlNode, invs: Invocation[], diagnostics: Diagnostic[]): { interval: Interval; neverScheduled?: string } {
  const direct = invs.filter((i) => commandOf(i).sub === 'backup');
  let directSchedule: { interval: Interval; neverScheduled?: string } | undefined;
  if (direct.length > 0) {
    directSchedule = scheduling(files, direct, `autorestic backup of ${name}`);
    if (directSchedule.interval.bound === 'time') return directSchedule;
  }
  const cron = get(loc, 'cron');
  if (cron === undefined) {
    if (directSchedule) return directSchedule;
    const why = `location ${name} has no cron: key and no job runs autorestic backup for it`;
    return { interval: unknownFigure(why, why), neverScheduled: why };
  }
  const schedule = locationCron(text(cron) ?? '', cron.at, diagnostics);
  if (!schedule || schedule.interval === undefined) {
    return { interval: unknownFigure(`the cron: of location ${name} cannot be read`, `cron: ${text(cron) ?? ''}`, { evidence: [{ ...cron.at, note: `cron: ${text(cron) ?? ''}` }] }) };
  }
  // A location's cron runs only when `autorestic cron` runs (docs/pages/location/cron.md).
  const trigger = scheduling(files, invs.filter((i) => commandOf(i).sub === 'cron'), 'autorestic cron');
  const cronEvidence: Evidence = { ...cron.at, note: `cron: ${text(cron) ?? ''} — ${schedule.description}` };
  const triggerGap = longestSeconds(trigger.interval);
  if (trigger.interval.bound !== 'time' || triggerGap === undefined) {
    const why = `location ${name} has cron: ${text(cron) ?? ''}, which takes effect only when autorestic cron runs periodically: ${trigger.interval.bound === 'time' ? 'its longest gap cannot be computed' : trigger.interval.reason}`;
    return {
      interval: unknownFigure(why, `never scheduled: ${schedule.description}, but nothing runs autorestic cron`, { evidence: [cronEvidence, ...trigger.interval.evidence] }),
      ...(trigger.neverScheduled ? { neverScheduled: why } : {}),
    };
  }
  const cronWorst = schedule.worstCaseInterval ?? schedule.interval;
  // A due location runs at the next trigger, so a gap can grow by one trigger gap.
  const worst = triggerGap < cronWorst ? cronWorst + triggerGap : triggerGap;
  const description = `${schedule.description}, checked by autorestic cron ${trigger.interval.description}`;
  return {
    interval: timeBound(Math.max(schedule.interval, trigger.interval.nominal), description, { seconds: worst, reason: `a due location waits for the next run of autorestic cron (${trigger.interval.description})` }, {
      evidence: [cronEvidence, ...trigger.interval.evidence],
    }),
  };
}

function forgetPolicy(global: YamlNode | undefined, loc: YamlNode, diagnostics: Diagnostic[]): KeepPolicy & { invalid: string[] } {
  const policy: KeepPolicy & { invalid: string[] } = { counts: [], within: [], forever: [], invalid: [] };
  const merged = new Map<string, { value: YamlNode; key: YamlNode; own: boolean }>();
  for (const [source, own] of [[get(global, 'forget'), false], [get(get(loc, 'options'), 'forget'), true]] as const) {
    if (source?.kind !== 'map') continue;
    for (const p of source.entries) merged.set(text(p.key) ?? '', { value: p.value, key: p.key, own });
  }
  for (const [name, { value, key, own }] of merged) {
    const values = value.kind === 'seq' ? value.items : [value];
    for (const v of values) {
      const t = text(v) ?? '';
      const rule = `${name}: ${t}`;
      // Only a value in the location's own options is where its edit goes: a global one is shared.
      const where = { at: key.at, ...(own && value.kind === 'scalar' ? { valueAt: v.at } : {}) };
      if (name in KEEP) {
        if (t === 'unlimited' || /^-\d+$/.test(t)) policy.counts.push({ unit: KEEP[name] as KeepUnit, count: Infinity, text: rule, ...where });
        else if (/^\d+$/.test(t)) policy.counts.push({ unit: KEEP[name] as KeepUnit, count: Number(t), text: rule, ...where });
        else {
          diagnostics.push({ code: 'config-error', message: `autorestic: ${name} needs a count, not "${t}"`, position: v.at });
          policy.invalid.push(rule);
        }
      } else if (name in WITHIN) {
        const seconds = parseResticDuration(t);
        if (seconds === undefined) {
          diagnostics.push({ code: 'config-error', message: `autorestic: ${name} needs a restic duration of y, m, d and h (e.g. 7d), not "${t}"`, position: v.at });
          policy.invalid.push(rule);
        } else {
          const unit = WITHIN[name];
          policy.within.push({ seconds, text: rule, ...where, ...(unit ? { unit } : {}) });
        }
      } else if (name === 'keep-tag') policy.forever.push({ text: rule, at: key.at });
    }
  }
  return policy;
}

function locationRetention(files: RootFiles, name: string, loc: YamlNode, global: YamlNode | undefined, forgetJobs: Invocation[], interval: Interval, diagnostics: Diagnostic[]): Retention {
  const fixTemplate = `locations.${name}.forget: prune, with options.forget.keep-within: {{days}}d (and no other keep-* option)`;
  const policy = forgetPolicy(global, loc, diagnostics);
  const evidence: Evidence[] = [...policy.within, ...policy.counts, ...policy.forever].map((r) => ({ ...r.at, note: r.text }));
  const unbounded = (description: string, extra: Evidence[] = []): Retention => forever(description, { fixTemplate, evidence: [...extra, ...evidence] });
  if (policy.invalid.length > 0) {
    const why = `the forget options cannot be read: ${policy.invalid.join('; ')}`;
    return unknownFigure(why, why, { fixTemplate, evidence });
  }
  // docs/pages/location/forget.md: `forget: prune` forgets and prunes after each backup;
  // `forget: yes` only forgets (the data stays); without it, only a manual `autorestic forget`.
  const forget = get(loc, 'forget');
  const forgetText = text(forget);
  const pruneJobs = forgetJobs.filter((i) => commandOf(i).prune);
  let lateBy = longestSeconds(interval);
  if (forgetText !== 'prune') {
    if (pruneJobs.length === 0) {
      const why =
        forgetText === undefined
          ? `location ${name} has no forget: key and no job runs autorestic forget --prune for it, so snapshots are kept for ever`
          : `forget: ${forgetText} only forgets snapshots; their data stays in the repository until a prune`;
      return unbounded(why, forget ? [{ ...keyAtOf(loc, 'forget'), note: `forget: ${forgetText ?? ''}` }] : []);
    }
    const forgetInterval = intervalFromInvocations(files, pruneJobs, 'autorestic forget --prune');
    const forgetGap = longestSeconds(forgetInterval);
    if (forgetGap === undefined) {
      return unbounded(`autorestic forget --prune is not run periodically: ${forgetInterval.bound === 'time' ? 'its longest gap cannot be computed' : forgetInterval.reason}`);
    }
    lateBy = lateBy === undefined ? undefined : lateBy + forgetGap;
  }
  const bounds = resticBounds(policy, nominalSeconds(interval), lateBy);
  const forgetEvidence = forget ? [{ ...keyAtOf(loc, 'forget'), note: `forget: ${forgetText ?? ''}` }] : [];
  const retention = retentionFromBounds(bounds, [], lateBy, "restic's buckets are calendar periods, and ", fixTemplate, [...evidence, ...forgetEvidence]);
  // autorestic passes options.forget to restic forget as flags (docs/pages/location/forget.md):
  // one keep rule in the location's own options is edited as restic's is (keep-edit.ts).
  const own = [...policy.counts, ...policy.within].every((r) => r.valueAt !== undefined);
  return own ? withKeepEdit(retention, policy, nominalSeconds(interval), `locations.${name}.options.forget:`, fixTemplate) : retention;
}

function keyAtOf(node: YamlNode, key: string): YamlNode['at'] {
  return keyAt(node, key) ?? node.at;
}
