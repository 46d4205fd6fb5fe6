import { describe, expect, it } from 'vitest';
import { parseCaddyfile } from '../../../src/formats/caddyfile/parse-caddyfile.js';
import type { SoftwareReading } from '../../../src/inventory/log-retention.js';
import { interpretCaddyfile } from '../../../src/software/caddy/read-caddy.js';

function read(source: string, version?: string): SoftwareReading {
  const parsed = parseCaddyfile('/etc/caddy/Caddyfile', { read: (p) => (p === '/etc/caddy/Caddyfile' ? source : undefined), list: () => undefined, host: (p) => `/root${p}` });
  const reading: SoftwareReading = { files: parsed.files, searched: [], diagnostics: [...parsed.diagnostics], practices: [], logRetention: [] };
  interpretCaddyfile(parsed, reading, version);
  return reading;
}

describe('interpretCaddyfile', () => {
  it('a bare `log` with no global log option: access log of every request on stderr (the journal)', () => {
    const r = read('a.org {\n\tlog\n}\n');
    expect(r.practices.find((p) => p.kind === 'ip-address')).toMatchObject({
      destination: 'stderr',
      which: 'all',
      certainty: true,
      evidence: [
        { file: '/root/etc/caddy/Caddyfile', line: 1, column: 1, note: 'no global log option: the default logger writes to stderr' },
        { file: '/root/etc/caddy/Caddyfile', line: 2, column: 2, note: 'log (site a.org): access log to the default logger' },
      ],
    });
  });

  it('the global debug option lowers the default logger to DEBUG', () => {
    const r = read('{\n\tdebug\n}\na.org {\n\trespond ok\n}\n');
    expect(r.practices.find((p) => p.kind === 'log-sink')).toMatchObject({ destination: 'stderr', minLevel: 'debug' });
  });

  it('discard writes nothing; delete and replace remove the address; hash keeps a pseudonym', () => {
    const r = read(
      'a.org {\n\tlog {\n\t\toutput discard\n\t}\n}\nb.org {\n\tlog {\n\t\toutput file /l/b.log\n\t\tformat filter {\n\t\t\twrap json\n\t\t\tfields {\n\t\t\t\trequest>remote_ip delete\n\t\t\t\trequest>headers delete\n\t\t\t}\n\t\t}\n\t}\n}\nc.org {\n\tlog {\n\t\toutput file /l/c.log\n\t\tformat filter {\n\t\t\tfields {\n\t\t\t\trequest>remote_ip hash\n\t\t\t}\n\t\t}\n\t}\n}\n',
    );
    const sinks = r.practices.flatMap((p) => (p.kind === 'log-sink' ? [[p.destination, p.carriesIpAddresses]] : []));
    expect(sinks).toEqual([
      ['stderr', true],
      ['/l/b.log', false],
      ['/l/c.log', true],
    ]);
    expect(r.practices.find((p) => p.kind === 'log-sink' && p.destination === '/l/c.log')).toMatchObject({ description: expect.stringContaining('request>remote_ip hash (a pseudonym, still personal data)') as unknown });
  });

  it('ip_mask keeping all 32 bits keeps the address', () => {
    const r = read('a.org {\n\tlog {\n\t\toutput file /l/a.log\n\t\tformat filter {\n\t\t\tfields {\n\t\t\t\trequest>remote_ip ip_mask {\n\t\t\t\t\tipv4 32\n\t\t\t\t\tipv6 64\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n}\n');
    expect(r.practices.find((p) => p.kind === 'log-sink' && p.destination === '/l/a.log')).toMatchObject({ carriesIpAddresses: true });
  });
});
