import type { Evidence } from '../../inventory/evidence.js';
import { EJABBERD_DEFAULTS } from './defaults.js';
import { scalarText } from './fast-yaml-value.js';
import type { EjabberdContext } from './interpret-context.js';

/** Passwords, login times, push notifications and transport encryption. */
export function interpretAccounts(ctx: EjabberdContext): void {
  for (const { name: host } of ctx.hosts) {
    passwords(ctx, host);
    loginTimes(ctx, host);
    push(ctx, host);
    s2sTransport(ctx, host);
  }
  c2sTransport(ctx);
}

/**
 * auth_password_format (default plain: ejabberd_options.erl options/0) applies to the internal
 * stores (mnesia, sql); ldap, external and pam keep passwords outside ejabberd; anonymous keeps none.
 */
function passwords(ctx: EjabberdContext, host: string): void {
  const method = ctx.option(host, 'auth_method', EJABBERD_DEFAULTS.auth_method);
  const methods = method.value?.kind === 'list' ? method.value.items.map((i) => scalarText(i) ?? '') : [method.text ?? 'mnesia'];
  const internal = methods.some((m) => ['mnesia', 'sql', 'internal', 'odbc'].includes(m));
  const subject = ctx.subject(host);
  if (!internal) {
    const external = methods.filter((m) => m !== 'anonymous');
    ctx.emit({
      kind: 'password-storage',
      subject,
      hashed: external.length === 0 ? true : 'unknown',
      scheme: external.length === 0 ? 'no passwords (anonymous)' : `external authentication (${external.join(', ')}): passwords are kept outside ejabberd`,
      evidence: [method.evidence],
    });
    return;
  }
  const stored = ctx.option(host, 'auth_stored_password_types');
  if (stored.value?.kind === 'list' && stored.value.items.length > 0) {
    // 25.03+: overrides auth_password_format and auth_scram_hash (ejabberd_options_doc.erl).
    const types = stored.value.items.map((i) => scalarText(i) ?? '');
    const plain = types.includes('plain');
    ctx.emit({
      kind: 'password-storage',
      subject,
      hashed: !plain,
      scheme: plain ? `plaintext among auth_stored_password_types [${types.join(', ')}]` : `SCRAM (${types.join(', ')})`,
      ...(plain ? { suggestion: `auth_stored_password_types: [${types.filter((t) => t !== 'plain').join(', ') || 'scram_sha256'}]` } : {}),
      evidence: [stored.evidence],
    });
    return;
  }
  const format = ctx.option(host, 'auth_password_format', EJABBERD_DEFAULTS.auth_password_format);
  if (format.text === 'scram') {
    const hash = ctx.option(host, 'auth_scram_hash', EJABBERD_DEFAULTS.auth_scram_hash);
    const names: Record<string, string> = { sha: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };
    const text = hash.text ?? 'sha';
    const scheme = `SCRAM-${names[text] ?? text}`;
    ctx.emit({ kind: 'password-storage', subject, hashed: true, scheme, evidence: [format.evidence, hash.evidence] });
  } else {
    ctx.emit({
      kind: 'password-storage',
      subject,
      hashed: false,
      scheme: `plaintext (auth_password_format: ${format.text ?? 'plain'}${format.isDefault ? ', the default' : ''})`,
      suggestion: 'auth_password_format: scram  # existing plaintext passwords are converted at ejabberdctl convert_to_scram',
      evidence: [format.evidence],
    });
  }
}

/** mod_last stores each user's last logout time (and status text) (mod_last.erl on_presence_update/4). */
function loginTimes(ctx: EjabberdContext, host: string): void {
  const last = ctx.module(host, 'mod_last');
  if (!last) return;
  ctx.emit({
    kind: 'login-time',
    subject: ctx.subject(host),
    certainty: true,
    description: 'mod_last stores when each user last logged out (it is also what delete_old_users reads)',
    suggestion: 'remove mod_last from modules (delete_old_users then deletes every offline account: use another way to find inactive ones)',
    evidence: ctx.moduleEvidence(host, 'mod_last'),
  });
}

/**
 * mod_push: include_body default "New message" (a fixed placeholder), true = the real body, a
 * string = that string; include_sender default false (mod_push.erl mod_options/1, make_summary/3).
 */
function push(ctx: EjabberdContext, host: string): void {
  const module = ctx.module(host, 'mod_push');
  const evidence = ctx.moduleEvidence(host, 'mod_push');
  if (!module) {
    ctx.emit({ kind: 'push-notifications', subject: ctx.subject(host), enabled: false, includesBody: false, includesSender: false, bodyEvidence: evidence, senderEvidence: evidence, ...PUSH_FIXES, evidence });
    return;
  }
  const body = ctx.moduleOption(module, 'mod_push', 'include_body', EJABBERD_DEFAULTS.push_include_body);
  const sender = ctx.moduleOption(module, 'mod_push', 'include_sender', EJABBERD_DEFAULTS.push_include_sender);
  ctx.emit({
    kind: 'push-notifications',
    subject: ctx.subject(host),
    enabled: true,
    includesBody: body.text === 'true',
    includesSender: sender.text === 'true',
    bodyEvidence: [body.evidence],
    senderEvidence: [sender.evidence],
    ...PUSH_FIXES,
    evidence,
  });
}

const PUSH_FIXES = { bodyFix: 'include_body: false', senderFix: 'include_sender: false' };

/** s2s_use_starttls: false (default) | optional | required (required_trusted is rewritten to required). */
function s2sTransport(ctx: EjabberdContext, host: string): void {
  const starttls = ctx.option(host, 's2s_use_starttls', EJABBERD_DEFAULTS.s2s_use_starttls);
  const required = starttls.text === 'required' || starttls.text === 'required_trusted';
  ctx.emit({
    kind: 'transport',
    subject: ctx.subject(host),
    channel: 's2s',
    encryptionRequired: required,
    description: required ? `server-to-server connections of ${host} must use TLS` : `other servers may talk to ${host} without TLS (s2s_use_starttls: ${starttls.text ?? 'false'}${starttls.isDefault ? ', the default' : ''})`,
    suggestion: 's2s_use_starttls: required',
    evidence: [starttls.evidence],
  });
}

/** Each ejabberd_c2s listener: TLS from the first byte (`tls: true`) or `starttls_required: true`. */
function c2sTransport(ctx: EjabberdContext): void {
  for (const listener of ctx.config.listeners) {
    if (listener.module?.value !== 'ejabberd_c2s') continue;
    const port = listener.port?.value ?? '?';
    const required = listener.tls?.value === true || listener.starttlsRequired?.value === true;
    const evidence: Evidence[] = [{ ...(listener.starttlsRequired?.at ?? listener.tls?.at ?? listener.module.at), note: `c2s listener on port ${port}: ${required ? 'TLS required' : 'TLS optional'}` }];
    ctx.emit({
      kind: 'transport',
      subject: { software: 'ejabberd', name: `c2s port ${port}`, kind: 'listener' },
      channel: 'c2s',
      encryptionRequired: required,
      description: required ? `clients on port ${port} must use TLS` : `clients on port ${port} may log in without TLS (starttls_required is not set)`,
      suggestion: 'starttls_required: true',
      evidence,
    });
  }
}
