import type { Evidence } from '../../inventory/evidence.js';
import type { MessageArchivePractice, Retention } from '../../inventory/practice.js';
import type { ProsodySection } from './config-model.js';
import { dailyCleanupRetention, unknownRetention, type ProsodyContext } from './context.js';
import { PROSODY_DEFAULTS } from './defaults.js';
import { and3 } from './module-set.js';
import type { OptionReading } from './option-reader.js';
import { readArchiveExpiry012, readPeriod13 } from './periods.js';
import { forever, nothingKept } from '../../inventory/retention.js';
import { optionValueEdit } from './option-edit.js';

/** One-to-one archives (mod_mam on each VirtualHost) and group chat archives (MUC components). */
export function interpretArchives(ctx: ProsodyContext): void {
  for (const host of ctx.activeSections('host')) interpretOneToOne(ctx, host);
  // A component whose module is known only at runtime (`Component "x" (ENV_MODULE)`, or one
  // declared inside `if ENV_X then … end`) may be a MUC: its archive is judged as uncertain
  // rather than absent.
  for (const muc of ctx.activeSections('component').filter((c) => ctx.loaded(c, 'muc') !== false)) interpretGroupchat(ctx, muc);
}

function interpretOneToOne(ctx: ProsodyContext, host: ProsodySection): void {
  const enabled = ctx.loaded(host, 'mam');
  const evidence = ctx.moduleEvidence(host, 'mam');
  const expiry = ctx.read(host, 'archive_expires_after', PROSODY_DEFAULTS.archive_expires_after, 'mod_mam');
  const policy = readDefaultArchivePolicy(ctx, host);
  ctx.emit({
    kind: 'message-archive',
    scope: 'one-to-one',
    subject: ctx.subject(host),
    enabled,
    defaultPolicy: policy.value,
    defaultPolicyEvidence: policy.evidence,
    optInFix: ctx.release === '0.12' ? 'default_archive_policy = false' : 'default_archive_policy = "never"',
    disableFix: 'remove "mam" from modules_enabled',
    retention: enabled === false ? notKept(evidence) : archiveRetention(ctx, expiry, 'one-to-one messages'),
    evidence,
  });
}

function interpretGroupchat(ctx: ProsodyContext, muc: ProsodySection): void {
  // Global modules are not inherited by components (core/modulemanager.lua:41-50): muc_mam has
  // to be listed under the Component itself.
  const isMuc = ctx.loaded(muc, 'muc');
  // A plugin of the MUC: when the component's module is unknown it is not also one of these.
  const enabled = and3(isMuc, ctx.modules(muc).plugin('muc_mam'));
  const evidence = isMuc === true ? ctx.moduleEvidence(muc, 'muc_mam') : [...ctx.moduleEvidence(muc, 'muc'), ...ctx.moduleEvidence(muc, 'muc_mam')];
  const expiry = ctx.read(muc, 'muc_log_expires_after', PROSODY_DEFAULTS.muc_log_expires_after, 'mod_muc_mam');
  const byDefault = ctx.read(muc, 'muc_log_by_default', PROSODY_DEFAULTS.muc_log_by_default, 'mod_muc_mam');
  const allRooms = ctx.read(muc, 'muc_log_all_rooms', PROSODY_DEFAULTS.muc_log_all_rooms, 'mod_muc_mam');
  const defaultPolicy =
    allRooms.scalar === true || byDefault.scalar === true ? 'always' : byDefault.unknown || allRooms.unknown ? 'unknown' : 'never';
  ctx.emit({
    kind: 'message-archive',
    scope: 'groupchat',
    subject: ctx.subject(muc),
    enabled,
    defaultPolicy,
    defaultPolicyEvidence: [byDefault.evidence, allRooms.evidence],
    retention: enabled === false ? notKept(evidence) : archiveRetention(ctx, expiry, 'group chat messages'),
    evidence,
  });
  interpretCommunityRoomLogs(ctx, muc);
}

/**
 * Community mod_muc_log writes room logs to the data store with no expiry option at all
 * (prosody-modules mod_muc_log/mod_muc_log.lua:15-16): logged rooms are kept forever.
 */
function interpretCommunityRoomLogs(ctx: ProsodyContext, muc: ProsodySection): void {
  const isMuc = ctx.loaded(muc, 'muc');
  const enabled = and3(isMuc, ctx.modules(muc).plugin('muc_log'));
  if (enabled === false) return;
  const evidence = isMuc === true ? ctx.moduleEvidence(muc, 'muc_log') : [...ctx.moduleEvidence(muc, 'muc'), ...ctx.moduleEvidence(muc, 'muc_log')];
  const byDefault = ctx.read(muc, 'muc_log_by_default', PROSODY_DEFAULTS.muc_log_by_default_community, 'mod_muc_log');
  const practice: MessageArchivePractice = {
    kind: 'message-archive',
    scope: 'groupchat',
    subject: { ...ctx.subject(muc), kind: 'room-log' },
    enabled,
    defaultPolicy: byDefault.scalar === true ? 'always' : byDefault.unknown ? 'unknown' : 'never',
    defaultPolicyEvidence: [byDefault.evidence],
    retention: forever('room logs of mod_muc_log kept forever (the module has no expiry option)', { evidence }),
    evidence,
  };
  ctx.emit(practice);
}

function archiveRetention(ctx: ProsodyContext, expiry: OptionReading, what: string): Retention {
  if (expiry.unknown) return unknownRetention(expiry, what);
  const period = ctx.release === '0.12' ? readArchiveExpiry012(expiry.scalar, expiry.name) : readPeriod13(expiry.scalar, '1w', expiry.name);
  if (period.problem) {
    const fix = problemFix(ctx.release, period.intendedSeconds);
    ctx.problem(expiry.evidence, period.problem, `${expiry.name} = ${fix.value}${fix.note}`, optionValueEdit(expiry, fix.value));
  }
  return dailyCleanupRetention(expiry, period, what, periodTemplate(expiry.name, ctx.release), periodValue(ctx.release));
}

/** How to write a period in each release: 0.12's own parser knows d, w, m and y only. */
export function periodTemplate(option: string, release: string): string {
  return `${option} = ${periodValue(release)}`;
}

/** The period as a Lua value, `{{days}}` where the figure goes. */
export function periodValue(release: string): string {
  return release === '0.12' ? '"{{days}}d"' : '"{{days}} days"';
}

/** 0.12 reads a bare number as seconds: the one way to write hours or minutes there. */
function problemFix(release: string, intendedSeconds: number | undefined): { value: string; note: string } {
  if (release === '0.12' && intendedSeconds !== undefined) return { value: String(intendedSeconds), note: ' -- seconds: 0.12 understands only d, w, m (months) and y' };
  return release === '0.12' ? { value: '"21d"', note: ' -- 0.12 understands d, w, m (months) and y' } : { value: '"21 days"', note: '' };
}

function notKept(evidence: Evidence[]): Retention {
  return nothingKept('nothing archived', { evidence });
}

/**
 * default_archive_policy. 0.12 (mamprefs.lib.lua:13-16): true (default), false or "roster";
 * "always"/"never" are not understood: an error is logged and nothing is archived by default.
 * 13.0 (mamprefs.lib.lua:13-20): "always" (default), "roster", "never", true, false.
 */
function readDefaultArchivePolicy(
  ctx: ProsodyContext,
  host: ProsodySection,
): { value: MessageArchivePractice['defaultPolicy']; evidence: Evidence[] } {
  const reading = ctx.read(host, 'default_archive_policy', PROSODY_DEFAULTS.default_archive_policy, 'mod_mam');
  const smart = ctx.read(host, 'mam_smart_enable', PROSODY_DEFAULTS.mam_smart_enable, 'mod_mam');
  const evidence = [reading.evidence];
  if (reading.unknown) return { value: 'unknown', evidence };
  const v = reading.scalar;
  let value: MessageArchivePractice['defaultPolicy'];
  if (v === true || v === 'true' || v === 1) value = 'always';
  else if (v === false || v === 'false' || v === 0) value = 'never';
  else if (v === 'roster') value = 'roster';
  else if (ctx.release === '13.0' && (v === 'always' || v === 'never')) value = v;
  else if (ctx.release === '0.12' && (v === 'always' || v === 'never')) {
    ctx.problem(
      reading.evidence,
      `Prosody 0.12 does not understand default_archive_policy = "${v}" (it logs an error and archives nothing by default); 0.12 takes true, false or "roster"`,
      `default_archive_policy = ${v === 'always' ? 'true' : 'false'}`,
    );
    value = 'never';
  } else {
    ctx.problem(reading.evidence, `default_archive_policy = ${JSON.stringify(v)} is not understood by Prosody ${ctx.release}; nothing is archived by default`);
    value = 'never';
  }
  // mam_smart_enable: archiving stays off for a user until a MAM-capable client queries the
  // archive (0.12 mamprefs.lib.lua:17,36-60); then the default policy applies.
  if (smart.scalar === true && value !== 'never') evidence.push(smart.evidence);
  return { value, evidence };
}
