import { describe, expect, it } from 'vitest';
import { parseLogrotate } from '../../../src/formats/logrotate/parse-logrotate.js';

const F = '/r/etc/logrotate.conf';
const at = (line: number, column: number) => ({ file: F, line, column });

describe('parseLogrotate', () => {
  it('reads directives, quoted patterns over several lines and keyword=value', () => {
    const f = parseLogrotate('# comment\nrotate=4\n/var/log/a.log "/var/log/b c.log"\n  \'/var/log/d.log\' {\n    daily\n}\n', F);
    expect(f.diagnostics).toEqual([]);
    expect(f.statements[0]).toEqual({ kind: 'directive', directive: { name: 'rotate', at: at(2, 1), argText: '4', argAt: at(2, 8), args: [{ text: '4', at: at(2, 8) }] } });
    const block = f.statements[1];
    expect(block?.kind).toBe('block');
    if (block?.kind !== 'block') return;
    expect(block.block.patterns).toEqual([
      { text: '/var/log/a.log', at: at(3, 1) },
      { text: '/var/log/b c.log', at: at(3, 16) },
      { text: '/var/log/d.log', at: at(4, 3) },
    ]);
    expect(block.block.directives.map((d) => [d.name, d.at])).toEqual([['daily', at(5, 5)]]);
  });

  it('skips scripts up to endscript, braces included', () => {
    const f = parseLogrotate('/x.log {\n  postrotate\n    echo } {\n  endscript\n  rotate 2\n}\n/y.log {}\n', F);
    expect(f.diagnostics).toEqual([]);
    expect(f.statements.map((s) => (s.kind === 'block' ? s.block.directives.map((d) => d.name) : s.directive.name))).toEqual([['postrotate', 'rotate'], []]);
  });

  it('reads text after "{" as a directive, as logrotate does', () => {
    const f = parseLogrotate('/x.log { rotate 3 }\n}\n', F);
    const block = f.statements[0];
    expect(block?.kind === 'block' && block.block.directives[0]).toMatchObject({ name: 'rotate', argText: '3 }', at: at(1, 10) });
  });

  it('positions what logrotate rejects', () => {
    const f = parseLogrotate('}\n  =x\n/a.log {\n  rotate 1\n} trailing\n/b.log {\n  postrotate\n', F);
    expect(f.diagnostics.map((d) => [d.position, d.message])).toEqual([
      [at(1, 1), '"}" without a matching "{"'],
      [at(2, 3), '"=x": logrotate lines must begin with a keyword or a file name (possibly in quotes)'],
      [at(5, 3), 'Unexpected text after "}": "trailing"'],
      [at(7, 3), 'Script without "endscript": logrotate reads the rest of the file as shell'],
      [at(6, 1), 'Block without a closing "}": logrotate rejects it'],
    ]);
  });
});
