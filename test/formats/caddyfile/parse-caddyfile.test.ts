import { describe, expect, it } from 'vitest';
import { type CaddyDirective, type CaddyFileAccess, parseCaddyfile } from '../../../src/formats/caddyfile/parse-caddyfile.js';

/** An in-memory tree of files, as the reader sees the served system. */
function tree(files: Record<string, string>): CaddyFileAccess {
  return {
    read: (p) => files[p],
    list: (dir) => {
      const names = Object.keys(files).filter((f) => f.startsWith(`${dir}/`) && !f.slice(dir.length + 1).includes('/')).map((f) => f.slice(dir.length + 1));
      return names.length > 0 ? names.sort() : undefined;
    },
    host: (p) => `/root${p}`,
  };
}
const names = (ds: CaddyDirective[]): unknown[] => ds.map((d) => (d.block ? [d.name.text, ...d.args.map((a) => a.text), names(d.block)] : [d.name.text, ...d.args.map((a) => a.text)]));

describe('parseCaddyfile', () => {
  it('reads the global block, snippets with arguments, and site blocks with several addresses', () => {
    const parsed = parseCaddyfile(
      '/etc/caddy/Caddyfile',
      tree({
        '/etc/caddy/Caddyfile': '{\n\temail a@b.c\n}\n(logs) {\n\tlog {\n\t\toutput file /var/log/{args.0}.log\n\t}\n}\na.org,\nb.org {\n\timport logs a\n\trespond ok\n}\n',
      }),
    );
    expect(names(parsed.global?.directives ?? [])).toEqual([['email', 'a@b.c']]);
    expect(parsed.sites).toHaveLength(1);
    expect(parsed.sites[0]!.keys.map((k) => [k.text, k.at.line])).toEqual([
      ['a.org', 9],
      ['b.org', 10],
    ]);
    expect(names(parsed.sites[0]!.directives)).toEqual([['log', [['output', 'file', '/var/log/a.log']]], ['respond', 'ok']]);
    // Tokens keep the position where they were written: in the snippet.
    expect(parsed.sites[0]!.directives[0]!.name.at).toEqual({ file: '/root/etc/caddy/Caddyfile', line: 5, column: 2 });
    expect(parsed.diagnostics).toEqual([]);
  });

  it('imports files by glob relative to the importing file, in name order, and reads a lone site without braces', () => {
    const parsed = parseCaddyfile(
      '/etc/caddy/Caddyfile',
      tree({ '/etc/caddy/Caddyfile': ':80\nimport conf.d/*.caddy\nfile_server\n', '/etc/caddy/conf.d/b.caddy': 'encode gzip', '/etc/caddy/conf.d/a.caddy': 'root * /srv' }),
    );
    expect(parsed.files).toEqual(['/root/etc/caddy/Caddyfile', '/root/etc/caddy/conf.d/a.caddy', '/root/etc/caddy/conf.d/b.caddy']);
    expect(names(parsed.sites[0]!.directives)).toEqual([['root', '*', '/srv'], ['encode', 'gzip'], ['file_server']]);
  });

  it('replaces {$VAR:default} and keeps unknown {$VAR} with its name recorded', () => {
    const parsed = parseCaddyfile('/c', tree({ '/c': '{$HOST} {\n\troot * {$ROOT:/srv/www}\n}\n' }));
    expect(parsed.sites[0]!.keys[0]).toMatchObject({ text: '{$HOST}', env: ['HOST'] });
    expect(parsed.sites[0]!.directives[0]!.args[1]).toMatchObject({ text: '/srv/www', env: ['ROOT'] });
  });

  it('reports cycles, missing imports, stray and unclosed braces, and goes on', () => {
    const parsed = parseCaddyfile('/c', tree({ '/c': '(s) {\n\timport s\n}\na.org {\n\timport s\n\timport nope\n}\n}\nb.org {\n', '/d': '' }));
    expect(parsed.diagnostics).toEqual([
      { code: 'include-error', message: 'Import cycle: snippet s imports itself', position: { file: '/root/c', line: 2, column: 9 } },
      { code: 'include-error', message: 'import nope: /nope does not exist under --root (Caddy refuses the config)', position: { file: '/root/c', line: 6, column: 9 } },
      { code: 'parse-error', message: 'Unexpected } with no open block', position: { file: '/root/c', line: 8, column: 1 } },
      { code: 'parse-error', message: 'Unexpected end of file: this { is never closed', position: { file: '/root/c', line: 9, column: 7 } },
    ]);
    expect(parsed.sites.map((s) => s.keys[0]?.text)).toEqual(['a.org', 'b.org']);
  });
});
