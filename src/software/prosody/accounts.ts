import type { ProsodySection } from './config-model.js';
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
 * mod_watchregistrations sends "User $username just registered on $host from $ip" to the admins
 * (registration_notification default, modules/mod_watchregistrations.lua:13-16): the IP then sits
 * in the admins' clients, offline store and archive.
 */
function registrationWatchers(ctx: ProsodyContext, host: ProsodySection): void {
  const loaded = ctx.loaded(host, 'watchregistrations');
  if (loaded === false) return;
  const template = ctx.read(host, 'registration_notification');
  const mentionsIp = template.scalar === undefined && !template.unknown ? true : typeof template.scalar === 'string' ? template.scalar.includes('$ip') : 'unknown';
  if (mentionsIp === false) return;
  ctx.emit({
    kind: 'ip-address',
    subject: ctx.subject(host),
    which: 'registrations',
    medium: 'message',
    certainty: loaded === true && mentionsIp === true ? true : 'unknown',
    description: "mod_watchregistrations sends each new user's IP address to the admins in a chat message",
    suggestion: 'registration_notification = "User $username just registered on $host"',
    evidence: [...ctx.moduleEvidence(host, 'watchregistrations'), template.evidence],
  });
}

/**
 * Neither 0.12 nor 13.0 deletes accounts for inactivity by itself (no such option in core or the
 * bundled modules of 0.12.3 and 13.0.1): accounts live until deleted by an admin or a job.
 */
function inactiveAccounts(ctx: ProsodyContext, host: ProsodySection): void {
  const evidence = [{ ...ctx.reader.anchor(host), note: `Prosody ${ctx.release} has no option that deletes inactive accounts of ${host.name}` }];
  ctx.emit({
    kind: 'inactive-accounts',
    subject: ctx.subject(host),
    retention: unknownFigure(
      `Prosody ${ctx.release} has no option that deletes inactive accounts, and privacy-lint recognises no scheduled job that deletes Prosody accounts`,
      'accounts are never deleted for inactivity by Prosody itself',
      { evidence },
    ),
    evidence,
  });
}
