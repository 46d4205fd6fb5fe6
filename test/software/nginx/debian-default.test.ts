import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNginx } from '../../../src/software/nginx/read-nginx.js';
import { filesMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * Debian's default nginx configuration, read at test time from the installed package (never
 * copied into the repo): /etc/nginx (and the module snippets its modules-enabled links point to)
 * copied into a temp root. Skipped when nginx is not installed, except in CI, where its absence
 * is a failure (`apt-get install -y nginx`).
 */

describe("Debian's default nginx configuration", () => {
  if (!requireOracle(filesMissing('/etc/nginx/nginx.conf'), ['nginx'])) return;
  const root = mkdtempSync(join(tmpdir(), 'nginx-debian-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  cpSync('/etc/nginx', join(root, 'etc/nginx'), { recursive: true, verbatimSymlinks: true });
  if (existsSync('/usr/share/nginx/modules-available')) {
    cpSync('/usr/share/nginx/modules-available', join(root, 'usr/share/nginx/modules-available'), { recursive: true, verbatimSymlinks: true });
  }
  const reading = readNginx(new RootFiles(root));
  const conf = join(root, 'etc/nginx/nginx.conf');
  const lineOf = (needle: string): number => readFileSync(conf, 'utf8').split('\n').findIndex((l) => l.trim().startsWith(needle)) + 1;

  it('reads nginx.conf, mime.types and sites-enabled/default without diagnostics', () => {
    expect(reading.diagnostics).toEqual([]);
    expect(reading.files[0]).toBe(conf);
    expect(reading.files).toContain(join(root, 'etc/nginx/mime.types'));
    expect(reading.files).toContain(join(root, 'etc/nginx/sites-enabled/default'));
  });

  it('logs client addresses to /var/log/nginx/access.log in format combined', () => {
    const sink = reading.practices.find((p) => p.kind === 'log-sink' && p.destination === '/var/log/nginx/access.log');
    expect(sink).toMatchObject({ carriesIpAddresses: true });
    expect(sink?.evidence[0]).toMatchObject({ file: conf, line: lineOf('access_log /var/log/nginx/access.log'), column: 2 });
    const ip = reading.practices.find((p) => p.kind === 'ip-address' && p.destination === '/var/log/nginx/access.log');
    expect(ip).toMatchObject({ which: 'all', certainty: true, medium: 'log' });
  });

  it('logs client addresses of request errors to /var/log/nginx/error.log at level error', () => {
    const sink = reading.practices.find((p) => p.kind === 'log-sink' && p.destination === '/var/log/nginx/error.log');
    expect(sink).toMatchObject({ carriesIpAddresses: true, minLevel: 'error' });
    expect(sink?.evidence[0]).toMatchObject({ file: conf, line: lineOf('error_log /var/log/nginx/error.log'), column: 1 });
    expect(reading.practices.find((p) => p.kind === 'ip-address' && p.destination === '/var/log/nginx/error.log')).toMatchObject({ certainty: true });
  });

  it('says the default site sends no Content-Security-Policy', () => {
    const site = reading.practices.find((p) => p.kind === 'website-resources');
    expect(site).toMatchObject({ thirdPartyAllowed: true, subject: { name: expect.stringMatching(/^server _ \(listen 80, line \d+\)$/) as unknown } });
  });
});
