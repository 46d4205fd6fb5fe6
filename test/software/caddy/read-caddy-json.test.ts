import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCaddy } from '../../../src/software/caddy/read-caddy.js';
import { rolledKeepSeconds } from '../../helpers/figure-view.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const root = join(repo, 'fixtures/caddy/json');
const file = join(root, 'etc/caddy/caddy.json');

describe('readCaddy: native JSON config (fixtures/caddy/json)', () => {
  const r = readCaddy(new RootFiles(root), 'etc/caddy/caddy.json');

  it('reads the file as JSON with positions, no diagnostics', () => {
    expect(r.files).toEqual([file]);
    expect(r.diagnostics).toEqual([]);
  });

  it('follows logger_names and include/exclude: the masked log0 file and the default logger (stderr) get access logs', () => {
    const sinks = r.practices.flatMap((p) => (p.kind === 'log-sink' ? [[p.destination, p.carriesIpAddresses, p.evidence[0]?.line]] : []));
    expect(sinks).toEqual([
      ['stderr', true, 7],
      // remote_ip masked; proxy headers such as X-Forwarded-For are still logged as sent.
      ['/var/log/caddy/xmpp.log', 'unknown', 12],
    ]);
    const stderr = r.practices.find((p) => p.kind === 'ip-address' && p.destination === 'stderr');
    expect(stderr).toMatchObject({ which: 'all', description: expect.stringContaining('Caddy access log of www.example.org to stderr') as unknown });
    const masked = r.practices.find((p) => p.kind === 'log-sink' && p.destination === '/var/log/caddy/xmpp.log');
    expect(masked).toMatchObject({ description: expect.stringContaining('request>remote_ip ip_mask keeps 24 bits of IPv4 and 48 bits of IPv6 addresses') as unknown });
  });

  it('reads roll_keep_days as Caddy rolling', () => {
    expect(r.logRetention.map((l) => [l.mechanism, l.patterns[0], rolledKeepSeconds(l.retention), l.retention.evidence[0]?.line])).toEqual([['caddy-roll', '/var/log/caddy/xmpp.log', 14 * 86400, 16]]);
  });

  it('judges the CSP set by a headers handler per host route', () => {
    expect(r.practices.flatMap((p) => (p.kind === 'website-resources' ? [[p.subject.name, p.thirdPartyAllowed]] : []))).toEqual([
      ['xmpp.example.org', false],
      ['www.example.org', true],
    ]);
  });

  it('reports a JSON syntax error with its position', () => {
    const bad = readCaddy(new RootFiles(join(repo, 'fixtures/caddy/json-broken')), 'etc/caddy/caddy.json');
    expect(bad.diagnostics.map((d) => [d.code, d.position.line])[0]).toEqual(['parse-error', 3]);
    expect(bad.practices).toEqual([]);
  });
});
