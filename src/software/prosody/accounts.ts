import type { ProsodyRelease } from '../../config/types.js';
import type { Evidence, Tri } from '../../inventory/evidence.js';
import type { ProsodySection } from './config-model.js';
import { and3, or3 } from './module-set.js';
import type { OptionReading } from './option-reader.js';
import type { ProsodyContext } from './context.js';
import { PROSODY_DEFAULTS } from './defaults.js';
import { trafficBound, unknownFigure } from '../../inventory/retention.js';

/** Password storage, login-time records, IP records kept with accounts, inactive accounts. */
export function interpretAccounts(ctx: ProsodyContext): void {
  for (const host of ctx.activeSections('host')) {
    passwords(ctx, host);
    loginRecords(ctx, host);
    registrationWatchers(ctx, host);
    inactiveAccounts(ctx, host);
  }
}

/**
 * `authentication` (per host): internal_hashed by default (0.12 core/usermanager.lua:26); the
 * value names an auth provider module. internal_plain stores the password in clear in the
 * `accounts` store (Prosody 0.12.3 modules/mod_auth_internal_plain.lua); other providers keep no password in Prosody.
 */
function passwords(ctx: ProsodyContext, host: ProsodySection): void {
  const auth = ctx.read(host, 'authentication', PROSODY_DEFAULTS.authentication);
  const subject = ctx.subject(host);
  if (auth.unknown) {
    ctx.emit({ kind: 'password-storage', subject, hashed: 'unknown', scheme: `unknown (${auth.unknown.reason})`, evidence: [auth.evidence] });
    return;
  }
  const provider = String(auth.scalar);
  if (provider === 'internal_hashed') {
    const hash = ctx.read(host, 'password_hash', PROSODY_DEFAULTS.password_hash, 'mod_auth_internal_hashed');
    ctx.emit({ kind: 'password-storage', subject, hashed: true, scheme: `SCRAM-${String(hash.scalar ?? 'SHA-1')} (internal_hashed)`, evidence: [auth.evidence, hash.evidence] });
  } else if (provider === 'internal_plain') {
    ctx.emit({
      kind: 'password-storage',
      subject,
      hashed: false,
      scheme: 'plaintext (internal_plain)',
      suggestion: 'authentication = "internal_hashed" -- existing passwords are hashed at each user\'s next login',
      evidence: [auth.evidence],
    });
  } else if (provider === 'anonymous') {
    ctx.emit({ kind: 'password-storage', subject, hashed: true, scheme: 'no passwords (anonymous)', evidence: [auth.evidence] });
  } else {
    ctx.emit({
      kind: 'password-storage',
      subject,
      hashed: 'unknown',
      scheme: `external provider mod_auth_${provider}: passwords are kept outside Prosody`,
      evidence: [auth.evidence],
    });
  }
}

/**
 * Login times and IPs kept with accounts:
 * - mod_account_activity (13.0 core) stores the last login time per user, no IP
 *   (13.0 plugins/mod_account_activity.lua:4-18);
 * - community mod_lastlog / mod_lastlog2 store last login/logout/registration time, and the IP
 *   only with lastlog_ip_address = true (mod_lastlog.lua:4,7-36; mod_lastlog2.lua:3,7-36).
 * None of them expires its records.
 */
function loginRecords(ctx: ProsodyContext, host: ProsodySection): void {
  const subject = ctx.subject(host);
  for (const module of ['account_activity', 'lastlog', 'lastlog2']) {
    const loaded = ctx.loaded(host, module);
    if (loaded === false) continue;
    const evidence = ctx.moduleEvidence(host, module);
    ctx.emit({
      kind: 'login-time',
      subject,
      certainty: loaded,
      description: `mod_${module} stores when each user last logged in`,
      suggestion: `remove "${module}" from modules_enabled`,
      evidence,
    });
    if (module === 'account_activity') continue;
    const ip = ctx.read(host, 'lastlog_ip_address', PROSODY_DEFAULTS.lastlog_ip_address, `mod_${module}`);
    if (ip.scalar === false || (ip.scalar === undefined && !ip.unknown)) continue;
    ctx.emit({
      kind: 'ip-address',
      subject,
      which: 'all',
      medium: 'storage',
      certainty: ip.unknown ? 'unknown' : loaded,
      description: `mod_${module} stores the IP address of each user's last login (lastlog_ip_address)`,
      suggestion: 'lastlog_ip_address = false',
      retention: trafficBound(
        `mod_${module} never expires records: the address is replaced only when the user next logs in`,
        `kept until the user's next login overwrites it (mod_${module} never expires records)`,
        { evidence: [ip.evidence] },
      ),
      evidence: [ip.evidence, ...evidence],
    });
  }
}

/**
 * mod_watchregistrations sends "User $username just registered on $host from $ip" to the
 * `registration_watchers` (default: `admins`) on every "user-registered" event
 * (0.12 modules/mod_watchregistrations.lua:13-33, 13.0 plugins/ the same lines). mod_register loads
 * it itself when `allow_registration = true` (mod_register.lua:10-15, both releases). The
 * IP then sits in the admins' clients, offline store and archive. It is sent only when accounts
 * can really be registered, see registrationPossible.
 */
function registrationWatchers(ctx: ProsodyContext, host: ProsodySection): void {
  const open = ctx.read(host, 'allow_registration', PROSODY_DEFAULTS.allow_registration, 'mod_register');
  const viaRegister = and3(ctx.loaded(host, 'register'), openness(open));
  const loaded = or3(ctx.loaded(host, 'watchregistrations'), viaRegister);
  if (loaded === false) return;
  const possible = registrationPossible(ctx, host, viaRegister);
  if (possible.state === false) return;
  const watchers = readWatchers(ctx, host);
  if (watchers.state === false) return;
  const template = ctx.read(host, 'registration_notification');
  const mentionsIp: Tri = template.scalar === undefined && !template.unknown ? true : typeof template.scalar === 'string' ? template.scalar.includes('$ip') : 'unknown';
  if (mentionsIp === false) return;
  const evidence = ctx.loaded(host, 'watchregistrations') !== false ? ctx.moduleEvidence(host, 'watchregistrations') : [{ ...open.evidence, note: `${open.evidence.note}: mod_register then loads mod_watchregistrations` }];
  ctx.emit({
    kind: 'ip-address',
    subject: ctx.subject(host),
    which: 'registrations',
    medium: 'message',
    certainty: [loaded, possible.state, watchers.state, mentionsIp].every((t) => t === true) ? true : 'unknown',
    description: `mod_watchregistrations sends each new user's IP address to the admins in a chat message (${possible.how})`,
    suggestion: 'registration_notification = "User $username just registered on $host"',
    evidence: [...evidence, ...possible.evidence, watchers.evidence, template.evidence],
  });
}

function openness(reading: OptionReading): Tri {
  if (reading.unknown) return 'unknown';
  return reading.scalar === true;
}

/**
 * Can accounts be created on the host, so that "user-registered" fires? In-band registration
 * (mod_register_ibr.lua:214 in 0.12, :221 in 13.0) is loaded by
 * mod_register with allow_registration (mod_register.lua:12-13), by mod_invites_register unless
 * `registration_invite_only = false` (mod_invites_register.lua:8-16), or listed itself; the
 * community web registration modules fire the event too (prosody-modules
 * mod_register_web/mod_register_web.lua:199, mod_invites_register_web/mod_invites_register_web.lua:176,
 * mod_invites_register_api/mod_invites_register_api.lua:104, mod_invite/mod_invite.lua:121).
 */
function registrationPossible(ctx: ProsodyContext, host: ProsodySection, viaRegister: Tri): { state: Tri; how: string; evidence: Evidence[] } {
  const ways: { state: Tri; how: string; evidence: Evidence[] }[] = [];
  ways.push({ state: viaRegister, how: 'allow_registration = true', evidence: [] });
  const inviteOnly = ctx.read(host, 'registration_invite_only', PROSODY_DEFAULTS.registration_invite_only, 'mod_invites_register');
  const invites = and3(ctx.loaded(host, 'invites_register'), inviteOnly.unknown ? 'unknown' : inviteOnly.scalar !== false);
  ways.push({ state: invites, how: 'registration with invites', evidence: invites === false ? [] : ctx.moduleEvidence(host, 'invites_register') });
  for (const module of ['register_ibr', 'register_web', 'invites_register_web', 'invites_register_api', 'invite']) {
    const state = ctx.loaded(host, module);
    ways.push({ state, how: `registration through mod_${module}`, evidence: state === false ? [] : ctx.moduleEvidence(host, module) });
  }
  const sure = ways.find((w) => w.state === true);
  if (sure) return sure;
  const maybe = ways.filter((w) => w.state === 'unknown');
  if (maybe.length > 0) return { state: 'unknown', how: `if ${maybe.map((w) => w.how).join(' or ')} is on`, evidence: maybe.flatMap((w) => w.evidence) };
  return { state: false, how: 'registration closed', evidence: [] };
}

/** registration_watchers, else admins (mod_watchregistrations.lua:13): nobody listed, no message. */
function readWatchers(ctx: ProsodyContext, host: ProsodySection): { state: Tri; evidence: Evidence } {
  let reading = ctx.read(host, 'registration_watchers');
  if (reading.isDefault) reading = ctx.read(host, 'admins');
  if (reading.unknown) return { state: 'unknown', evidence: reading.evidence };
  const value = reading.value;
  if (!value || value.type === 'nil') return { state: false, evidence: reading.evidence };
  if (value.type === 'table') {
    const known = value.items.length > 0 || value.fields.size > 0;
    return { state: known ? true : value.unknownEntries.length > 0 ? 'unknown' : false, evidence: reading.evidence };
  }
  return { state: value.type === 'string' ? true : 'unknown', evidence: reading.evidence };
}

/** The same for every host: one string per release rather than one per host. */
const NO_INACTIVITY_EXPIRY: Record<ProsodyRelease, string> = {
  '0.12': 'Prosody 0.12 has no option that deletes inactive accounts, and privacy-lint recognises no scheduled job that deletes Prosody accounts',
  '13.0': 'Prosody 13.0 has no option that deletes inactive accounts, and privacy-lint recognises no scheduled job that deletes Prosody accounts',
};

/**
 * Neither 0.12 nor 13.0 deletes accounts for inactivity by itself (no such option in core or the
 * bundled modules of 0.12.3 and 13.0.1): accounts live until deleted by an admin or a job.
 */
function inactiveAccounts(ctx: ProsodyContext, host: ProsodySection): void {
  const at = ctx.reader.anchor(host);
  const evidence = [{ file: at.file, line: at.line, column: at.column, note: `Prosody ${ctx.release} has no option that deletes inactive accounts of ${host.name}` }];
  ctx.emit({
    kind: 'inactive-accounts',
    subject: ctx.subject(host),
    retention: unknownFigure(NO_INACTIVITY_EXPIRY[ctx.release], 'accounts are never deleted for inactivity by Prosody itself', { evidence }),
    evidence,
  });
}
