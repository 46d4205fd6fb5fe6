import { describe, expect, it } from 'vitest';
import { loadNginxTree } from '../../../src/software/nginx/load-tree.js';
import { fixturePath, fixtureRoot, locate, readFixture, sink } from './fixture.js';
import { RootFiles } from '../../../src/files/root-files.js';

describe('nginx include', () => {
  it('expands globs sorted like glob(3), skips dot files, and reads relative paths against the conf dir', () => {
    const tree = loadNginxTree(new RootFiles(fixtureRoot('includes')));
    expect(tree.diagnostics).toEqual([]);
    expect(tree.systemFiles).toEqual([
      '/etc/nginx/nginx.conf',
      '/etc/nginx/mime.types',
      '/etc/nginx/conf.d/a-log.conf',
      '/etc/nginx/conf.d/b-formats.conf',
      '/etc/nginx/sites-enabled/10-one',
      '/etc/nginx/snippets/upload-log.conf',
      '/etc/nginx/sites-enabled/20-two',
    ]);
    // 10-one is an absolute link (/etc/nginx/sites-available/...): followed inside --root.
    expect(tree.files[4]).toBe(fixturePath('includes', 'etc/nginx/sites-enabled/10-one'));
  });

  it('reads a file included in two places in each place, with positions in that file', () => {
    const upload = sink(readFixture('includes'), '/var/log/nginx/upload.log');
    expect(upload.description).toBe('nginx access log /var/log/nginx/upload.log for server one.example, server two.example: $binary_remote_addr is the client address (log_format from_b)');
    expect(upload.evidence[0]).toMatchObject(locate('includes', 'access_log', 'etc/nginx/snippets/upload-log.conf'));
    expect(upload.evidence.map((e) => e.note)).toEqual(
      expect.arrayContaining([
        'the XMPP HTTP upload endpoint location /upload (server one.example) logs here',
        'the XMPP HTTP upload endpoint location /file_share (server two.example) logs here',
      ]),
    );
  });

  it('reports a missing file, a cycle, an escape from --root and a directory at their include lines, and reads the rest', () => {
    const reading = readFixture('include-errors');
    expect(reading.diagnostics).toEqual([
      { code: 'include-error', message: 'include /etc/nginx/missing.conf: no such file (nginx refuses to start)', position: locate('include-errors', 'include missing.conf') },
      {
        code: 'include-error',
        message:
          'include cycle: /etc/nginx/loop/first.conf is already being read (/etc/nginx/nginx.conf → /etc/nginx/loop/first.conf → /etc/nginx/loop/second.conf → /etc/nginx/loop/first.conf); nginx recurses until it crashes (nginx 1.22.1 -t: segmentation fault)',
        position: locate('include-errors', 'include loop/first.conf', 'etc/nginx/loop/second.conf'),
      },
      { code: 'include-error', message: 'include ../../../../../outside.conf is not read: it resolves outside --root', position: locate('include-errors', 'include ../') },
      { code: 'include-error', message: 'include /etc/nginx/conf.d: is a directory (nginx refuses to start)', position: locate('include-errors', 'include conf.d;') },
    ]);
    expect(reading.files).toEqual(['nginx.conf', 'loop/first.conf', 'loop/second.conf'].map((f) => fixturePath('include-errors', `etc/nginx/${f}`)));
    expect(sink(reading, '/var/log/nginx/still-read.log').carriesIpAddresses).toBe(true);
  });

  it('returns nothing but the place it looked when nginx.conf is absent', () => {
    const reading = readFixture('no-such-case');
    expect(reading).toEqual({ files: [], searched: ['etc/nginx/nginx.conf'], diagnostics: [], practices: [], logRetention: [] });
  });
});
