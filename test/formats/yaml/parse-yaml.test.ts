import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../../src/formats/yaml/parse-yaml.js';
import type { YamlNode } from '../../../src/formats/yaml/yaml-tree.js';

const file = '/srv/test.yml';

function map(node: YamlNode | undefined) {
  if (node?.kind !== 'map') throw new Error('not a map');
  return node;
}

describe('parseYaml', () => {
  it('positions every key, scalar, sequence and map (1-based lines and columns)', () => {
    const { root, errors } = parseYaml(file, 'a: 1\nlist:\n  - "x"\n  - {k: v}\n');
    expect(errors).toEqual([]);
    const top = map(root);
    expect(top.at).toEqual({ file, line: 1, column: 1 });
    const [a, list] = top.entries;
    expect(a?.key).toEqual({ kind: 'scalar', text: 'a', style: 'plain', at: { file, line: 1, column: 1 } });
    expect(a?.value).toEqual({ kind: 'scalar', text: '1', style: 'plain', at: { file, line: 1, column: 4 } });
    expect(list?.value.kind).toBe('seq');
    if (list?.value.kind !== 'seq') return;
    expect(list.value.at).toEqual({ file, line: 3, column: 3 });
    expect(list.value.items[0]).toEqual({ kind: 'scalar', text: 'x', style: 'double', at: { file, line: 3, column: 5 } });
    const inner = map(list.value.items[1]);
    expect(inner.at).toEqual({ file, line: 4, column: 5 });
    expect(inner.entries[0]?.value).toEqual({ kind: 'scalar', text: 'v', style: 'plain', at: { file, line: 4, column: 9 } });
  });

  it('keeps duplicate keys, in order', () => {
    const { root, errors, warnings } = parseYaml(file, 'k: 1\nk: 2\n');
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(map(root).entries.map((e) => [e.key.at.line, e.value.kind === 'scalar' ? e.value.text : '?'])).toEqual([
      [1, '1'],
      [2, '2'],
    ]);
  });

  it('keeps quoting styles, block scalars, aliases and empty values', () => {
    const { root } = parseYaml(file, "s: 'q'\nb: |\n  text\nal: *anchor\ne:\n");
    expect(map(root).entries.map((e) => (e.value.kind === 'scalar' ? [e.value.style, e.value.text] : e.value.kind))).toEqual([
      ['single', 'q'],
      ['literal', 'text\n'],
      ['alias', 'anchor'],
      ['plain', ''],
    ]);
  });

  it('turns a syntax error into a positioned parse-error, and an empty document into no root', () => {
    const bad = parseYaml(file, 'a: [1, 2\nb: c\n');
    expect(bad.root).toBeUndefined();
    expect(bad.errors[0]?.code).toBe('parse-error');
    expect(bad.errors[0]?.position.file).toBe(file);
    expect(bad.errors[0]?.position.line).toBeGreaterThanOrEqual(1);
    expect(parseYaml(file, '# only a comment\n')).toEqual({ root: undefined, errors: [], warnings: [] });
  });

  it('applies libyaml anchor rules on request: ***"" is an error there', () => {
    expect(parseYaml(file, 'p: ***""\n').errors).toEqual([]);
    const strict = parseYaml(file, 'p: ***""\n', { libyamlAnchors: true });
    expect(strict.errors).toEqual([
      {
        code: 'parse-error',
        message: 'YAML: while scanning an alias: did not find expected alphabetic or numeric character (alias ***"")',
        position: { file, line: 1, column: 4 },
      },
    ]);
  });

  it('reports only the first of several syntax errors when asked (libyaml stops there)', () => {
    const src = 'modules:\n{% if x %}\n  mod_mam: {}\n{% endif %}\n';
    expect(parseYaml(file, src).errors.length).toBeGreaterThan(1);
    const first = parseYaml(file, src, { firstErrorOnly: true }).errors;
    expect(first).toHaveLength(1);
    expect(first[0]?.position.line).toBe(2);
    expect(first[0]?.message).toMatch(/more syntax problems after it/);
  });
});
