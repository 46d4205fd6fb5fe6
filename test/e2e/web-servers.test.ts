import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/engine/types.js';
import { claimOf, findingsOf, lintFixture, placeOf, repoRoot } from '../helpers/lint-fixture.js';
import { locateInFile } from '../helpers/locate-in-file.js';
import { cell } from '../helpers/matrix.js';

/**
 * The web servers in front of an XMPP server, end to end through lint(): for nginx, Apache, a
 * Caddyfile and Caddy's JSON config, a compliant tree verifies `website.thirdPartyResources` and
 * `ipAddresses.stored: never`, and a violating tree breaks both with findings at the lines that
 * do it. The policies declare only these two claims (no retention figures).
 */

/** Where a needle sits in a fixture file, as `file:line:column` relative to the fixture root. */
function place(fixture: string, file: string, needle: string, comment = '#'): string {
  const at = locateInFile(path.join(repoRoot, 'fixtures', fixture, file), needle, comment);
  return `${file}:${at.line}:${at.column}`;
}

/** The line of the first line holding `needle`, as place() finds it. */
function lineOf(fixture: string, file: string, needle: string): number {
  return locateInFile(path.join(repoRoot, 'fixtures', fixture, file), needle, '#').line;
}

const verdicts = (result: LintResult): [string, string][] => result.claims.map((c) => [c.claim, c.verdict]);
const placesOf = (result: LintResult, rule: string): string[] => findingsOf(result, rule).map((f) => placeOf(result, f));
const BOTH_VERIFIED = [
  ['ipAddresses.stored', 'verified'],
  ['website.thirdPartyResources', 'verified'],
];
const BOTH_VIOLATED = [
  ['ipAddresses.stored', 'violated'],
  ['website.thirdPartyResources', 'violated'],
];

describe('nginx (fixtures/web/nginx)', () => {
  const CONF = 'etc/nginx/nginx.conf';

  it(`${cell('nginx', 'ip-address-storage', 'compliant')}${cell('nginx', 'website-third-party-resources', 'compliant')} compliant: anonymised access log, error log discarded, two http-level policies of which the strict one decides`, async () => {
    const result = await lintFixture('web/nginx/compliant');
    expect(verdicts(result)).toEqual(BOTH_VERIFIED);
    expect(claimOf(result, 'website.thirdPartyResources').observed).toBe(
      "CSP: default-src 'self'; img-src *, script-src 'self'; style-src 'self'; font-src 'self'",
    );
    expect(result.findings).toEqual([]);
  });

  it(`${cell('nginx', 'ip-address-storage', 'violating')}${cell('nginx', 'website-third-party-resources', 'violating')} violating: combined access log; script-src-elem CDN, a level whose add_header drops the policy, error pages without "always"`, async () => {
    const fixture = 'web/nginx/violating';
    const result = await lintFixture(fixture);
    expect(verdicts(result)).toEqual(BOTH_VIOLATED);
    expect(placesOf(result, 'ip-address-storage')).toContain(place(fixture, CONF, 'access_log'));
    const csp = findingsOf(result, 'website-third-party-resources');
    expect(csp.map((f) => [placeOf(result, f), f.message])).toEqual([
      [
        place(fixture, CONF, `add_header Content-Security-Policy "default-src 'self'; script-src-elem`),
        'nginx server www.example.org lets pages load scripts, styles or fonts from other sites: script-src-elem allows https://cdn.example.com (for scripts); the policy declares no third-party resources',
      ],
      [
        place(fixture, CONF, 'add_header Content-Security-Policy-Report-Only'),
        `nginx server chat.example.org lets pages load scripts, styles or fonts from other sites: the add_header at line ${lineOf(fixture, CONF, 'add_header Content-Security-Policy-Report-Only')} replaces the inherited headers, so pages under server chat.example.org get no Content-Security-Policy; the policy declares no third-party resources`,
      ],
      [
        place(fixture, CONF, `add_header Content-Security-Policy "default-src 'self'";`),
        `nginx server docs.example.org lets pages load scripts, styles or fonts from other sites: server docs.example.org: the pages error_page serves (line ${lineOf(fixture, CONF, 'error_page')}) get no Content-Security-Policy, since add_header without "always" skips error responses; the policy declares no third-party resources`,
      ],
    ]);
    expect(csp[0]!.suggestion).toBe(`add_header Content-Security-Policy "default-src 'self'" always;`);
  });
});

describe('Apache (fixtures/web/apache)', () => {
  const SITE = 'etc/apache2/sites-enabled/www.conf';

  it(`${cell('apache', 'ip-address-storage', 'compliant')}${cell('apache', 'website-third-party-resources', 'compliant')} compliant: anonip access log, error log format without the client, "always" and "onsuccess" policies both sent and enforced; append and merge`, async () => {
    const result = await lintFixture('web/apache/compliant');
    expect(verdicts(result)).toEqual(BOTH_VERIFIED);
    expect(claimOf(result, 'website.thirdPartyResources').observed).toBe(
      "CSP: default-src 'self', default-src 'self' https://cdn.example.com; CSP: default-src 'self', script-src https://cdn.example.com",
    );
    expect(result.findings).toEqual([]);
  });

  it(`${cell('apache', 'ip-address-storage', 'violating')}${cell('apache', 'website-third-party-resources', 'violating')} violating: combined access log, default error log; script-src-elem CDN, Header always unset, an onsuccess policy that an always unset leaves in place`, async () => {
    const fixture = 'web/apache/violating';
    const result = await lintFixture(fixture);
    expect(verdicts(result)).toEqual(BOTH_VIOLATED);
    expect(placesOf(result, 'ip-address-storage')).toEqual([place(fixture, 'etc/apache2/apache2.conf', 'ErrorLog'), place(fixture, SITE, 'CustomLog')]);
    const csp = findingsOf(result, 'website-third-party-resources');
    expect(csp.map((f) => [placeOf(result, f), f.message])).toEqual([
      [
        place(fixture, SITE, 'Header always set Content-Security-Policy'),
        '<VirtualHost *:80> www.example.org sends a Content-Security-Policy where script-src-elem allows https://cdn.example.com (for scripts); the policy declares no third-party resources',
      ],
      [
        place(fixture, SITE, 'Header always unset'),
        '<VirtualHost *:80> chat.example.org removes the Content-Security-Policy header (Header unset), so browsers load scripts, styles and fonts from anywhere; the policy declares no third-party resources',
      ],
      [
        place(fixture, SITE, 'Header set Content-Security-Policy'),
        '<VirtualHost *:80> docs.example.org sends a Content-Security-Policy where default-src allows https: (for scripts, styles and fonts); the policy declares no third-party resources',
      ],
    ]);
    expect(csp[0]!.suggestion).toBe(`Header always set Content-Security-Policy "default-src 'self'"`);
  });
});

describe('Caddyfile (fixtures/web/caddyfile)', () => {
  it(`${cell('caddyfile', 'ip-address-storage', 'compliant')}${cell('caddyfile', 'website-third-party-resources', 'compliant')} compliant: etc/caddy/Caddyfile found without a service; filtered logs; "+" headers add two policies`, async () => {
    const result = await lintFixture('web/caddyfile/compliant');
    expect(verdicts(result)).toEqual(BOTH_VERIFIED);
    expect(result.sources.map((s) => [path.relative(result.root, s.file), s.kind])).toEqual([['etc/caddy/Caddyfile', 'caddy']]);
    expect(result.findings).toEqual([]);
  });

  it(`${cell('caddyfile', 'ip-address-storage', 'violating')}${cell('caddyfile', 'website-third-party-resources', 'violating')} violating: caddy.service runs another file with --adapter caddyfile; full access log; script-src-elem CDN and strict-dynamic`, async () => {
    const fixture = 'web/caddyfile/violating';
    const CONF = 'etc/caddy/xmpp.conf';
    const result = await lintFixture(fixture);
    expect(result.sources.map((s) => [path.relative(result.root, s.file), s.kind])).toEqual([
      ['lib/systemd/system/caddy.service', 'caddy'],
      [CONF, 'caddy'],
    ]);
    expect(verdicts(result)).toEqual(BOTH_VIOLATED);
    expect(placesOf(result, 'ip-address-storage')).toContain(place(fixture, CONF, 'log {'));
    const csp = findingsOf(result, 'website-third-party-resources');
    expect(csp.map((f) => [placeOf(result, f), f.message])).toEqual([
      [
        place(fixture, CONF, 'Content-Security-Policy "default-src \'self\'; script-src-elem'),
        'Site http://www.example.org sends a Content-Security-Policy where script-src-elem allows https://cdn.example.com (for scripts); the policy declares no third-party resources',
      ],
      [
        place(fixture, CONF, "Content-Security-Policy \"default-src 'self'; script-src 'strict-dynamic'"),
        "Site http://chat.example.org sends a Content-Security-Policy where script-src has 'strict-dynamic', so scripts trusted by a nonce or hash may load further scripts from any origin; the policy declares no third-party resources",
      ],
    ]);
    expect(csp[0]!.suggestion).toBe(`header Content-Security-Policy "default-src 'self'"`);
  });
});

describe('Caddy JSON (fixtures/web/caddy-json)', () => {
  it(`${cell('caddy-json', 'ip-address-storage', 'compliant')}${cell('caddy-json', 'website-third-party-resources', 'compliant')} compliant: a caddy.service drop-in replaces ExecStart with --config=/etc/caddy/site.json, which is read instead of the Caddyfile`, async () => {
    const result = await lintFixture('web/caddy-json/compliant');
    expect(result.sources.map((s) => [path.relative(result.root, s.file), s.kind, s.status])).toEqual([
      ['lib/systemd/system/caddy.service', 'caddy', 'ok'],
      ['etc/systemd/system/caddy.service.d/json.conf', 'caddy', 'ok'],
      ['etc/caddy/site.json', 'caddy', 'ok'],
    ]);
    expect(verdicts(result)).toEqual(BOTH_VERIFIED);
    // One headers handler adding two policies: both are enforced, so 'self' decides.
    expect(claimOf(result, 'website.thirdPartyResources').observed).toBe("CSP: default-src 'self', default-src 'self' https://cdn.example.com");
    expect(result.findings).toEqual([]);
  });

  it(`${cell('caddy-json', 'ip-address-storage', 'violating')}${cell('caddy-json', 'website-third-party-resources', 'violating')} violating: etc/caddy/caddy.json found without a service; unfiltered access log and default logger; CDN and a deleted header`, async () => {
    const fixture = 'web/caddy-json/violating';
    const CONF = 'etc/caddy/caddy.json';
    const result = await lintFixture(fixture);
    expect(result.sources.map((s) => path.relative(result.root, s.file))).toEqual([CONF]);
    expect(verdicts(result)).toEqual(BOTH_VIOLATED);
    expect(placesOf(result, 'ip-address-storage')).toEqual([place(fixture, CONF, '"default"'), place(fixture, CONF, '"full"')]);
    const csp = findingsOf(result, 'website-third-party-resources');
    expect(csp.map((f) => [placeOf(result, f), f.message])).toEqual([
      [
        place(fixture, CONF, '"Content-Security-Policy": ["default-src \'self\'; script-src-elem'),
        'Site www.example.org sends a Content-Security-Policy where script-src-elem allows https://cdn.example.com (for scripts); the policy declares no third-party resources',
      ],
      [
        place(fixture, CONF, '"Content-Security-Policy"]'),
        'Site chat.example.org removes the Content-Security-Policy header, so browsers load scripts, styles and fonts from anywhere; the policy declares no third-party resources',
      ],
    ]);
  });
});
