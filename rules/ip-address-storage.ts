import { lowerFirst } from '../src/engine/sentence-case.js';
import { defineRule } from '../src/engine/define-rule.js';
import { absenceEvidence } from '../src/engine/source-evidence.js';
import type { IpAddressPractice } from '../src/inventory/practice.js';
import { practicesOf } from '../src/inventory/inventory.js';

/** Which IP records each declared value allows. */
function allowed(declared: string, practice: IpAddressPractice): boolean {
  if (declared === 'always') return true;
  if (declared === 'failed-logins') return practice.which === 'failed-logins';
  return false;
}

export default defineRule({
  meta: {
    id: 'ip-address-storage',
    claims: ['ipAddresses.stored'],
    defaultSeverity: 'error',
    description: 'Client IP addresses may only be recorded as the policy declares (never, failed logins only, or always).',
    docs: {
      rationale: '"We don\'t store your IP address" is the most common promise in XMPP privacy policies, and the easiest to break with one log level.',
      checks: [
        'Prosody logs: any sink that takes debug messages (a `debug = "file"` entry, a sink table without `levels`, or a `"*syslog"`-style string, which logs from debug) holds the IP of every connection. At info, stock modules log no IP.',
        'Community mod_log_auth writes the IP of failed logins (default `log_auth_ips = "failure"`, allowed by `failed-logins`) or of all logins ("success", "all") at info.',
        'mod_register_limits logs a registrant\'s IP at info when `blocklist_on_registration_throttle_overload = true`.',
        'Community mod_lastlog/mod_lastlog2 store the last login IP with `lastlog_ip_address = true`; mod_watchregistrations sends the IP of new users to the admins.',
        'Community modules that log client IPs above debug: mod_c2s_conn_throttle (error), mod_limit_auth (warn, throttled logins: allowed by `failed-logins`), mod_register_json (warn).',
        'Community mod_audit_auth (Snikket) stores the IP of every login in mod_audit\'s store unless `audit_log_ips = false` (13.0); mod_audit_user_accounts that of registrations. mod_watchregistrations (loaded by mod_register itself with `allow_registration = true`) counts only when accounts can be registered (open registration, invites, web registration) and someone watches (`registration_watchers`, else `admins`).',
        "Web servers in front: nginx `access_log` (on by default) and `error_log` (every request error ends with `client: IP`), unless the format logs an anonymised address; Apache `CustomLog` formats with %h/%a and the default ErrorLogFormat's `[client IP]`, unless piped through anonip; Caddy access logs and the default logger's request errors, unless a `format filter` deletes or masks request>remote_ip and the proxy headers. Caddy's config is the one caddy.service runs (`--config`, `--adapter`, drop-ins), else etc/caddy/Caddyfile or etc/caddy/caddy.json.",
        'ejabberd: at `loglevel` info (the default) every connection and login is logged with its IP unless the TOP-LEVEL `hide_sensitive_log_data: true` (under host_config it is ignored); at warning, failed logins; mod_fail2ban logs banned IPs at warning even when hidden; mod_http_api logs callers\' IPs at info before 26.03.',
      ],
      examples: [{ language: 'lua', compliant: 'log = { info = "/var/log/prosody/prosody.log" }', violating: 'log = { debug = "/var/log/prosody/prosody.log" }' }],
      sources: [
        'Prosody 0.12 core/loggingmanager.lua:62-134, net/server_epoll.lua:773',
        'prosody-modules mod_log_auth/mod_log_auth.lua:1-19, mod_lastlog/mod_lastlog.lua:4, mod_lastlog2/mod_lastlog2.lua:3',
        'Prosody 0.12 modules/mod_register_limits.lua:27-32, modules/mod_watchregistrations.lua:13-33, modules/mod_register.lua:10-15',
        'prosody-modules mod_limit_auth/mod_limit_auth.lua:39, mod_audit/mod_audit.lua:12,68-98, mod_audit_auth/mod_audit_auth.lua:9-53',
      ],
    },
  },
  check(ctx) {
    const claim = ctx.claim<string>('ipAddresses.stored');
    if (!claim) return;
    const records = practicesOf(ctx.inventory, 'ip-address');
    const sinks = practicesOf(ctx.inventory, 'log-sink');
    for (const record of records) {
      const at = record.evidence[0] ?? claim.position;
      const report = { message: `${record.description}, but the policy declares IP addresses stored: ${claim.value}`, at, evidence: record.evidence.slice(1), observed: observed(record) };
      if (allowed(claim.value, record)) ctx.honours('ipAddresses.stored', record.evidence, observed(record));
      else if (record.certainty === true) ctx.breaks('ipAddresses.stored', { ...report, suggestion: record.suggestion, ...(record.edit ? { edit: record.edit } : {}) });
      else ctx.cannotTell('ipAddresses.stored', { ...report, message: `Cannot tell whether ${lowerFirst(record.description)}: it depends on a value known only at runtime` });
    }
    for (const sink of sinks.filter((s) => s.destination === 'unknown')) {
      ctx.cannotTell('ipAddresses.stored', { message: `Cannot tell whether logs hold IP addresses: ${sink.description}`, at: sink.evidence[0] ?? claim.position, observed: 'unknown log destination' });
    }
    if (records.length === 0) {
      const clean = sinks.filter((s) => s.carriesIpAddresses === false);
      if (clean.length > 0) ctx.honours('ipAddresses.stored', clean.flatMap((s) => s.evidence), 'no IP addresses in the servers\' logs or stores');
      else {
        const evidence = absenceEvidence(ctx.inventory, 'no logging or module that records IP addresses', ['prosody']);
        if (evidence.length > 0) ctx.honours('ipAddresses.stored', evidence, 'no IP addresses recorded');
      }
    }
  },
});

function observed(record: IpAddressPractice): string {
  const whose = { all: 'every client', 'failed-logins': 'failed logins', registrations: 'registrations', some: 'some clients' }[record.which];
  const where = record.medium === 'log' ? `log ${record.destination ?? ''}`.trim() : record.medium === 'storage' ? store(record) : 'messages to admins';
  return `IPs of ${whose} in ${where}`;
}

/** fail2ban's ban database is a database of its own, not a server's account store. */
function store(record: IpAddressPractice): string {
  return record.subject.kind === 'database' ? `${record.subject.software}'s database ${record.subject.name}` : 'account store';
}
