import { describe, expect, it } from 'vitest';
import { judgeCsp, parsePolicy } from '../../../src/software/web/content-security-policy.js';

/** Cases from CSP Level 3 (https://www.w3.org/TR/CSP3/), section named in each test. */
const allowed = (...values: string[]): unknown => judgeCsp(values).thirdPartyAllowed;
const nginxVariable = (s: string): boolean => s.includes('$');

describe('parsePolicy (CSP3 §2.2.1)', () => {
  it('lower-cases directive names and keeps the first of a repeated directive', () => {
    expect([...parsePolicy("Default-Src 'self'; default-src *;;  script-src  a b ")]).toEqual([
      ['default-src', ["'self'"]],
      ['script-src', ['a', 'b']],
    ]);
  });
});

describe('judgeCsp: which directive governs scripts, styles and fonts (§6.8.3 fallback lists)', () => {
  it("keeps third parties out when every kind is limited to 'self', 'none', local schemes, nonces or hashes", () => {
    expect(judgeCsp(["default-src 'none'; script-src 'self' 'nonce-abc' 'sha256-xyz'; style-src 'self' 'unsafe-inline'; font-src data: blob:"])).toEqual({
      thirdPartyAllowed: false,
      reason: 'scripts, styles and fonts are limited to the site itself',
    });
    // img-src is not about scripts, styles or fonts.
    expect(allowed("default-src 'self'; img-src https://img.example")).toBe(false);
  });

  it('script-src-elem, not default-src, governs script elements (the case nginx and Apache judged differently)', () => {
    expect(judgeCsp(["default-src 'self'; script-src-elem https://cdn.example.com"])).toEqual({
      thirdPartyAllowed: true,
      reason: 'script-src-elem allows https://cdn.example.com (for scripts)',
    });
    // ... and it overrides a strict script-src for elements.
    expect(allowed("script-src 'self'; script-src-elem https:; default-src 'self'")).toBe(true);
    // A strict script-src-elem closes scripts even when script-src is open.
    expect(allowed("default-src 'self'; script-src *; script-src-elem 'self'")).toBe(false);
  });

  it('style-src-elem governs stylesheets; the -attr directives load nothing and are not consulted', () => {
    expect(judgeCsp(["default-src 'self'; style-src https://fonts.example; style-src-elem 'self'"]).thirdPartyAllowed).toBe(false);
    expect(allowed("default-src 'self'; script-src-attr *; style-src-attr *")).toBe(false);
    expect(judgeCsp(["default-src 'self'; style-src-elem https://fonts.example"]).reason).toBe('style-src-elem allows https://fonts.example (for styles)');
  });

  it('falls back to default-src, and names the kinds it opens', () => {
    expect(judgeCsp(["script-src 'self'; style-src 'self'; default-src https:"])).toEqual({ thirdPartyAllowed: true, reason: 'default-src allows https: (for fonts)' });
    expect(judgeCsp(["default-src 'self' *"]).reason).toBe('default-src allows * (for scripts, styles and fonts)');
  });

  it('a kind with no directive in its chain is not limited', () => {
    expect(judgeCsp(["script-src 'self'; style-src 'self'"])).toEqual({
      thirdPartyAllowed: true,
      reason: 'neither font-src nor default-src is set, so fonts may come from anywhere',
    });
    expect(judgeCsp(["img-src 'self'"]).reason).toContain('neither script-src-elem, script-src nor default-src is set, so scripts may come from anywhere');
  });

  it('matches scheme sources as §6.7.2.9 does: wss: admits https URLs, data: and blob: are the page itself', () => {
    expect(allowed("default-src 'self'; font-src wss:")).toBe(true);
    expect(allowed("default-src 'self' data: blob: filesystem:")).toBe(false);
  });

  it('an empty source list or an empty header admits nothing / limits nothing', () => {
    expect(allowed("default-src 'self'; script-src")).toBe(false);
    expect(judgeCsp([' ; '])).toEqual({ thirdPartyAllowed: true, reason: 'the Content-Security-Policy is empty, so it limits nothing' });
  });
});

describe("judgeCsp: 'strict-dynamic' (§8.2)", () => {
  it('with a nonce or hash, trusted scripts may load scripts from anywhere: third-party scripts are allowed', () => {
    expect(judgeCsp(["default-src 'self'; script-src 'strict-dynamic' 'nonce-r4nd0m' https://cdn.example"])).toEqual({
      thirdPartyAllowed: true,
      reason: "script-src has 'strict-dynamic', so scripts trusted by a nonce or hash may load further scripts from any origin",
    });
    expect(allowed("default-src 'self'; script-src 'strict-dynamic' 'sha256-abc'")).toBe(true);
  });

  it('without a nonce or hash it admits no script, whatever hosts are listed', () => {
    expect(allowed("default-src 'self'; script-src 'strict-dynamic' https://cdn.example")).toBe(false);
  });

  it('means nothing outside script directives', () => {
    expect(allowed("default-src 'self'; style-src 'self' 'strict-dynamic' 'nonce-x'")).toBe(false);
  });
});

describe('judgeCsp: several policies are all enforced (§2.2.2, §4.1)', () => {
  it('a strict policy in a second header wins over an open first one', () => {
    expect(allowed('default-src *', "default-src 'self'")).toBe(false);
    expect(allowed("default-src 'self'", 'default-src *')).toBe(false);
  });

  it('comma-separated policies in one header value are several policies', () => {
    expect(allowed("default-src *, default-src 'self'")).toBe(false);
  });

  it('a third party passes only when every policy lets the same origin in', () => {
    expect(allowed("default-src 'self' https://a.example", "default-src 'self' https://b.example")).toBe(false);
    expect(judgeCsp(["default-src 'self' https://cdn.example", 'script-src *; style-src *; font-src *'])).toEqual({
      thirdPartyAllowed: true,
      reason: 'every policy lets them in (policy 1: default-src allows https://cdn.example; policy 2: script-src allows *) (for scripts)' +
        '; every policy lets them in (policy 1: default-src allows https://cdn.example; policy 2: style-src allows *) (for styles)' +
        '; every policy lets them in (policy 1: default-src allows https://cdn.example; policy 2: font-src allows *) (for fonts)',
    });
    // Wildcard subdomains and path prefixes are matched as §6.7.2.8 says.
    expect(allowed("default-src 'self' https://*.example.com", "default-src 'self' https://cdn.example.com/lib/")).toBe(true);
    expect(allowed("default-src 'self' https://cdn.example.com/lib/", "default-src 'self' https://cdn.example.com/other/")).toBe(false);
  });
});

describe('judgeCsp: values filled in by the server at run time', () => {
  it('cannot tell for a kind whose directive holds a variable, unless another policy closes it', () => {
    expect(judgeCsp(["default-src 'self' $cdn"], nginxVariable)).toEqual({
      thirdPartyAllowed: 'unknown',
      reason: 'default-src takes $cdn from the server at run time (for scripts, styles and fonts)',
    });
    expect(judgeCsp(['$csp'], nginxVariable).thirdPartyAllowed).toBe('unknown');
    expect(judgeCsp(['$csp', "default-src 'self'"], nginxVariable).thirdPartyAllowed).toBe(false);
  });

  it('a known open source outweighs an unknown one', () => {
    expect(judgeCsp(["default-src 'self' $cdn https://cdn.example"], nginxVariable).thirdPartyAllowed).toBe(true);
  });
});

describe('judgeCsp: repeated headers (a fuzzer find: 20,000 copies of one header did not end)', () => {
  it('weighs a policy sent many times as that policy once (§4.1: every copy allows the same)', () => {
    const open = "default-src 'self' https://cdn.example.com";
    const strict = "default-src 'self'";
    expect(judgeCsp(Array.from({ length: 20_000 }, () => open))).toEqual(judgeCsp([open]));
    // The repeats change nothing about which policy wins: the strict one still closes it.
    expect(judgeCsp([...Array.from({ length: 20_000 }, () => open), strict]).thirdPartyAllowed).toBe(false);
    expect(judgeCsp([...Array.from({ length: 20_000 }, () => strict), open]).thirdPartyAllowed).toBe(false);
  });
});
