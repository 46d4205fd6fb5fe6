import type { Tri } from '../../inventory/evidence.js';

/**
 * Whether a Content-Security-Policy lets pages load scripts, styles or fonts from other origins
 * (CSP Level 3, https://www.w3.org/TR/CSP3/#directive-fallback-list): script-src, style-src and
 * font-src fall back to default-src; the -elem variants override them for elements and fall back
 * to them. Sources that are not third parties: 'self', 'none', inline/eval keywords, nonces and
 * hashes, data: and blob: (they come from the page itself). Shared by the Apache and Caddy readers.
 */
export interface CspJudgement {
  thirdPartyAllowed: Tri;
  /** Why, in a sentence fragment: which directive allows what. */
  reason: string;
}

const FIRST_PARTY = new Set(["'self'", "'none'", "'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "'report-sample'", 'data:', 'blob:']);

function firstParty(source: string): boolean {
  const s = source.toLowerCase();
  return FIRST_PARTY.has(s) || /^'(nonce|sha256|sha384|sha512)-/.test(s);
}

export function parseCsp(value: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of value.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter((w) => w !== '');
    // CSP3 §2.2.1: a repeated directive is ignored; the first one counts.
    if (name !== undefined && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

export function judgeCsp(value: string): CspJudgement {
  const csp = parseCsp(value);
  const kinds: [string, string[]][] = [
    ['script-src', ['script-src-elem', 'script-src-attr']],
    ['style-src', ['style-src-elem', 'style-src-attr']],
    ['font-src', []],
  ];
  for (const [main, variants] of kinds) {
    for (const name of [main, ...variants]) {
      let effective: string | undefined;
      let sources: string[] | undefined;
      for (const candidate of name === main ? [main, 'default-src'] : [name, main, 'default-src']) {
        sources = csp.get(candidate);
        if (sources !== undefined) {
          effective = candidate;
          break;
        }
      }
      if (sources === undefined || effective === undefined) {
        return { thirdPartyAllowed: true, reason: `the Content-Security-Policy sets neither ${main} nor default-src, so ${main.replace('-src', '')} sources are not limited` };
      }
      const foreign = sources.find((s) => !firstParty(s));
      if (foreign !== undefined) return { thirdPartyAllowed: true, reason: `${effective} allows ${foreign}` };
    }
  }
  return { thirdPartyAllowed: false, reason: "scripts, styles and fonts are limited to 'self'" };
}
