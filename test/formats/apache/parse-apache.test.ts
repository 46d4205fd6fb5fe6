import { describe, expect, it } from 'vitest';
import { type ApacheDirective, type ApacheSection, parseApache } from '../../../src/formats/apache/parse-apache.js';

const FILE = '/srv/root/etc/apache2/apache2.conf';
const at = (line: number, column: number) => ({ file: FILE, line, column });

describe('parseApache', () => {
  it('joins continued lines and positions every word on its physical line', () => {
    const parsed = parseApache('  LogFormat "%h %l \\\n%u" \\\n   combined\n', FILE);
    const d = parsed.nodes[0] as ApacheDirective;
    expect(d).toMatchObject({ kind: 'directive', name: 'LogFormat', at: at(1, 3) });
    expect(d.args).toEqual([
      { value: '%h %l %u', quoted: true, at: at(1, 13) },
      { value: 'combined', quoted: false, at: at(3, 4) },
    ]);
    expect(parsed.diagnostics).toEqual([]);
  });

  it('ends a quoted word at its closing quote, unescapes \\" and skips comment lines only', () => {
    const parsed = parseApache('# comment\n\tLogFormat "a \\"b\\""custom\nHeader set X "#not a comment"\n', FILE);
    expect(parsed.nodes.map((n) => [n.name, n.args.map((a) => a.value)])).toEqual([
      ['LogFormat', ['a "b"', 'custom']],
      ['Header', ['set', 'X', '#not a comment']],
    ]);
    expect((parsed.nodes[0] as ApacheDirective).args[1]?.at).toEqual(at(2, 21));
  });

  it('nests sections and keeps their arguments', () => {
    const parsed = parseApache('<VirtualHost *:80>\n  <Location "/x y">\n    Require all granted\n  </location>\n</VirtualHost>\n', FILE);
    const vhost = parsed.nodes[0] as ApacheSection;
    expect(vhost).toMatchObject({ kind: 'section', name: 'VirtualHost', args: [{ value: '*:80' }], at: at(1, 1) });
    const location = vhost.children[0] as ApacheSection;
    expect(location).toMatchObject({ name: 'Location', args: [{ value: '/x y', quoted: true, at: at(2, 13) }] });
    expect(location.children[0]).toMatchObject({ name: 'Require', at: at(3, 5) });
    expect(parsed.diagnostics).toEqual([]);
  });

  it('reports mismatched, stray, unterminated and unclosed sections at their positions', () => {
    const parsed = parseApache('<Directory /a>\n</Files>\n</VirtualHost>\n<If "true"\n<Proxy *>\n', FILE);
    expect(parsed.diagnostics).toEqual([
      { code: 'parse-error', message: 'Expected </Directory> (opened at line 1) but saw </Files>', position: at(2, 1) },
      { code: 'parse-error', message: '</VirtualHost> without matching <VirtualHost> section', position: at(3, 1) },
      { code: 'parse-error', message: `<If "true" directive missing closing '>'`, position: at(4, 1) },
      { code: 'parse-error', message: '<Proxy> section is not closed before the end of the file (missing </Proxy>)', position: at(5, 1) },
    ]);
  });
});
