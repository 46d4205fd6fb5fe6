import type { Tri } from '../../inventory/evidence.js';

/**
 * Whether a Content-Security-Policy keeps third-party scripts, styles and fonts out: each of
 * script-src, style-src and font-src (or default-src when it is absent, CSP Level 3 §6.8.3
 * fallback) may list only 'self', 'none', data:, blob:, inline/eval keywords, nonces and hashes.
 */

const SAME_ORIGIN = new Set(["'self'", "'none'", "'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'strict-dynamic'", "'wasm-unsafe-eval'", "'report-sample'", 'data:', 'blob:']);

export interface CspVerdict {
  thirdPartyAllowed: Tri;
  reason: string;
}

const judged = new Map<string, CspVerdict>();

/** Judged once per distinct policy: thousands of servers often share one. */
export function judgeCsp(policy: string): CspVerdict {
  let verdict = judged.get(policy);
  if (!verdict) {
    verdict = judgeOnce(policy);
    judged.set(policy, verdict);
  }
  return verdict;
}

function judgeOnce(policy: string): CspVerdict {
  if (policy.includes('$')) return { thirdPartyAllowed: 'unknown', reason: `the policy is built from nginx variables (${policy})` };
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const words = part.trim().split(/\s+/).filter((w) => w !== '');
    const name = words.shift()?.toLowerCase();
    if (name !== undefined && !directives.has(name)) directives.set(name, words);
  }
  const open: string[] = [];
  for (const kind of ['script-src', 'style-src', 'font-src']) {
    const own = directives.get(kind);
    const sources = own ?? directives.get('default-src');
    const used = own ? kind : 'default-src';
    if (sources === undefined) {
      open.push(`neither ${kind} nor default-src is set, so ${kind.replace('-src', '')}s may come from anywhere`);
      continue;
    }
    const foreign = sources.filter((s) => !isSameOrigin(s));
    if (foreign.length > 0) open.push(`${used} allows ${foreign.join(' ')}${own ? '' : ` (for ${kind})`}`);
  }
  if (open.length === 0) return { thirdPartyAllowed: false, reason: 'scripts, styles and fonts are limited to the site itself' };
  return { thirdPartyAllowed: true, reason: [...new Set(open)].join('; ') };
}

function isSameOrigin(source: string): boolean {
  const s = source.toLowerCase();
  return SAME_ORIGIN.has(s) || /^'(nonce|sha256|sha384|sha512)-/.test(s);
}
