import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Practice } from '../../../src/inventory/practice.js';
import { ASSUMED_CADDY_VERSION } from '../../../src/software/caddy/caddy-version.js';
import { readCaddy } from '../../../src/software/caddy/read-caddy.js';
import { rolledKeepSeconds } from '../../helpers/figure-view.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = (name: string) => join(repo, 'fixtures/caddy', name);
const pick = (practices: Practice[], kind: Practice['kind'], destination?: string) =>
  practices.filter((p) => p.kind === kind && (destination === undefined || ('destination' in p && p.destination === destination)));
const DAY = 86400;
/** The standard files, then caddy.service in every unit directory (systemd.unit(5) load path). */
const SEARCHED = [
  'etc/caddy/Caddyfile',
  'etc/caddy/caddy.json',
  'etc/systemd/system/caddy.service',
  'run/systemd/system/caddy.service',
  'usr/local/lib/systemd/system/caddy.service',
  'usr/lib/systemd/system/caddy.service',
  'lib/systemd/system/caddy.service',
];

describe('readCaddy: sites with logs (fixtures/caddy/sites)', () => {
  const root = fixture('sites');
  const caddyfile = join(root, 'etc/caddy/Caddyfile');
  const at = (line: number, column: number) => ({ file: caddyfile, line, column });
  const r = readCaddy(new RootFiles(root));

  it('reads the Caddyfile and its glob import', () => {
    expect(r.files).toEqual([caddyfile, join(root, 'etc/caddy/sites/extra.caddy')]);
    expect(r.searched).toEqual(SEARCHED);
  });

  it('a bare `log` sends the access log to the default logger, configured by the global log option', () => {
    const [ip] = pick(r.practices, 'ip-address', '/var/log/caddy/runtime.log');
    expect(ip).toMatchObject({ which: 'all', certainty: true });
    expect(ip!.evidence).toEqual([
      { ...at(4, 2), note: 'global log: the default logger' },
      { ...at(5, 3), note: 'output file /var/log/caddy/runtime.log' },
      { ...at(55, 2), note: 'log (site chat.example.org): access log to the default logger' },
    ]);
  });

  it('block-form ip_mask and a deleted X-Forwarded-For: only proxy headers left, so unknown', () => {
    const [sink] = pick(r.practices, 'log-sink', '/var/log/caddy/xmpp-access.log');
    expect(sink).toMatchObject({ carriesIpAddresses: 'unknown' });
    expect(sink!.kind === 'log-sink' && sink.description).toContain('request>remote_ip ip_mask keeps 16 bits of IPv4 and 32 bits of IPv6 addresses; request>headers>X-Forwarded-For delete');
  });

  it(`the inline ip_mask form is not read by Caddy ${ASSUMED_CADDY_VERSION} (Debian bookworm): warning, remote_ip logged as <nil>`, () => {
    expect(r.diagnostics).toEqual([
      {
        code: 'config-warning',
        message: 'Caddy 2.6.2 does not read the inline form "ip_mask 16 32" (only 2.8 and later do): request>remote_ip is logged as "<nil>", not masked to the prefix you meant',
        position: at(46, 5),
        suggestion: 'request>remote_ip ip_mask {\n\tipv4 16\n\tipv6 32\n}',
      },
    ]);
    expect(pick(r.practices, 'log-sink', '/var/log/caddy/upload.log')[0]!.kind === 'log-sink' && (pick(r.practices, 'log-sink', '/var/log/caddy/upload.log')[0] as { description: string }).description).toContain(
      'request>remote_ip is logged as "<nil>" (inline ip_mask ignored before Caddy 2.8)',
    );
  });

  it('with Caddy 2.8 the inline form masks: no warning, and client_ip (2.7+) is logged in full', () => {
    const r28 = readCaddy(new RootFiles(root), undefined, '2.8.4');
    expect(r28.diagnostics).toEqual([]);
    const [sink] = pick(r28.practices, 'log-sink', '/var/log/caddy/upload.log');
    expect(sink).toMatchObject({ carriesIpAddresses: true, description: expect.stringContaining('request>client_ip (the client\'s IP address)') as unknown });
    expect(sink!.kind === 'log-sink' && sink.description).toContain('request>remote_ip ip_mask keeps 16 bits of IPv4 and 32 bits of IPv6 addresses');
  });

  it('console format to stdout keeps the address', () => {
    expect(pick(r.practices, 'ip-address', 'stdout')[0]).toMatchObject({ certainty: true, which: 'all' });
  });

  it('Caddy rolling: by size only, so no time bound (POLICY.md "Verdicts"); roll_keep_for stated, defaults from filewriter.go', () => {
    expect(r.logRetention.map((l) => [l.mechanism, l.patterns, l.retention.bound, rolledKeepSeconds(l.retention)])).toEqual([
      ['caddy-roll', ['/var/log/caddy/runtime.log', '/var/log/caddy/runtime-*.log*'], 'traffic', 14 * DAY],
      ['caddy-roll', ['/var/log/caddy/xmpp-access.log', '/var/log/caddy/xmpp-access-*.log*'], 'traffic', 7 * DAY],
      ['caddy-roll', ['/var/log/caddy/upload.log', '/var/log/caddy/upload-*.log*'], 'traffic', 90 * DAY],
    ]);
    expect(r.logRetention[1]!.retention).toMatchObject({
      description: 'Caddy rolls /var/log/caddy/xmpp-access.log at 10 MiB and deletes rolled files after 7 days (roll_keep 5)',
      fixTemplate: 'roll_keep_for {{days}}d',
      evidence: [{ ...at(24, 4), note: 'roll_keep_for: 7 days' }],
    });
    expect(r.logRetention[2]!.retention.evidence[0]).toMatchObject({ ...at(42, 3), default: { software: 'caddy', release: '2.6.2' } });
  });

  it('judges each site Content-Security-Policy (snippet header, extra origin, only under handle, none)', () => {
    expect(pick(r.practices, 'website-resources').map((p) => p.kind === 'website-resources' && [p.subject.name, p.thirdPartyAllowed, p.evidence[0]])).toEqual([
      ['xmpp.example.org', false, { ...at(13, 3), note: "Content-Security-Policy: default-src 'self'; img-src 'self' data:" }],
      ['upload.example.org, share.example.org', true, { ...at(50, 9), note: "Content-Security-Policy: default-src 'self' https://cdn.example.com" }],
      ['chat.example.org', 'unknown', { ...at(54, 1), note: 'site chat.example.org' }],
      ['http://plain.example.org', true, { ...at(63, 1), note: 'site http://plain.example.org' }],
    ]);
  });
});

describe('readCaddy: bad input (fixtures/caddy/broken)', () => {
  const root = fixture('broken');
  const f = (name: string, line: number, column: number) => ({ file: join(root, 'etc/caddy', name), line, column });
  const r = readCaddy(new RootFiles(root));

  it('reports import cycles, missing imports, brace errors, bad values and environment paths at their positions', () => {
    expect(r.diagnostics).toEqual([
      { code: 'include-error', message: 'Import cycle: /etc/caddy/a.caddy is already being read', position: f('b.caddy', 1, 8) },
      { code: 'include-error', message: 'import missing.caddy: /etc/caddy/missing.caddy does not exist under --root (Caddy refuses the config)', position: f('Caddyfile', 2, 8) },
      { code: 'config-warning', message: 'import nothing/*.caddy: no files match /etc/caddy/nothing/*.caddy under --root', position: f('Caddyfile', 3, 8) },
      { code: 'parse-error', message: 'Unexpected } with no open block', position: f('Caddyfile', 13, 1) },
      { code: 'parse-error', message: 'Unexpected end of file: this { is never closed', position: f('Caddyfile', 14, 20) },
      { code: 'config-error', message: 'roll_keep_for forever: not a duration (e.g. 336h or 14d)', position: f('Caddyfile', 8, 4) },
      { code: 'unknown-value', message: 'The log file {$LOG_DIR}/access.log depends on environment variables (LOG_DIR)', position: f('Caddyfile', 7, 15) },
    ]);
  });

  it('with no log options, the default logger writes to stderr (the journal) with the request address of errors', () => {
    expect(pick(r.practices, 'ip-address', 'stderr')[0]).toMatchObject({
      which: 'some',
      certainty: true,
      evidence: [{ ...f('Caddyfile', 5, 1), note: 'no global log option: the default logger writes to stderr' }],
    });
  });

  it('returns an empty reading naming what it searched when there is no Caddyfile', () => {
    expect(readCaddy(new RootFiles(fixture('no-such-root')))).toEqual({ files: [], searched: SEARCHED, diagnostics: [], practices: [], logRetention: [] });
  });
});
