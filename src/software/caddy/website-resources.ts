import type { CaddyDirective, CaddySiteBlock } from '../../formats/caddyfile/parse-caddyfile.js';
import type { CaddyToken } from '../../formats/caddyfile/lex-caddyfile.js';
import type { Evidence } from '../../inventory/evidence.js';
import type { WebsiteResourcesPractice } from '../../inventory/practice.js';
import { describePolicies, judgeCsp } from '../web/content-security-policy.js';
import { websitePracticeFor } from '../web/website-practice.js';

/**
 * The Content-Security-Policy each Caddy site sends. Both config forms end in `headers`
 * handlers (modules/caddyhttp/headers, Caddy 2.6.2): the Caddyfile's `header [matcher]
 * [+|-|?]Field [value]` or `header [matcher] { ... }` (headers/caddyfile.go: `Field value`
 * sets, `+Field` adds, `-Field` deletes, `?Field` sets a default) and JSON's
 * `"response": {"add"|"set"|"delete": ...}`. One handler applies its adds, then its sets, then
 * its deletes (headers.go HeaderOps.ApplyTo); handlers run in order. Every header left is a
 * policy the browser enforces. A handler under a matcher, handle or route acts on some requests
 * only.
 */
export const CADDY_CSP_FIX = `header Content-Security-Policy "default-src 'self'"`;

export interface CspOp {
  op: 'add' | 'set' | 'delete' | 'default' | 'replace';
  value?: string;
  at: Evidence;
  /** Under a matcher, handle or route: only some requests. */
  partial: boolean;
}

/** Caddy fills `{placeholders}` in per request (`{http.request.host}`, `{env.CSP}` ...). */
const caddyPlaceholder = (source: string): boolean => /\{[^}]*\}/.test(source);

const ORDER: CspOp['op'][] = ['add', 'set', 'default', 'delete', 'replace'];
/** One handler's operations in the order headers.go applies them. */
export const handlerOrder = (ops: CspOp[]): CspOp[] => [...ops].sort((a, b) => ORDER.indexOf(a.op) - ORDER.indexOf(b.op));

const isMatcher = (t: CaddyToken | undefined): boolean => t !== undefined && (t.text.startsWith('@') || t.text.startsWith('/') || t.text === '*');

function fromHeader(d: CaddyDirective, nested: boolean): CspOp[] {
  const args = [...d.args];
  const partial = nested || (isMatcher(args[0]) && args[0]?.text !== '*');
  if (isMatcher(args[0])) args.shift();
  const lines: CaddyToken[][] = args.length > 0 ? [args] : (d.block ?? []).map((b) => [b.name, ...b.args]);
  const out: CspOp[] = [];
  for (const [field, value, replacement] of lines) {
    if (field === undefined) continue;
    const prefix = /^[+\-?>]/.test(field.text) ? (field.text[0] as string) : '';
    if (field.text.slice(prefix.length).toLowerCase() !== 'content-security-policy') continue;
    const op: CspOp['op'] = prefix === '-' ? 'delete' : prefix === '+' ? 'add' : prefix === '?' ? 'default' : replacement !== undefined ? 'replace' : 'set';
    const note = op === 'delete' ? 'header -Content-Security-Policy' : `Content-Security-Policy: ${value?.text ?? ''}`;
    out.push({ op, ...(value !== undefined ? { value: value.text } : {}), at: { ...field.at, note }, partial });
  }
  return handlerOrder(out);
}

function collect(directives: CaddyDirective[], nested: boolean): CspOp[] {
  return directives.flatMap((d) => (d.name.text === 'header' ? fromHeader(d, nested) : d.block !== undefined && !d.name.text.startsWith('@') ? collect(d.block, true) : []));
}

export function caddyWebsiteResources(sites: CaddySiteBlock[]): WebsiteResourcesPractice[] {
  return sites.map((site) => {
    const name = site.keys.map((k) => k.text).join(', ');
    return cspPractice(name, { ...site.at, note: `site ${name}` }, collect(site.directives, false));
  });
}

/** The website-resources practice of one site from its header operations, in the order they run. */
export function cspPractice(name: string, siteEvidence: Evidence, ops: CspOp[]): WebsiteResourcesPractice {
  const subject = { software: 'caddy', name, kind: 'host' };
  const practice = websitePracticeFor(subject, CADDY_CSP_FIX);
  const sent: string[] = [];
  let last: CspOp | undefined;
  for (const op of ops.filter((o) => !o.partial && o.op !== 'replace')) {
    if (op.op === 'delete') sent.length = 0;
    else if (op.value === undefined || (op.op === 'default' && sent.length > 0)) continue;
    else if (op.op === 'add') sent.push(op.value);
    else sent.splice(0, sent.length, op.value);
    last = op;
  }
  const uncertain = ops.find((o) => o.partial || o.op === 'replace');
  if (sent.length === 0) {
    if (uncertain !== undefined && uncertain.op !== 'delete') {
      return practice('unknown', `Site ${name} sends a Content-Security-Policy only for some requests (under a matcher or handle)`, [siteEvidence, uncertain.at]);
    }
    if (last !== undefined) return practice(true, `Site ${name} removes the Content-Security-Policy header, so browsers load scripts, styles and fonts from anywhere`, [last.at, siteEvidence]);
    return practice(true, `Site ${name} sends no Content-Security-Policy header, so browsers load scripts, styles and fonts from anywhere`, [siteEvidence]);
  }
  const judged = judgeCsp(sent, caddyPlaceholder);
  const policy = describePolicies(sent);
  const description =
    sent.length > 1
      ? `Site ${name} sends ${sent.length} Content-Security-Policy headers (all enforced), where ${judged.reason}`
      : `Site ${name} sends a Content-Security-Policy where ${judged.reason}`;
  const evidence = [last?.at ?? siteEvidence, siteEvidence];
  if (judged.thirdPartyAllowed !== false || uncertain === undefined) return practice(judged.thirdPartyAllowed, description, evidence, policy);
  return practice('unknown', `${description}, but a header under a matcher or handle changes it for some requests`, [...evidence, uncertain.at], policy);
}
