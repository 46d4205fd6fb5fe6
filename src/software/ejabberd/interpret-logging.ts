import type { EditProposal } from '../../inventory/edit.js';
import { yamlOptionEdit } from './option-edit.js';
import type { Evidence, Tri } from '../../inventory/evidence.js';
import type { IpAddressPractice } from '../../inventory/practice.js';
import { trafficBound } from '../../inventory/retention.js';
import { EJABBERD_DEFAULTS } from './defaults.js';
import { scalarText } from './fast-yaml-value.js';
import type { EjabberdContext } from './interpret-context.js';
import type { EjabberdLogLocation } from './installation.js';

/**
 * ejabberd's logger levels (ejabberd_logger:convert_loglevel/1): legacy numbers 0..5 map to
 * none, critical, error, warning, info, debug.
 */
const LEVELS = ['none', 'emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'info', 'debug'] as const;
const LEGACY: Record<string, (typeof LEVELS)[number]> = { '0': 'none', '1': 'critical', '2': 'error', '3': 'warning', '4': 'info', '5': 'debug' };

/** Where the installation writes ejabberd.log (installation.ts: ejabberdctl.cfg, else the layout's LOGS_DIR). */
function logFileOf(ctx: EjabberdContext): EjabberdLogLocation {
  return ctx.config.log ?? { file: '/var/log/ejabberd/ejabberd.log', why: "ejabberdctl's LOGS_DIR for distribution packages" };
}

/**
 * What reaches ejabberd.log (ejabberd 23.01): at info, every accepted
 * connection's IP (ejabberd_listener.erl accept/7) and every login's JID and IP
 * (ejabberd_c2s.erl process_auth_result/3) unless the TOP-LEVEL hide_sensitive_log_data is
 * true (ejabberd_config:may_hide_data/1 reads only the global value); at warning, failed logins'
 * IPs (same condition); mod_fail2ban's "Connection attempt from blacklisted IP" (warning) is
 * never hidden; mod_http_api logs the caller IP at info, never hidden before 26.03; at debug,
 * whole stanzas with message bodies (ejabberd_sm.erl).
 */
export function interpretLogging(ctx: EjabberdContext): void {
  const loglevel = ctx.option(undefined, 'loglevel', EJABBERD_DEFAULTS.loglevel);
  const text = loglevel.text ?? '';
  const level = LEGACY[text] ?? ((LEVELS as readonly string[]).includes(text) ? (text as (typeof LEVELS)[number]) : undefined);
  const at = (l: (typeof LEVELS)[number]): Tri => (level === undefined ? 'unknown' : LEVELS.indexOf(level) >= LEVELS.indexOf(l));
  const hide = ctx.option(undefined, 'hide_sensitive_log_data', EJABBERD_DEFAULTS.hide_sensitive_log_data);
  const hidden = hide.text === 'true';
  const hideEdit = yamlOptionEdit(hide, 'true');
  warnHostOnlyHiding(ctx, hidden);
  warnIgnoredRotation(ctx);
  ownRotation(ctx);
  const log = logFileOf(ctx);
  const logFile = log.file;
  const located: Evidence[] = log.at === undefined ? [] : [{ ...log.at, note: `ejabberd.log is ${logFile} (${log.why})` }];
  const subject = { software: 'ejabberd', name: logFile, kind: 'log' };
  const where: Evidence = { ...loglevel.evidence, note: `ejabberd logs to ${logFile} (${log.why}) from ${level ?? 'an unknown level'} (${loglevel.evidence.note})` };

  const records: Omit<IpAddressPractice, 'kind' | 'subject' | 'medium' | 'destination'>[] = [];
  if (!hidden && at('info') !== false) {
    records.push({
      which: 'all',
      certainty: at('info'),
      description: `ejabberd logs the IP address of every connection and login at info level ("Accepted connection …") to ${logFile}`,
      suggestion: 'hide_sensitive_log_data: true',
      ...editOf(hideEdit),
      evidence: [where, hide.evidence, ...located],
    });
  } else if (!hidden && at('warning') !== false) {
    records.push({
      which: 'failed-logins',
      certainty: at('warning'),
      description: `ejabberd logs the IP address of failed logins at warning level to ${logFile}`,
      suggestion: 'hide_sensitive_log_data: true',
      ...editOf(hideEdit),
      evidence: [where, hide.evidence, ...located],
    });
  }
  for (const host of ctx.hosts) {
    const fail2ban = ctx.module(host.name, 'mod_fail2ban');
    if (fail2ban && at('warning') !== false) {
      records.push({
        which: 'failed-logins',
        certainty: at('warning'),
        description: `mod_fail2ban logs the IP address of banned clients at warning level, even with hide_sensitive_log_data (mod_fail2ban.erl log_and_disconnect/3)`,
        suggestion: 'loglevel: error',
        evidence: [{ ...fail2ban.at, note: `mod_fail2ban is enabled for ${host.name}` }, where],
      });
    }
    const register = ctx.module(host.name, 'mod_register');
    const watchers = register ? ctx.moduleOption(register, 'mod_register', 'registration_watchers', EJABBERD_DEFAULTS.register_watchers) : undefined;
    if (register && watchers?.value?.kind === 'list' && watchers.value.items.length > 0 && !hidden) {
      ctx.emit({
        kind: 'ip-address',
        subject: ctx.subject(host.name),
        which: 'registrations',
        medium: 'message',
        certainty: true,
        description: 'mod_register sends "The account … was registered from IP address …" to the registration_watchers (mod_register.erl try_register/6)',
        suggestion: 'hide_sensitive_log_data: true',
        evidence: [watchers.evidence],
      });
    }
    const api = ctx.module(host.name, 'mod_http_api');
    if (api && at('info') !== false && olderThan2603(ctx.release)) {
      records.push({
        which: 'some',
        certainty: at('info'),
        description: `mod_http_api logs the caller's IP address of every API call at info level, never hidden before ejabberd 26.03 (mod_http_api.erl log/3)`,
        suggestion: 'loglevel: warning',
        evidence: [{ ...api.at, note: `mod_http_api is enabled for ${host.name}` }, where],
      });
      if (!hidden) {
        ctx.warn(api.at, `mod_http_api (ejabberd ${ctx.release}) writes the password arguments of API calls (register, change_password) in clear to ${logFile} unless hide_sensitive_log_data is true (fixed in 26.03)`, 'hide_sensitive_log_data: true');
      }
    }
  }
  const seen = new Set<string>();
  for (const record of records) {
    const key = `${record.description}@${record.evidence[0]?.line ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ctx.emit({ kind: 'ip-address', subject, medium: 'log', destination: logFile, ...record });
  }

  const fully = ctx.option(undefined, 'log_modules_fully', EJABBERD_DEFAULTS.log_modules_fully);
  const fullyListed = fully.value?.kind === 'list' && fully.value.items.length > 0;
  const content: Tri = at('debug') === true ? true : fullyListed ? 'unknown' : at('debug');
  ctx.emit({
    kind: 'log-sink',
    subject,
    destination: logFile,
    minLevel: level ?? 'unknown',
    carriesIpAddresses: records.length === 0 ? false : records.some((r) => r.certainty === true) ? true : 'unknown',
    carriesMessageContent: content,
    description: `ejabberd writes ${level ?? 'unknown-level'} messages to ${logFile}`,
    evidence: [where, ...located],
  });
  if (content !== false) {
    ctx.emit({
      kind: 'message-content-log',
      subject,
      destination: logFile,
      certainty: content,
      description: fullyListed && at('debug') !== true
        ? `log_modules_fully makes the listed modules log everything, which may include whole stanzas with message bodies, to ${logFile}`
        : `at loglevel debug ejabberd writes whole stanzas, message bodies included, to ${logFile}`,
      suggestion: fullyListed && at('debug') !== true ? 'log_modules_fully: []' : 'loglevel: info',
      ...editOf(fullyListed && at('debug') !== true ? undefined : yamlOptionEdit(loglevel, 'info')),
      evidence: fullyListed && at('debug') !== true ? [fully.evidence] : [where],
    });
  }
}

/** hide_sensitive_log_data under host_config is accepted and ignored (ejabberd 23.01 src/ejabberd_config.erl may_hide_data/1 reads the global value only; verified on 23.01). */
function warnHostOnlyHiding(ctx: EjabberdContext, hiddenGlobally: boolean): void {
  if (hiddenGlobally) return;
  for (const [host, options] of ctx.config.hostConfig) {
    const option = options.get('hide_sensitive_log_data');
    if (option) {
      ctx.warn(option.at, `hide_sensitive_log_data under host_config (${host}) has no effect: ejabberd reads only the top-level value, so IP addresses are still logged`, 'hide_sensitive_log_data: true  # at the top level');
    }
  }
}

/**
 * ejabberd 23.01 takes log_rotate_size/count at startup from the Erlang environment, which
 * ejabberdctl fills with `sed` from lines of the MAIN config that start in column 0
 * (ejabberdctl.template ~L91-95; applied from YAML on reload only since 24.06, commit ad67710f7).
 */
function warnIgnoredRotation(ctx: EjabberdContext): void {
  // log_rotate_count: 0 keeps no rotated file but still rotates at log_rotate_size (default 10 MiB):
  // it does not hand rotation to logrotate (ejabberd docs basic.md "Logging").
  const count = ctx.config.global.get('log_rotate_count');
  const size = ctx.config.global.get('log_rotate_size');
  if (count && scalarText(count.value) === '0' && (!size || scalarText(size.value) !== 'infinity')) {
    ctx.warn(count.at, 'log_rotate_count: 0 does not turn ejabberd\'s own rotation off: the log is still cut at log_rotate_size and the old part is deleted; to leave rotation to logrotate, set log_rotate_size: infinity', 'log_rotate_size: infinity');
  }
  for (const name of ['log_rotate_size', 'log_rotate_count']) {
    const option = ctx.config.global.get(name);
    if (!option) continue;
    if (option.at.file !== ctx.config.mainFile || option.at.column !== 1) {
      const where = option.at.file !== ctx.config.mainFile ? 'in an included file' : 'indented';
      ctx.warn(option.at, `${name} is ${where}: ejabberd ${ctx.release} reads it at startup only from a line of the main config that starts in column 0, so this value is ignored`, `${name}: … at the start of a line in ${ctx.config.mainFile.split('/').pop() ?? ''}`);
    }
  }
}

/**
 * ejabberd rotates its own logs (OTP logger_std_h max_no_bytes / max_no_files, ejabberd_logger.erl
 * start/1): when a file reaches log_rotate_size bytes it is cut, and log_rotate_count old parts are
 * kept (0: none). Rotation by size depends on traffic, so it gives no time bound (POLICY.md
 * "Verdicts"); `log_rotate_size: infinity` turns it off. A logrotate block that covers the same
 * files decides instead when it deletes sooner (the join keeps the soonest). 23.01 applies the
 * values only from a column-0 line of the main config (warnIgnoredRotation); otherwise the
 * defaults hold.
 */
function ownRotation(ctx: EjabberdContext): void {
  const logFile = logFileOf(ctx).file;
  const setting = (name: 'log_rotate_size' | 'log_rotate_count'): { text: string; evidence: Evidence } => {
    const option = ctx.config.global.get(name);
    const effective = option && option.at.file === ctx.config.mainFile && option.at.column === 1;
    if (option && effective) return { text: scalarText(option.value) ?? '', evidence: { ...option.at, note: `${name}: ${scalarText(option.value) ?? ''}` } };
    const fallback = EJABBERD_DEFAULTS[name];
    return {
      text: String(fallback.value),
      evidence: { ...ctx.anchor(), note: `${name}: ${fallback.value} (default)`, default: { software: 'ejabberd', release: ctx.release, source: fallback.source } },
    };
  };
  const size = setting('log_rotate_size');
  if (size.text === 'infinity') return;
  const count = setting('log_rotate_count');
  const kept = count.text === '0' ? 'keeping no old part' : `keeping ${count.text} old part${count.text === '1' ? '' : 's'}`;
  ctx.logRetention.push({
    mechanism: 'ejabberd-rotation',
    patterns: [logFile, `${logFile}.*`],
    destinations: [],
    retention: trafficBound(
      `ejabberd cuts ${logFile} only when it reaches log_rotate_size (${size.text} bytes), so a quiet log keeps its lines without limit`,
      `ejabberd's own rotation at ${size.text} bytes, ${kept}`,
      { fixTemplate: `log_rotate_size: infinity  # and in /etc/logrotate.d/ejabberd: daily, rotate {{days}}, no size`, evidence: [size.evidence, count.evidence] },
    ),
  });
}

function olderThan2603(release: string): boolean {
  const [major = 0, minor = 0] = release.split('.').map(Number);
  return major < 26 || (major === 26 && minor < 3);
}

function editOf(edit: EditProposal | undefined): { edit?: EditProposal } {
  return edit ? { edit } : {};
}
