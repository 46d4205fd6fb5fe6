import type { Tri } from '../../inventory/evidence.js';

/**
 * The one judge of whether the Content-Security-Policy a web server sends keeps third-party
 * scripts, styles and fonts out of its pages, for nginx, Apache and Caddy alike. It follows
 * CSP Level 3 (W3C, https://www.w3.org/TR/CSP3/):
 *
 * - Each kind of load is checked against its effective directive's fallback list (§6.8.3):
 *   script elements script-src-elem → script-src → default-src; stylesheets (and `@import`)
 *   style-src-elem → style-src → default-src; fonts font-src → default-src. The `-attr`
 *   directives govern inline event handlers and style attributes, which load nothing from
 *   another origin, so they are not consulted. A list that names no directive of the chain
 *   leaves that kind unrestricted.
 * - Several policies (several headers, or one header with comma-separated policies, §2.2.2)
 *   are all enforced: a load happens only when every policy allows it (§4.1), so the most
 *   restrictive wins. A third-party source counts only when every policy lets it through.
 * - Not third parties: 'self', 'none', the inline/eval keywords, data:, blob: and filesystem:
 *   (their content comes from the page itself), and nonces and hashes: they admit only what the
 *   site's own pages mark with the nonce or pin by content, so they are the site's own choice.
 * - 'strict-dynamic' with a nonce or hash (§8.2): host and scheme sources and 'self' are ignored,
 *   and any script a trusted script inserts runs, from any origin. The policy then no longer
 *   limits where scripts come from, so third-party scripts are allowed. Without a nonce or hash
 *   it admits no script at all.
 * - Report-Only policies block nothing (§3.2): callers pass only enforced policies.
 *
 * `dynamic` recognises a source the server fills in at run time (an nginx `$variable`, an Apache
 * `%{...}e`, a Caddy `{placeholder}`): a policy holding one cannot be judged for that kind.
 */

export interface CspJudgement {
  thirdPartyAllowed: Tri;
  /** Why, as a sentence fragment: which directive of which policy lets what in. */
  reason: string;
}

type Kind = 'scripts' | 'styles' | 'fonts';

const FALLBACK: Record<Kind, string[]> = {
  scripts: ['script-src-elem', 'script-src', 'default-src'],
  styles: ['style-src-elem', 'style-src', 'default-src'],
  fonts: ['font-src', 'default-src'],
};

/** Schemes whose resources come from the page itself, not from another site. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'filesystem:']);
/** Schemes that fetch over the network (a `wss:` source matches https URLs, §6.7.2.9). */
const NETWORK_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);

type Policy = Map<string, string[]>;

/** CSP3 §2.2.1: directives split on ";", names are case-insensitive, a repeated directive is ignored. */
export function parsePolicy(serialized: string): Policy {
  const directives: Policy = new Map();
  for (const part of serialized.split(';')) {
    const [name, ...sources] = part.trim().split(/[\t\n\f\r ]+/).filter((w) => w !== '');
    if (name !== undefined && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** A URL standing for a load from another site: the origin a source names, or a made-up one. */
interface Candidate {
  scheme: string;
  host: string;
  path: string;
}

const ANYWHERE: Candidate = { scheme: 'https', host: 'third-party.invalid', path: '/x' };

interface HostSource {
  scheme?: string;
  host: string;
  path?: string;
}

function hostSource(source: string): HostSource | undefined {
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(?:\d+|\*))?(\/[^?#]*)?$/i.exec(source);
  if (!m) return undefined;
  return { ...(m[1] ? { scheme: m[1].toLowerCase() } : {}), host: (m[2] as string).toLowerCase(), ...(m[3] ? { path: m[3] } : {}) };
}

function candidateOf(source: string): Candidate | undefined {
  const s = source.toLowerCase();
  if (NETWORK_SCHEMES.has(s)) return { ...ANYWHERE, scheme: s === 'http:' || s === 'ws:' ? 'http' : 'https' };
  const h = hostSource(source);
  if (!h || h.host === '*') return h ? ANYWHERE : undefined;
  const scheme = h.scheme === 'http' || h.scheme === 'ws' ? 'http' : 'https';
  const host = h.host.startsWith('*.') ? `a.${h.host.slice(2)}` : h.host;
  const path = h.path === undefined ? '/x' : h.path.endsWith('/') ? `${h.path}x` : h.path;
  return { scheme, host, path };
}

/** CSP3 §6.7.2.9 scheme-part match (with the upgrades it allows). */
function schemeMatches(a: string, b: string): boolean {
  return a === b || (a === 'http' && b === 'https') || (a === 'ws' && ['wss', 'http', 'https'].includes(b)) || (a === 'wss' && b === 'https');
}

/** CSP3 §6.7.2.8 "Does url match expression", for a candidate from another origin ('self' never matches it). */
function sourceMatches(source: string, url: Candidate): boolean {
  const s = source.toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return schemeMatches(s.slice(0, -1), url.scheme);
  const h = hostSource(source);
  if (!h) return false;
  if (h.host === '*') return h.scheme === undefined ? url.scheme === 'http' || url.scheme === 'https' : schemeMatches(h.scheme, url.scheme);
  if (h.scheme !== undefined ? !schemeMatches(h.scheme, url.scheme) : !schemeMatches('http', url.scheme)) return false;
  const hostOk = h.host.startsWith('*.') ? url.host.endsWith(h.host.slice(1)) : url.host === h.host;
  if (!hostOk) return false;
  if (h.path === undefined || h.path === '/') return true;
  return h.path.endsWith('/') ? url.path.startsWith(h.path) : url.path === h.path;
}

const isNonceOrHash = (s: string): boolean => /^'(nonce|sha256|sha384|sha512)-/i.test(s);

interface Allowance {
  allowed: Tri;
  /** What lets it in (or why it cannot be told). */
  why: string;
}

/** Whether one policy lets `kind` load `url`. */
function allowance(policy: Policy, kind: Kind, url: Candidate, dynamic: (source: string) => boolean): Allowance {
  const chain = FALLBACK[kind];
  const directive = chain.find((d) => policy.has(d));
  if (directive === undefined) {
    const filled = [...policy.keys()].find(dynamic);
    if (filled !== undefined) return { allowed: 'unknown', why: `the policy takes ${filled} from the server at run time` };
    const names = chain.length === 2 ? chain.join(' nor ') : `${chain.slice(0, -1).join(', ')} nor ${chain.slice(-1).join('')}`;
    return { allowed: true, why: `neither ${names} is set, so ${kind} may come from anywhere` };
  }
  const sources = policy.get(directive) as string[];
  const lower = sources.map((s) => s.toLowerCase());
  if (kind === 'scripts' && lower.includes("'strict-dynamic'")) {
    if (!sources.some(isNonceOrHash)) return { allowed: false, why: `${directive} has 'strict-dynamic' without a nonce or hash, so no script loads` };
    return { allowed: true, why: `${directive} has 'strict-dynamic', so scripts trusted by a nonce or hash may load further scripts from any origin` };
  }
  const match = sources.find((s) => sourceMatches(s, url));
  if (match !== undefined) return { allowed: true, why: `${directive} allows ${match}` };
  const unknown = sources.find(dynamic);
  if (unknown !== undefined) return { allowed: 'unknown', why: `${directive} takes ${unknown} from the server at run time` };
  return { allowed: false, why: `${directive} does not allow ${url.host}` };
}

const candidateKey = (c: Candidate): string => `${c.scheme}://${c.host}${c.path}`;

/**
 * The policies with repeats left out: enforcing the same policy twice allows exactly what it
 * allows once (§4.1), and a header repeated thousands of times would otherwise be weighed
 * against itself thousands of times over.
 */
function distinctPolicies(policies: Policy[]): Policy[] {
  const byText = new Map<string, Policy>();
  for (const policy of policies) {
    const text = [...policy].map(([name, sources]) => `${name} ${sources.join(' ')}`).join(';');
    if (!byText.has(text)) byText.set(text, policy);
  }
  return [...byText.values()];
}

function judgeKind(policies: Policy[], kind: Kind, dynamic: (source: string) => boolean): Allowance {
  // One candidate per distinct URL: every candidate is tried against every policy.
  const candidates = new Map<string, Candidate>([[candidateKey(ANYWHERE), ANYWHERE]]);
  for (const policy of policies) {
    const directive = FALLBACK[kind].find((d) => policy.has(d));
    for (const source of directive ? (policy.get(directive) as string[]) : []) {
      const c = candidateOf(source);
      if (c && !LOCAL_SCHEMES.has(source.toLowerCase()) && !candidates.has(candidateKey(c))) candidates.set(candidateKey(c), c);
    }
  }
  let unknown: Allowance | undefined;
  for (const url of candidates.values()) {
    const each = policies.map((p) => allowance(p, kind, url, dynamic));
    if (each.some((a) => a.allowed === false)) continue;
    const open = each.find((a) => a.allowed === 'unknown');
    if (open) unknown ??= open;
    else return { allowed: true, why: each.length === 1 ? (each[0] as Allowance).why : `every policy lets them in (${each.map((a, i) => `policy ${i + 1}: ${a.why}`).join('; ')})` };
  }
  return unknown ?? { allowed: false, why: '' };
}

/**
 * The policies a response carries, as the report shows them: each distinct header value once,
 * in the order sent (a header repeated thousands of times is still one policy, §4.1).
 */
export function describePolicies(values: string[]): string {
  return [...new Set(values)].join(', ');
}

const judged = new WeakMap<(source: string) => boolean, Map<string, CspJudgement>>();
const neverDynamic = (): boolean => false;

/**
 * Judges the enforced Content-Security-Policy header values a response carries (each value may
 * hold several comma-separated policies). Judged once per distinct set: thousands of virtual
 * hosts often share one policy.
 */
export function judgeCsp(values: string[], dynamic: (source: string) => boolean = neverDynamic): CspJudgement {
  let cache = judged.get(dynamic);
  if (cache === undefined) judged.set(dynamic, (cache = new Map<string, CspJudgement>()));
  const key = values.join('\n');
  let verdict = cache.get(key);
  if (verdict === undefined) {
    verdict = judgeOnce(values, dynamic);
    cache.set(key, verdict);
  }
  return verdict;
}

function judgeOnce(values: string[], dynamic: (source: string) => boolean): CspJudgement {
  const policies = distinctPolicies(values.flatMap((v) => v.split(',')).map(parsePolicy).filter((p) => p.size > 0));
  if (policies.length === 0) return { thirdPartyAllowed: true, reason: 'the Content-Security-Policy is empty, so it limits nothing' };
  const byReason = new Map<string, { allowed: Tri; kinds: Kind[] }>();
  for (const kind of ['scripts', 'styles', 'fonts'] as Kind[]) {
    const a = judgeKind(policies, kind, dynamic);
    if (a.allowed === false) continue;
    const entry = byReason.get(a.why) ?? { allowed: a.allowed, kinds: [] };
    entry.kinds.push(kind);
    byReason.set(a.why, entry);
  }
  if (byReason.size === 0) return { thirdPartyAllowed: false, reason: 'scripts, styles and fonts are limited to the site itself' };
  const open = [...byReason].filter(([, e]) => e.allowed === true);
  const shown = open.length > 0 ? open : [...byReason];
  const reason = shown.map(([why, e]) => (why.includes(` ${String(e.kinds[0])} `) ? why : `${why} (for ${listOf(e.kinds)})`)).join('; ');
  return { thirdPartyAllowed: open.length > 0 ? true : 'unknown', reason };
}

function listOf(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.slice(-1).join('')}`;
}
