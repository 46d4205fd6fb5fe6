import type { Evidence } from '../../inventory/evidence.js';
import type { MessageArchivePractice, Retention } from '../../inventory/practice.js';
import type { CleanupAction } from '../scheduled-jobs/job-model.js';
import { EJABBERD_DEFAULTS } from './defaults.js';
import { mapGet, scalarText } from './fast-yaml-value.js';
import type { EjabberdContext } from './interpret-context.js';
import { coversHost, retentionFromJobs } from './interpret-jobs.js';
import { forever, nothingKept, timeBound } from '../../inventory/retention.js';
import { findRounding } from '../scheduled-jobs/job-figures.js';

const DAY = 86400;

/** What ejabberd keeps per host: archives, room logs, offline messages, uploads, accounts. */
export function interpretStorage(ctx: EjabberdContext): void {
  for (const { name: host } of ctx.hosts) {
    oneToOneArchive(ctx, host);
    groupchatArchive(ctx, host);
    offlineMessages(ctx, host);
    uploads(ctx, host);
    inactiveAccounts(ctx, host);
  }
}

const mamDays = (type: 'chat' | 'groupchat', host: string) => (a: CleanupAction): number | undefined =>
  a.kind === 'ejabberd-delete-old-mam-messages' && (a.type === 'all' || a.type === type) && coversHost(a, host) ? a.days : undefined;

/**
 * mod_mam: `default` never (mod_mam.erl mod_options/1) is only the server default: clients may
 * switch archiving on through MAM preferences unless `access_preferences` (default all) is
 * restricted — so it is opt-in, not disabled (ejabberd 23.01 src/mod_mam.erl mod_options/1).
 */
function oneToOneArchive(ctx: EjabberdContext, host: string): void {
  const mam = ctx.module(host, 'mod_mam');
  const evidence = ctx.moduleEvidence(host, 'mod_mam');
  if (!mam) {
    ctx.emit(archive(ctx, host, 'one-to-one', false, 'never', [], notKept(evidence), evidence));
    return;
  }
  const reading = ctx.moduleOption(mam, 'mod_mam', 'default', EJABBERD_DEFAULTS.mam_default);
  const policy = reading.text === 'always' || reading.text === 'roster' ? reading.text : 'never';
  const preferences = ctx.moduleOption(mam, 'mod_mam', 'access_preferences', EJABBERD_DEFAULTS.mam_access_preferences);
  if (policy === 'never' && preferences.text === 'none') {
    // Nobody may change the default `never`: nothing is ever archived (mod_mam.erl access_preferences).
    const off = [reading.evidence, preferences.evidence];
    ctx.emit(archive(ctx, host, 'one-to-one', false, 'never', off, notKept(off), [...evidence, ...off]));
    return;
  }
  const retention = retentionFromJobs(
    ctx,
    { days: mamDays('chat', host), what: 'one-to-one archive', command: 'delete_old_mam_messages chat {{days}}', looksFor: 'delete_old_mam_messages all|chat DAYS' },
    evidence[0],
  );
  ctx.emit(archive(ctx, host, 'one-to-one', true, policy, [reading.evidence], retention, evidence));
}

/**
 * Group chats: rooms are archived by mod_mam when the room's `mam` option is on
 * (mod_muc default_room_options.mam, default false; owners may switch it on unless access_mam
 * forbids). mod_muc_log writes room logs to disk for rooms with `logging: true`, with no expiry.
 */
function groupchatArchive(ctx: EjabberdContext, host: string): void {
  const muc = ctx.module(host, 'mod_muc');
  if (!muc) return;
  const roomDefaults = mapGet(muc.options, 'default_room_options');
  const roomMam = mapGet(roomDefaults, 'mam');
  const mamOn = scalarText(roomMam ?? { kind: 'atom', value: 'false', at: muc.at }) === 'true';
  const mam = ctx.module(host, 'mod_mam');
  const evidence: [Evidence] = [{ ...(roomMam?.at ?? muc.at), note: `default_room_options.mam: ${String(mamOn)}${roomMam ? '' : ' (default)'}` }];
  if (mam) {
    const retention = retentionFromJobs(
      ctx,
      { days: mamDays('groupchat', host), what: 'group chat archive', command: 'delete_old_mam_messages groupchat {{days}}', looksFor: 'delete_old_mam_messages all|groupchat DAYS' },
      evidence[0],
    );
    ctx.emit(archive(ctx, host, 'groupchat', true, mamOn ? 'always' : 'never', evidence, retention, [...ctx.moduleEvidence(host, 'mod_mam'), ...evidence]));
  } else {
    ctx.emit(archive(ctx, host, 'groupchat', false, 'never', evidence, notKept(evidence), ctx.moduleEvidence(host, 'mod_mam')));
  }
  const log = ctx.module(host, 'mod_muc_log');
  if (log) {
    const logging = scalarText(mapGet(roomDefaults, 'logging') ?? { kind: 'atom', value: 'false', at: log.at }) === 'true';
    const logEvidence = ctx.moduleEvidence(host, 'mod_muc_log');
    const practice = archive(ctx, host, 'groupchat', true, logging ? 'always' : 'never', logEvidence,
      forever('room logs written to disk by mod_muc_log, which has no expiry', { evidence: logEvidence }), logEvidence);
    ctx.emit({ ...practice, subject: { ...practice.subject, kind: 'room-log' } });
  }
}

/** mod_offline has no expiry (XEP-0023 only): `ejabberdctl delete_old_messages DAYS` jobs bound it. */
function offlineMessages(ctx: EjabberdContext, host: string): void {
  const offline = ctx.module(host, 'mod_offline');
  const evidence = ctx.moduleEvidence(host, 'mod_offline');
  const retention = offline
    ? retentionFromJobs(
        ctx,
        {
          days: (a) => (a.kind === 'ejabberd-delete-old-messages' && coversHost(a, host) ? a.days : undefined),
          what: 'offline messages',
          command: 'delete_old_messages {{days}}',
          looksFor: 'delete_old_messages DAYS',
          withoutJob: 'mod_offline has no expiry option: a message is deleted only when its recipient comes online to receive it',
        },
        evidence[0],
      )
    : notKept(evidence);
  ctx.emit({ kind: 'offline-messages', subject: ctx.subject(host), enabled: offline !== undefined, retention, evidence });
}

/**
 * mod_http_upload keeps files forever unless mod_http_upload_quota has `max_days` (default
 * infinity), swept once a day (mod_http_upload_quota.erl init/1, handle_info(sweep)); a find
 * job deleting from the docroot counts too.
 */
function uploads(ctx: EjabberdContext, host: string): void {
  const upload = ctx.module(host, 'mod_http_upload');
  if (!upload) return;
  const evidence = ctx.moduleEvidence(host, 'mod_http_upload');
  const jidInUrl = ctx.moduleOption(upload, 'mod_http_upload', 'jid_in_url', EJABBERD_DEFAULTS.upload_jid_in_url);
  if (jidInUrl.text === 'node') {
    ctx.warn(jidInUrl.evidence, 'jid_in_url: node puts the user name into every upload URL, so whoever gets a link learns who uploaded it', 'jid_in_url: sha1');
  }
  const docroot = uploadDocroot(ctx.moduleOption(upload, 'mod_http_upload', 'docroot', EJABBERD_DEFAULTS.upload_docroot).text, host);
  const quota = ctx.module(host, 'mod_http_upload_quota');
  let retention: Retention | undefined;
  if (quota) {
    const maxDays = ctx.moduleOption(quota, 'mod_http_upload_quota', 'max_days', EJABBERD_DEFAULTS.upload_max_days);
    const days = Number(maxDays.text);
    if (Number.isInteger(days) && days > 0) {
      retention = timeBound(
        days * DAY,
        `uploaded files deleted after ${days} days (mod_http_upload_quota max_days)`,
        { seconds: days * DAY + DAY, reason: 'mod_http_upload_quota sweeps once a day, so a file can live a day longer' },
        { fixTemplate: 'mod_http_upload_quota: { max_days: {{days}} }', cleanupLag: DAY, evidence: [maxDays.evidence] },
      );
    }
  }
  if (!retention) {
    const jobs = retentionFromJobs(
      ctx,
      {
        // A find job counts when it deletes in the docroot or a directory above it.
        days: (a) => (a.kind === 'delete-files-older-than' && within(docroot, a.directory) ? a.olderThan / DAY : undefined),
        rounding: (a) => (a.kind === 'delete-files-older-than' ? findRounding(a) : undefined),
        what: 'uploaded files',
        command: `find ${docroot} -type f -mtime +{{days}} -delete`,
        looksFor: `find ${docroot} -mtime +N -delete`,
      },
      evidence[0],
    );
    retention = jobs.bound === 'time' && jobs.nominal === Infinity
      ? { ...jobs, description: 'uploaded files kept forever: neither mod_http_upload_quota max_days nor a job deleting from the upload directory', fixTemplate: 'mod_http_upload_quota: { max_days: {{days}} }' }
      : jobs;
  }
  ctx.emit({ kind: 'file-upload', subject: ctx.subject(host), enabled: true, retention, evidence });
}

/**
 * Accounts are deleted for inactivity only by `ejabberdctl delete_old_users[_vhost] DAYS`
 * (mod_admin_extra), which reads mod_last's last-activity record: without mod_last it deletes
 * every offline account (ejabberd 23.01 src/mod_admin_extra.erl delete_or_not/3).
 */
function inactiveAccounts(ctx: EjabberdContext, host: string): void {
  const anchor = { ...ctx.anchor(host), note: `accounts of ${host}` };
  const retention = retentionFromJobs(
    ctx,
    { days: (a) => (a.kind === 'ejabberd-delete-old-users' && coversHost(a, host) ? a.days : undefined), what: 'inactive accounts', command: 'delete_old_users {{days}}', looksFor: 'delete_old_users DAYS' },
    anchor,
  );
  if (retention.bound === 'time' && retention.nominal !== Infinity) {
    const job = retention.evidence[0] ?? anchor;
    if (!ctx.module(host, 'mod_last')) {
      ctx.warn(job, `delete_old_users deletes every account of ${host} that has no mod_last record, and mod_last is not enabled: every offline user would be deleted`, 'modules: { mod_last: {} }');
    }
    const rules = ctx.option(host, 'access_rules');
    const protects = rules.value?.kind === 'map' && rules.value.entries.some((e) => e.key === 'protect_old_users');
    if (!protects) {
      ctx.warn(job, 'delete_old_users spares only accounts allowed by the access rule protect_old_users, which is not defined: admin and service accounts that never log in are deleted too', 'access_rules: { protect_old_users: { allow: admin } }');
    }
    if (!ctx.module(host, 'mod_admin_extra')) {
      ctx.warn(job, `delete_old_users is a command of mod_admin_extra, which is not enabled for ${host}: the job fails`, 'modules: { mod_admin_extra: {} }');
    }
  }
  ctx.emit({ kind: 'inactive-accounts', subject: ctx.subject(host), retention, evidence: [anchor] });
}

/**
 * The upload directory on the served system: `@HOME@` is the ejabberd user's home, which is
 * /var/lib/ejabberd on Debian (the ejabberd user's home in Debian's ejabberd 23.01-1 package), `@HOST@` the virtual host.
 */
function uploadDocroot(docroot: string | undefined, host: string): string {
  return (docroot ?? '@HOME@/upload').replaceAll('@HOME@', '/var/lib/ejabberd').replaceAll('@HOST@', host).replace(/\/+$/, '');
}

function within(dir: string, deletedUnder: string): boolean {
  const d = deletedUnder.replace(/\/+$/, '');
  return dir === d || dir.startsWith(`${d}/`);
}

function archive(
  ctx: EjabberdContext,
  host: string,
  scope: 'one-to-one' | 'groupchat',
  enabled: boolean,
  defaultPolicy: MessageArchivePractice['defaultPolicy'],
  defaultPolicyEvidence: Evidence[],
  retention: Retention,
  evidence: Evidence[],
): MessageArchivePractice {
  const fixes = scope === 'one-to-one'
    ? { optInFix: 'mod_mam: { default: never }', disableFix: 'remove mod_mam from modules' }
    : { optInFix: 'mod_muc: { default_room_options: { mam: false } }', disableFix: 'remove mod_mam from modules' };
  return { kind: 'message-archive', scope, subject: ctx.subject(host), enabled, defaultPolicy, defaultPolicyEvidence, retention, evidence, ...fixes };
}

function notKept(evidence: Evidence[]): Retention {
  return nothingKept('nothing kept', { evidence });
}
