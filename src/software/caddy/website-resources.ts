import type { CaddyDirective, CaddySiteBlock } from '../../formats/caddyfile/parse-caddyfile.js';
import type { CaddyToken } from '../../formats/caddyfile/lex-caddyfile.js';
import type { Evidence, Tri } from '../../inventory/evidence.js';
import type { WebsiteResourcesPractice } from '../../inventory/practice.js';
import { judgeCsp } from '../apache/content-security-policy.js';

/**
 * The Content-Security-Policy each Caddy site sends: `header [matcher] [+|?|-]Field [value]` or
 * `header [matcher] { Field value ... }` (caddyconfig/httpcaddyfile directive `header`,
 * modules/caddyhttp/headers/caddyfile.go). A header at the site's top level without a matcher
 * applies to every response; one under a matcher, handle or route only to some.
 */
export const CADDY_CSP_FIX = `header Content-Security-Policy "default-src 'self'"`;

interface CspSetting {
  value: string | undefined;
  at: Evidence;
  partial: boolean;
}

const isMatcher = (t: CaddyToken | undefined): boolean => t !== undefined && (t.text.startsWith('@') || t.text.startsWith('/') || t.text === '*');

function fromHeader(d: CaddyDirective, nested: boolean): CspSetting[] {
  const args = [...d.args];
  const partial = nested || (isMatcher(args[0]) && args[0]?.text !== '*');
  if (isMatcher(args[0])) args.shift();
  const lines: CaddyToken[][] = args.length > 0 ? [args] : (d.block ?? []).map((b) => [b.name, ...b.args]);
  const out: CspSetting[] = [];
  for (const [field, value] of lines) {
    if (field === undefined) continue;
    const name = field.text.replace(/^[+?>]/, '');
    if (name.replace(/^-/, '').toLowerCase() !== 'content-security-policy') continue;
    const at = { ...field.at, note: name.startsWith('-') ? 'header -Content-Security-Policy' : `Content-Security-Policy: ${value?.text ?? ''}` };
    out.push({ value: name.startsWith('-') ? undefined : value?.text, at, partial });
  }
  return out;
}

function collect(directives: CaddyDirective[], nested: boolean): CspSetting[] {
  return directives.flatMap((d) => (d.name.text === 'header' ? fromHeader(d, nested) : d.block !== undefined && !d.name.text.startsWith('@') ? collect(d.block, true) : []));
}

export function caddyWebsiteResources(sites: CaddySiteBlock[]): WebsiteResourcesPractice[] {
  return sites.map((site) => {
    const name = site.keys.map((k) => k.text).join(', ');
    const subject = { software: 'caddy', name, kind: 'host' };
    const siteEvidence: Evidence = { ...site.at, note: `site ${name}` };
    const settings = collect(site.directives, false);
    const whole = settings.filter((s) => !s.partial);
    const last = whole[whole.length - 1];
    if (last?.value !== undefined) {
      const judged = judgeCsp(last.value);
      return {
        kind: 'website-resources',
        subject,
        evidence: [last.at, siteEvidence],
        thirdPartyAllowed: judged.thirdPartyAllowed,
        contentSecurityPolicy: last.value,
        description: `Site ${name} sends a Content-Security-Policy where ${judged.reason}`,
        ...(judged.thirdPartyAllowed !== false ? { suggestion: CADDY_CSP_FIX } : {}),
      };
    }
    let thirdPartyAllowed: Tri = true;
    let description = `Site ${name} sends no Content-Security-Policy header, so browsers load scripts, styles and fonts from anywhere`;
    const evidence: Evidence[] = [siteEvidence];
    const partial = settings.find((s) => s.partial && s.value !== undefined);
    if (last === undefined && partial !== undefined) {
      thirdPartyAllowed = 'unknown';
      description = `Site ${name} sends a Content-Security-Policy only for some requests (under a matcher or handle)`;
      evidence.push(partial.at);
    } else if (last !== undefined) evidence.unshift(last.at);
    return { kind: 'website-resources', subject, evidence, thirdPartyAllowed, description, suggestion: CADDY_CSP_FIX };
  });
}
