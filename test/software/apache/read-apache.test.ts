import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Practice } from '../../../src/inventory/practice.js';
import { readApache } from '../../../src/software/apache/read-apache.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = (name: string) => join(repo, 'fixtures/apache', name);
const pick = (practices: Practice[], kind: Practice['kind'], destination?: string) =>
  practices.filter((p) => p.kind === kind && (destination === undefined || ('destination' in p && p.destination === destination)));

describe('readApache: Debian layout with sites (fixtures/apache/sites)', () => {
  const root = fixture('sites');
  const conf = (path: string) => join(root, 'etc/apache2', path);
  const at = (path: string, line: number, column: number) => ({ file: conf(path), line, column });
  const r = readApache(new RootFiles(root));

  it('reads apache2.conf, envvars and the included files in httpd order, skipping sites without .conf', () => {
    expect(r.files.map((f) => f.slice(conf('').length + 1))).toEqual([
      'envvars',
      'apache2.conf',
      'mods-enabled/authz_core.load',
      'mods-enabled/headers.load',
      'mods-enabled/mpm_event.load',
      'ports.conf',
      'conf-enabled/security.conf',
      'sites-enabled/10-xmpp.conf',
      'sites-enabled/20-upload.conf',
      'sites-enabled/30-chat.conf',
    ]);
  });

  it('resolves ${APACHE_LOG_DIR} from envvars (and says so) and inherits the main CustomLog into a vhost without one', () => {
    const sinks = pick(r.practices, 'log-sink', '/srv/weblogs/other_vhosts_access.log');
    expect(sinks).toHaveLength(2);
    expect(sinks[0]!.evidence).toEqual([
      { ...at('apache2.conf', 24, 1), note: 'CustomLog /srv/weblogs/other_vhosts_access.log vhost_combined; ${APACHE_LOG_DIR} = /srv/weblogs (envvars line 9)' },
    ]);
    // upload.example.org has HostnameLookups On: %h holds host names there, still personal data.
    expect(sinks[1]!.evidence[1]).toEqual({ ...at('sites-enabled/20-upload.conf', 1, 1), note: '<VirtualHost *:80> writes here' });
    const ips = pick(r.practices, 'ip-address', '/srv/weblogs/other_vhosts_access.log');
    expect(ips.map((p) => p.kind === 'ip-address' && [p.certainty, p.description])).toEqual([
      [true, "access log /srv/weblogs/other_vhosts_access.log: `%h` (the client's IP address)"],
      [true, "access log /srv/weblogs/other_vhosts_access.log: `%h` (the client's host name (HostnameLookups is on), or its IP address)"],
    ]);
    // vhost_combined has one address item, written in apache2.conf: dropping it is the edit.
    expect(ips[0]!.kind === 'ip-address' && ips[0].suggestion).toBe(
      'write - instead of %h in the format (LogFormat "vhost_combined" (apache2.conf:12)); or: CustomLog "|/usr/bin/anonip --ipv4mask 8 --ipv6mask 80 --column 2 --output /srv/weblogs/other_vhosts_access.log" vhost_combined (Debian package anonip), or a LogFormat without %h/%a',
    );
    expect(ips[0]!.kind === 'ip-address' && ips[0].edit).toMatchObject({ at: at('apache2.conf', 12, 11), text: '-' });
  });

  it('does not read sections whose IfDefine/IfModule condition fails', () => {
    expect(r.practices.some((p) => 'destination' in p && String(p.destination).startsWith('/srv/never'))).toBe(false);
  });

  it('follows an anonip pipe to its output file: IP truncated, mask bits in the description', () => {
    const [sink] = pick(r.practices, 'log-sink', '/srv/weblogs/sites/xmpp-access.log');
    expect(sink).toMatchObject({
      carriesIpAddresses: false,
      description:
        'Apache access log to /srv/weblogs/sites/xmpp-access.log (anonip writes /srv/weblogs/sites/xmpp-access.log) with LogFormat "combined" (apache2.conf:13): `%h` (the client\'s IP address); anonip zeroes the last 8 bits of IPv4 and 80 bits of IPv6 addresses in column 1',
    });
    expect(sink!.evidence[0]).toMatchObject(at('sites-enabled/10-xmpp.conf', 4, 2));
    expect(pick(r.practices, 'ip-address', '/srv/weblogs/sites/xmpp-access.log')).toEqual([]);
  });

  it('warns when anonip masks a column that does not hold the address', () => {
    expect(r.diagnostics).toContainEqual({
      code: 'config-warning',
      message: 'anonip masks column 1, but %h is in column 2: full client addresses still reach /srv/weblogs/chat-vhosts.log',
      position: at('sites-enabled/30-chat.conf', 4, 12),
      suggestion: 'add --column 1 2 to the anonip command',
    });
    expect(pick(r.practices, 'log-sink', '/srv/weblogs/chat-vhosts.log')[0]).toMatchObject({ carriesIpAddresses: true });
  });

  it('finds %{c}a and X-Forwarded-For in an inline format and reads rotatelogs -n as a 7-day ring', () => {
    const [ip] = pick(r.practices, 'ip-address', '/srv/weblogs/chat.log');
    expect(ip).toMatchObject({
      certainty: true,
      which: 'all',
      medium: 'log',
      description: 'access log /srv/weblogs/chat.log: `%{c}a` (the IP address of the connection peer), `%{X-Forwarded-For}i` (the X-Forwarded-For request header (client addresses set by proxies))',
      suggestion:
        'CustomLog "|/usr/bin/anonip --ipv4mask 8 --ipv6mask 80 --column 1 2 --output /srv/weblogs/chat.log" "%{c}a %{X-Forwarded-For}i %t \\"%r\\" %>s" (Debian package anonip), or a LogFormat without %h/%a',
    });
    expect(ip!.kind === 'ip-address' && ip.retention).toBeUndefined();
    expect(r.logRetention).toEqual([
      {
        mechanism: 'rotatelogs',
        patterns: ['/srv/weblogs/chat.log', '/srv/weblogs/chat.log.*'],
        destinations: [],
        // rotatelogs(8) -n 7 with 86400 s: a ring of 7 daily files, the live one included: 7 days.
        retention: {
          bound: 'time',
          nominal: 7 * 86400,
          worstCase: { kind: 'as-nominal' },
          description: 'rotatelogs -n 7 with a new file every 1d keeps 7 files, the live one included',
          fixTemplate: '|/usr/bin/rotatelogs -n {{days}} /srv/weblogs/chat.log 86400',
          evidence: [{ ...at('sites-enabled/30-chat.conf', 3, 12), note: 'rotatelogs -n 7 /srv/weblogs/chat.log 86400' }],
        },
      },
    ]);
  });

  it('a nickname without client fields gives a sink without IPs', () => {
    expect(pick(r.practices, 'log-sink', '/srv/weblogs/sites/chat-private.log')[0]).toMatchObject({ carriesIpAddresses: false });
  });

  it('error logs: the default format carries [client IP:port], an ErrorLogFormat without %a does not', () => {
    const main = pick(r.practices, 'log-sink', '/srv/weblogs/error.log');
    expect(main[0]).toMatchObject({
      carriesIpAddresses: true,
      minLevel: 'warn',
      evidence: [
        { ...at('apache2.conf', 4, 1), note: 'ErrorLog /srv/weblogs/error.log; ${APACHE_LOG_DIR} = /srv/weblogs (envvars line 9)' },
        { ...at('apache2.conf', 1, 1), note: 'main server writes here' },
        { ...at('sites-enabled/20-upload.conf', 1, 1), note: '<VirtualHost *:80> writes here' },
        { ...at('sites-enabled/30-chat.conf', 1, 1), note: '<VirtualHost *:80> writes here' },
      ],
    });
    expect(pick(r.practices, 'log-sink', '/srv/weblogs/sites/xmpp-error.log')[0]).toMatchObject({ carriesIpAddresses: false });
  });

  it('judges each vhost Content-Security-Policy', () => {
    const sites = pick(r.practices, 'website-resources');
    expect(sites.map((s) => s.kind === 'website-resources' && [s.subject.name, s.thirdPartyAllowed, s.description, s.evidence[0]])).toEqual([
      [
        'xmpp.example.org',
        false,
        "<VirtualHost *:80> xmpp.example.org sends a Content-Security-Policy where scripts, styles and fonts are limited to the site itself",
        { ...at('sites-enabled/10-xmpp.conf', 8, 3), note: "Content-Security-Policy: default-src 'self'; img-src 'self' data:" },
      ],
      [
        'upload.example.org',
        true,
        '<VirtualHost *:80> upload.example.org sends a Content-Security-Policy where script-src allows https://cdn.example.com (for scripts)',
        { ...at('sites-enabled/20-upload.conf', 4, 2), note: "Content-Security-Policy: default-src 'self'; script-src 'self' https://cdn.example.com" },
      ],
      ['chat.example.org', 'unknown', '<VirtualHost *:80> chat.example.org sends a Content-Security-Policy only within <Location /app>', { ...at('sites-enabled/30-chat.conf', 1, 1), note: '<VirtualHost *:80>' }],
    ]);
  });

  it('reports nothing wrong with this valid configuration but the anonip column', () => {
    expect(r.diagnostics.map((d) => d.code)).toEqual(['config-warning']);
  });
});

describe('readApache: bad input (fixtures/apache/broken)', () => {
  const root = fixture('broken');
  const at = (path: string, line: number, column: number) => ({ file: join(root, 'etc/apache2', path), line, column });
  const r = readApache(new RootFiles(root));

  it('reports include cycles, missing includes, bad sections and misplaced directives at their positions', () => {
    expect(r.diagnostics).toEqual([
      { code: 'include-error', message: 'Include cycle: /etc/apache2/conf.d/loop.conf is already being read', position: at('conf.d/loop.conf', 2, 9) },
      {
        code: 'include-error',
        message: 'Include missing/*.conf: no files match the wildcard pattern /etc/apache2/missing/*.conf under --root (httpd refuses to start)',
        position: at('apache2.conf', 3, 9),
        suggestion: 'Use IncludeOptional if the files may be absent',
      },
      {
        code: 'include-error',
        message: 'Include nowhere.conf: /etc/apache2/nowhere.conf does not exist under --root',
        position: at('apache2.conf', 4, 9),
        suggestion: 'Use IncludeOptional if the files may be absent',
      },
      { code: 'parse-error', message: 'Expected </Directory> (opened at line 3) but saw </Location>', position: at('sites-enabled/bad.conf', 5, 2) },
      { code: 'parse-error', message: "<IfModule foo_module directive missing closing '>'", position: at('sites-enabled/bad.conf', 8, 1) },
      { code: 'parse-error', message: '</IfModule> without matching <IfModule> section', position: at('sites-enabled/bad.conf', 9, 1) },
      { code: 'parse-error', message: '<Files> section is not closed before the end of the file (missing </Files>)', position: at('sites-enabled/bad.conf', 10, 1) },
      { code: 'unknown-value', message: 'Config variable ${UNDEFINED_DIR} is not defined (httpd keeps the text as is)', position: at('apache2.conf', 7, 11) },
      { code: 'unknown-value', message: 'Use SiteMacro: mod_macro expansions are not read; logs or headers the macro sets are not judged', position: at('apache2.conf', 8, 1) },
      { code: 'config-error', message: 'CustomLog not allowed here (inside <Directory /srv/www>); httpd refuses to start', position: at('sites-enabled/bad.conf', 4, 3) },
      {
        code: 'config-warning',
        message: '"combined" is not a LogFormat nickname here, so httpd writes the text "combined" as each log line',
        position: at('apache2.conf', 7, 39),
      },
    ]);
  });

  it('still judges the rest: the vhost after the broken section logs %a', () => {
    expect(pick(r.practices, 'ip-address', '/var/log/apache2/bad.log')).toHaveLength(1);
  });
});

describe('readApache: Red Hat layout (fixtures/apache/httpd)', () => {
  const root = fixture('httpd');
  const r = readApache(new RootFiles(root));

  it('falls back to etc/httpd/conf/httpd.conf, resolves relative logs under ServerRoot, TransferLog uses CLF', () => {
    expect(r.files).toEqual([join(root, 'etc/httpd/conf/httpd.conf'), join(root, 'etc/httpd/conf.d/proxy.conf')]);
    expect(pick(r.practices, 'ip-address', '/etc/httpd/logs/access_log')[0]).toMatchObject({
      certainty: true,
      description: "access log /etc/httpd/logs/access_log: `%h` (the client's IP address)",
    });
  });

  it('reads syslog and logger pipes as syslog, and an unknown pipe as unknown', () => {
    expect(pick(r.practices, 'log-sink', 'syslog').map((p) => p.kind === 'log-sink' && p.carriesIpAddresses)).toEqual([true, true]);
    expect(pick(r.practices, 'log-sink', '|my-log-shipper')[0]).toMatchObject({ carriesIpAddresses: 'unknown' });
    expect(r.diagnostics).toEqual([
      {
        code: 'unknown-value',
        message: 'ErrorLog pipes to my-log-shipper: where it writes cannot be read from the config',
        position: { file: join(root, 'etc/httpd/conf.d/proxy.conf'), line: 5, column: 14 },
      },
    ]);
  });

  it('a CustomLog with env= logs only some requests', () => {
    expect(pick(r.practices, 'ip-address', '/etc/httpd/logs/quiet_log')[0]).toMatchObject({ which: 'some', certainty: true });
    expect(pick(r.practices, 'log-sink', '/etc/httpd/logs/quiet_log')[0]).toMatchObject({ description: expect.stringContaining('for requests matching env=!dontlog') as unknown });
  });

  it('returns an empty reading with what it searched when there is no Apache config', () => {
    const empty = readApache(new RootFiles(fixture('no-such-root')));
    expect(empty).toEqual({ files: [], searched: ['etc/apache2/apache2.conf', 'etc/httpd/conf/httpd.conf', 'etc/apache2/httpd.conf', 'usr/local/etc/apache24/httpd.conf'], diagnostics: [], practices: [], logRetention: [] });
  });
});
