import type { Evidence, Tri } from '../../inventory/evidence.js';
import type { IpAddressPractice, Retention } from '../../inventory/practice.js';
import type { ProsodySection } from './config-model.js';
import { dailyCleanupRetention, settingText, unknownRetention, type ProsodyContext } from './context.js';
import { PROSODY_DEFAULTS } from './defaults.js';
import type { OptionReading } from './option-reader.js';
import { readPeriod13 } from './periods.js';
import { forever } from '../../inventory/retention.js';

/**
 * Community mod_audit keeps an "audit" archive store per host; it records only what other
 * modules hand it through module:audit(), each entry with the session's IP address
 * (prosody-modules mod_audit/mod_audit.lua, revision of 2023-12-02, git mirror commit dc5ca5f6:
 * session_extra :68-98, `audit_log_ips` default true :12). The modules that feed it:
 */
const AUDIT_FEEDERS: { module: string; which: IpAddressPractice['which']; loginTimes: boolean; what: string; source: string }[] = [
  {
    module: 'audit_auth',
    which: 'all',
    loginTimes: true,
    what: 'every password login, failed login and new client',
    // Hooks authentication-success/-failure and client_management/new-client, each with the session.
    source: 'prosody-modules mod_audit_auth/mod_audit_auth.lua:9-53 (2023-12-07, mirror commit 481f15ac)',
  },
  {
    module: 'audit_user_accounts',
    which: 'registrations',
    loginTimes: false,
    what: 'every registration and account deletion',
    source: 'prosody-modules mod_audit_user_accounts/mod_audit_user_accounts.lua:8-23 (2023-11-30, mirror commit 8a357baa)',
  },
];

/**
 * mod_audit is loaded as a dependency of its feeders (`module:depends("audit")`) and is a global
 * module (`module:set_global()`): its options are read from the global section only.
 *
 * Retention differs by the mod_audit a release can run:
 * - 13.0: `audit_log_expires_after` through get_option_period, default "28d", pruned by a daily
 *   job (mod_audit.lua:10,39-55,280-285);
 * - 0.12: the current mod_audit needs get_option_period (13.0 core/moduleapi.lua:275) and the
 *   2023-04 to 2023-11 one util.human.io.parse_duration, neither in 0.12.3; the one that runs
 *   there (Debian's prosody-modules 0.0~hg20230223) reads `audit_log_expires_after` but never
 *   deletes anything (mod_audit.lua:4 of that snapshot): entries are kept forever.
 */
export function interpretAudit(ctx: ProsodyContext): void {
  for (const host of ctx.activeSections('host')) {
    for (const feeder of AUDIT_FEEDERS) {
      const loaded = ctx.loaded(host, feeder.module);
      if (loaded !== false) auditFeeder(ctx, host, feeder, loaded);
    }
  }
  warnHostLevelOptions(ctx);
}

/** mod_audit's options under a VirtualHost or Component: a global module never reads them. */
function warnHostLevelOptions(ctx: ProsodyContext): void {
  const global = ['audit_log_expires_after', 'audit_log_ips', 'audit_log_ipv4_prefix', 'audit_log_ipv6_prefix', 'audit_log_location'];
  for (const section of ctx.config.sections.values()) {
    if (section.kind === 'global') continue;
    for (const name of global) {
      const option = section.options.get(name);
      if (!option) continue;
      ctx.problem(
        option.at,
        `${name} under "${section.name}" does nothing: mod_audit is a global module (module:set_global()) and reads its options from the global section only`,
        `move ${name} above the first VirtualHost`,
      );
    }
  }
}

function auditFeeder(ctx: ProsodyContext, host: ProsodySection, feeder: (typeof AUDIT_FEEDERS)[number], loaded: Tri): void {
  const subject = ctx.subject(host);
  const evidence = ctx.moduleEvidence(host, feeder.module);
  if (feeder.loginTimes) {
    ctx.emit({
      kind: 'login-time',
      subject,
      certainty: loaded,
      description: `mod_${feeder.module} stores the time of ${feeder.what} in mod_audit's log`,
      suggestion: `remove "${feeder.module}" from modules_enabled`,
      evidence,
    });
  }
  const ips = ctx.release === '13.0' ? ctx.read(ctx.global, 'audit_log_ips', PROSODY_DEFAULTS.audit_log_ips, 'mod_audit') : undefined;
  if (ips && ips.scalar === false && !ips.unknown) return;
  const certainty: Tri = ips?.unknown ? 'unknown' : loaded;
  const prefix = ips ? prefixNote(ctx) : '';
  ctx.emit({
    kind: 'ip-address',
    subject,
    which: feeder.which,
    medium: 'storage',
    certainty,
    description: `mod_${feeder.module} stores the IP address${prefix} of ${feeder.what} in mod_audit's log`,
    suggestion: ctx.release === '13.0' ? 'audit_log_ips = false' : `remove "${feeder.module}" from modules_enabled`,
    retention: auditRetention(ctx),
    evidence: ips ? [...evidence, ips.evidence] : evidence,
  });
}

/** audit_log_ipv4_prefix / audit_log_ipv6_prefix keep only the network (mod_audit.lua:13-14,57-66). */
function prefixNote(ctx: ProsodyContext): string {
  const v4 = ctx.read(ctx.global, 'audit_log_ipv4_prefix').scalar;
  const v6 = ctx.read(ctx.global, 'audit_log_ipv6_prefix').scalar;
  if (typeof v4 === 'number' && typeof v6 === 'number') return ` (truncated to /${v4} for IPv4, /${v6} for IPv6)`;
  if (typeof v4 === 'number') return ` (IPv4 truncated to /${v4}, IPv6 in full)`;
  if (typeof v6 === 'number') return ` (IPv6 truncated to /${v6}, IPv4 in full)`;
  return '';
}

function auditRetention(ctx: ProsodyContext): Retention {
  if (ctx.release === '0.12') {
    const set = ctx.read(ctx.global, 'audit_log_expires_after');
    const evidence: Evidence[] = [{ ...set.evidence, note: `${settingText(set)}: the mod_audit that runs on Prosody 0.12 never deletes entries` }];
    if (!set.isDefault) {
      ctx.problem(
        set.evidence,
        'audit_log_expires_after does nothing on Prosody 0.12: the mod_audit that runs there (prosody-modules before 2023-04-07) reads it but never deletes entries; expiry needs Prosody 13.0 and a current mod_audit',
      );
    }
    return forever('audit log entries kept forever (the mod_audit that runs on Prosody 0.12 has no expiry)', { evidence });
  }
  const expiry: OptionReading = ctx.read(ctx.global, 'audit_log_expires_after', PROSODY_DEFAULTS.audit_log_expires_after, 'mod_audit');
  if (expiry.unknown) return unknownRetention(expiry, 'audit log entries');
  const period = readPeriod13(expiry.scalar, '28d', expiry.name);
  if (period.problem) ctx.problem(expiry.evidence, period.problem, 'audit_log_expires_after = "28 days"');
  return dailyCleanupRetention(expiry, period, 'audit log entries', 'audit_log_expires_after = "{{days}} days"', '"{{days}} days"');
}
