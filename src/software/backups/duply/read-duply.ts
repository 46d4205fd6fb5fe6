import type { Tri } from '../../../inventory/evidence.js';
import type { SoftwareReading } from '../../../inventory/log-retention.js';
import type { BackupPractice, Interval } from '../../../inventory/practice.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { RootFiles } from '../../../files/root-files.js';
import { jobTexts } from '../dump-scripts/job-texts.js';
import { findInvocations, type Invocation } from '../dump-scripts/tool-invocations.js';
import { chainRetention, type FullEvery, type Removal } from '../duplicity/chain-retention.js';
import { describeDuration } from '../../../config/duration.js';
import { parseDuplicityInterval } from '../duplicity/duplicity-time.js';
import { readDuplyConf, type DuplyConf } from './read-duply-conf.js';
import { scheduling } from '../borg/interval-from-jobs.js';
import { unknownFigure } from '../../../inventory/retention.js';
import { appendAll } from '../../../arrays/append-all.js';
import { groupInto } from '../../../arrays/group-into.js';

interface DuplyRun {
  invocation: Invocation;
  job: ScheduledJob;
  commands: string[];
  /** Words after the batch: `duply PROFILE purge 30D` gives purge its max_age instead of MAX_AGE. */
  params: string[];
  force: boolean;
  disableEncryption: boolean;
}

// Batch separators `_` (and), `+` (and), `-` (or) (duply 2.4.1 usage "SEPARATORS").
const split = (batch: string): string[] => batch.split(/[_+-]/).map((c) => c.toLowerCase()).filter((c) => c !== '' && c !== 'and' && c !== 'or');
const BACKUP = new Set(['backup', 'bkp', 'incr', 'full']);

/**
 * Where `duply PROFILE` looks for the profile (duply 2.4.1 /usr/bin/duply set_config, lines
 * 197-226): a name with `/` is a path; else ~/.duply/PROFILE if ~/.duply exists; else
 * ~/.ftplicity; else, for root, /etc/duply/PROFILE if /etc/duply exists; else /etc/ftplicity.
 */
function profileDir(files: RootFiles, profile: string, user: string | undefined): string {
  if (profile.includes('/')) return profile.replace(/\/$/, '');
  const home = user === undefined || user === 'root' ? '/root' : `/home/${user}`;
  if (files.list(`${home}/.duply`) !== undefined) return `${home}/.duply/${profile}`;
  if (files.list(`${home}/.ftplicity`) !== undefined) return `${home}/.ftplicity/${profile}`;
  if (home === '/root' && files.list('/etc/duply') !== undefined) return `/etc/duply/${profile}`;
  if (home === '/root' && files.list('/etc/ftplicity') !== undefined) return `/etc/ftplicity/${profile}`;
  return `${home}/.duply/${profile}`;
}

/**
 * The parameters after the batch: a word that neither starts with `-` nor follows one (those are
 * forwarded to duplicity as options), duply 2.4.1 /usr/bin/duply:1594-1613.
 */
function paramsOf(words: string[]): string[] {
  return words.filter((w, i) => !w.startsWith('-') && !(words[i - 1] ?? '').startsWith('-'));
}

export function readDuply(files: RootFiles, jobs: ScheduledJob[]): SoftwareReading {
  const reading: SoftwareReading = { files: [], searched: ['etc/duply', 'root/.duply'], diagnostics: [], practices: [], logRetention: [] };
  const { texts } = jobTexts(files, jobs);
  const runsByDir = new Map<string, DuplyRun[]>();
  for (const invocation of findInvocations(texts, new Set(['duply']))) {
    const [profile, batch] = invocation.args.filter((a) => !a.startsWith('-'));
    if (profile === undefined || batch === undefined) continue;
    const dir = profileDir(files, profile, invocation.source.job.user);
    const run: DuplyRun = {
      invocation,
      job: invocation.source.job,
      commands: split(batch),
      params: paramsOf(invocation.args.slice(invocation.args.indexOf(batch) + 1)),
      force: invocation.args.includes('--force'),
      disableEncryption: invocation.args.includes('--disable-encryption'),
    };
    groupInto(runsByDir, dir, run);
  }
  const dirs = new Set<string>(runsByDir.keys());
  for (const base of ['/etc/duply', '/root/.duply']) for (const name of files.list(base) ?? []) dirs.add(`${base}/${name}`);
  for (const dir of [...dirs].sort()) {
    const text = files.read(`${dir}/conf`);
    if (text === undefined) {
      const run = runsByDir.get(dir)?.[0];
      if (run) {
        reading.diagnostics.push({
          code: 'include-error',
          message: `duply ${dir.replace(/^.*\//, '')}: no profile at ${dir}/conf under --root, so this backup's settings are unknown`,
          position: run.invocation.at,
        });
      }
      continue;
    }
    const host = files.host(files.resolve(`${dir}/conf`) ?? `${dir}/conf`);
    reading.files.push(host);
    const conf = readDuplyConf(host, text);
    appendAll(reading.diagnostics, conf.diagnostics);
    reading.practices.push(practiceFor(dir, conf, runsByDir.get(dir) ?? [], files));
  }
  return reading;
}

function practiceFor(dir: string, conf: DuplyConf, runs: DuplyRun[], files: RootFiles): BackupPractice {
  const profile = dir.replace(/^.*\//, '');
  const backups = runs.filter((r) => r.commands.some((c) => BACKUP.has(c)));
  const source = conf.values.get('SOURCE');
  const first = conf.values.get('TARGET') ?? source;
  const { interval, neverScheduled } = intervalOf(dir, profile, backups, files);
  return {
    kind: 'backup',
    subject: { software: 'duply', name: profile, kind: 'backup' },
    evidence: [{ ...(first?.at ?? { file: conf.file, line: 1, column: 1 }), note: `duply profile ${dir}` }],
    tool: 'duply',
    ...encryptionOf(conf, backups),
    retention: chainRetention(removals(conf, runs), fullEvery(conf, backups), 'MAX_AGE={{days}}D'),
    interval,
    ...(neverScheduled ? { neverScheduled } : {}),
    contents: {
      paths: source && !source.dynamic && source.value.startsWith('/') ? [source.value.replace(/(.)\/$/, '$1')] : [],
      databases: [],
      known: source !== undefined && !source.dynamic,
    },
  };
}

function encryptionOf(conf: DuplyConf, backups: DuplyRun[]): { encrypted: Tri; encryption: string; encryptFix?: string } {
  const fix = "GPG_KEY='<your key id>' (or GPG_PW='<passphrase>') in the profile's conf, and no --disable-encryption";
  const v = (name: string) => conf.values.get(name);
  if (backups.some((b) => b.disableEncryption)) return { encrypted: false, encryption: 'duply … --disable-encryption', encryptFix: fix };
  const key = v('GPG_KEY');
  if (key && /^disabled$/i.test(key.value)) return { encrypted: false, encryption: "GPG_KEY='disabled'", encryptFix: fix };
  if (conf.duplParams.some((p) => p.value.includes('--no-encryption'))) return { encrypted: false, encryption: 'DUPL_PARAMS holds --no-encryption', encryptFix: fix };
  const dynamic = ['GPG_KEY', 'GPG_KEYS_ENC', 'GPG_PW', 'GPG_KEY_SIGN'].find((n) => v(n)?.dynamic);
  if (dynamic) return { encrypted: 'unknown', encryption: `${dynamic} is computed at runtime (${v(dynamic)?.value})`, encryptFix: fix };
  // The template's placeholders make duply stop with an error (duply 2.4.1 DEFAULT_GPG_KEY='_KEY_ID_').
  if (key?.value === '_KEY_ID_' || v('GPG_PW')?.value === '_GPG_PASSWORD_') {
    return { encrypted: 'unknown', encryption: "the profile still has the template's placeholders (_KEY_ID_ / _GPG_PASSWORD_): duply refuses to run", encryptFix: fix };
  }
  const keys = [key, v('GPG_KEYS_ENC')].filter((k) => k !== undefined && k.value !== '');
  if (keys.length > 0) return { encrypted: true, encryption: `GnuPG public key (${keys.map((k) => k?.value).join(', ')})` };
  const pw = v('GPG_PW');
  if (pw && pw.value !== '') return { encrypted: true, encryption: 'GnuPG symmetric (GPG_PW)' };
  if (pw) return { encrypted: 'unknown', encryption: "GPG_PW='' : symmetric encryption with an empty passphrase protects nothing", encryptFix: fix };
  if (v('GPG_KEY_SIGN')?.value) return { encrypted: 'unknown', encryption: 'only GPG_KEY_SIGN is set: signing, with no encryption key or passphrase', encryptFix: fix };
  // duply 2.4.1 /usr/bin/duply:1650-1661: all of them empty → a warning, then GPG_KEY='disabled'.
  return {
    encrypted: false,
    encryption: 'GPG_KEY, GPG_KEYS_ENC, GPG_KEY_SIGN and GPG_PW are all unset: duply disables encryption with only a warning',
    encryptFix: fix,
  };
}

/**
 * The profile's `MAX_AGE=` value, quoted or not, as the edit of a purge that reads it. The new
 * value is a duplicity interval in days (`22D`): duply passes MAX_AGE to `duplicity
 * remove-older-than` (duply 2.4.1 /usr/bin/duply:2207-2210), whose TIME FORMATS take `<n>D`.
 */
const MAX_AGE_VALUE = /MAX_AGE=(?:'(?<old>[^']*)'|"(?<old2>[^"]*)"|(?<old3>[^\s'"#;]*))/;

function removals(conf: DuplyConf, runs: DuplyRun[]): Removal[] {
  const out: Removal[] = [];
  const maxAge = conf.values.get('MAX_AGE');
  const maxFull = conf.values.get('MAX_FULL_BACKUPS');
  for (const run of runs) {
    for (const c of run.commands) {
      // purgeAuto runs purge / purgeFull for whichever of MAX_AGE / MAX_FULL_BACKUPS is set (duply 2.4.1:2021-2025).
      // `duply PROFILE purge 30D` takes max_age from its parameter before MAX_AGE (duply 2.4.1:2207),
      // and so does the purge that purgeAuto runs when MAX_AGE is set: then MAX_AGE is not what decides.
      const purges = c === 'purge' || (c === 'purgeauto' && maxAge !== undefined);
      const param = purges ? run.params[0] : undefined;
      const fromConf = purges && param === undefined ? maxAge : undefined;
      const full = c === 'purgefull' || c === 'purgeauto' ? maxFull : undefined;
      const ageText = param ?? (fromConf && !fromConf.dynamic ? fromConf.value : undefined);
      const seconds = ageText !== undefined ? parseDuplicityInterval(ageText) : undefined;
      if (seconds !== undefined) {
        const removal: Removal = { kind: 'older-than', value: seconds, force: run.force, text: param !== undefined ? `duply ${c} ${param}` : `duply ${c} (MAX_AGE=${ageText ?? ''})`, at: run.invocation.at, job: run.job };
        // A line that is not a plain assignment (a sourced file, a condition) may set MAX_AGE again
        // when bash runs the profile: then the value written here may not be the one purge reads.
        if (fromConf && conf.diagnostics.length === 0) removal.edit = { at: fromConf.at, find: MAX_AGE_VALUE, text: '{{days}}D' };
        out.push(removal);
      }
      const n = full && !full.dynamic ? Number(full.value) : NaN;
      if (full && Number.isInteger(n) && n > 0) out.push({ kind: 'all-but-n-full', value: n, force: run.force, text: `duply ${c} (MAX_FULL_BACKUPS=${n})`, at: run.invocation.at, job: run.job });
    }
  }
  return out;
}

function fullEvery(conf: DuplyConf, backups: DuplyRun[]): FullEvery | undefined {
  const options: FullEvery[] = [];
  const age = conf.values.get('MAX_FULLBKP_AGE');
  // MAX_FULLBKP_AGE only acts when DUPL_PARAMS passes it on as --full-if-older-than (duply template).
  const passed = conf.duplParams.find((p) => p.value.includes('--full-if-older-than'));
  const literal = passed ? /--full-if-older-than\s+(\d+[smhDWMY][0-9smhDWMY]*)/.exec(passed.value)?.[1] : undefined;
  const value = literal ?? (passed && age && !age.dynamic ? age.value : undefined);
  const seconds = value !== undefined ? parseDuplicityInterval(value) : undefined;
  if (passed && value !== undefined && seconds !== undefined) options.push({ seconds, description: `every ${value} (--full-if-older-than via DUPL_PARAMS)`, at: passed.at });
  for (const b of backups) {
    const s = b.job.schedule.worstCaseInterval;
    if (b.commands.includes('full') && s !== undefined) options.push({ seconds: s, description: `every ${describeDuration(s)} (duply full, ${b.job.schedule.description})`, at: b.invocation.at });
  }
  return options.sort((a, b) => a.seconds - b.seconds)[0];
}

function intervalOf(dir: string, profile: string, backups: DuplyRun[], files: RootFiles): { interval: Interval; neverScheduled?: string } {
  if (backups.length === 0) {
    const shadow = dir.startsWith('/etc/duply/') && files.list('/root/.duply') !== undefined ? `; /root/.duply exists, so \`duply ${profile}\` run as root reads /root/.duply/${profile} instead` : '';
    const why = `no cron line or timer runs \`duply ${profile} backup\` (duply ships no enabled timer)${shadow}`;
    return { interval: unknownFigure(why, 'not scheduled'), neverScheduled: why };
  }
  return scheduling(files, backups.map((b) => ({ job: b.job, at: b.invocation.at })), `duply ${profile} backup`);
}
