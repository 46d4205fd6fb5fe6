import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEjabberdConfig } from '../../../src/software/ejabberd/load-config.js';
import { RootFiles } from '../../../src/files/root-files.js';

const root = mkdtempSync(join(tmpdir(), 'ejabberd-reader-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function load(source: string | undefined, name = 'ejabberd.yml') {
  const dir = join(root, `case${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(dir, 'etc/ejabberd'), { recursive: true });
  const file = join(dir, 'etc/ejabberd', name);
  if (source !== undefined) writeFileSync(file, source);
  return { config: loadEjabberdConfig(file, { files: new RootFiles(dir)}), file };
}

describe('never crashes on bad input', () => {
  it.each([
    ['a missing main file', undefined, 'include-error', 1, 1],
    ['a top-level list', '- a\n- b\n', 'config-error', 1, 1],
    ['two documents', 'hosts: [a]\n---\nhosts: [b]\n', 'parse-error', 2, 1],
    ['a tab-indented map', 'hosts:\n\t- a\n', 'parse-error', 2, 1],
    ['a scalar hosts', 'hosts: example.org\n', 'config-error', 1, 8],
    ['a map key that is a list', 'hosts: [a]\n? [x, y]\n: 1\n', 'config-error', 2, 3],
    ['a scalar include', 'hosts: [a]\ninclude_config_file: 5\n', 'config-error', 2, 22],
    ['an include map with an unknown option', 'hosts: [a]\ninclude_config_file:\n  /x.yml:\n    only: [a]\n', 'config-error', 4, 5],
    ['a scalar listen', 'hosts: [a]\nlisten: 5222\n', 'config-error', 2, 9],
    ['a listener without module', 'hosts: [a]\nlisten:\n  - port: 5222\n', 'config-error', 3, 5],
    ['a module without a map', 'hosts: [a]\nmodules:\n  mod_last:\n', 'config-error', 3, 3],
  ])('%s', (_label, source, code, line, column) => {
    const { config, file } = load(source);
    const d = config.diagnostics.find((x) => x.code === code);
    expect(d?.position).toEqual({ file, line, column });
    expect(config.refusedByServer).toBe(true);
  });

  it('an empty file is only missing hosts', () => {
    const { config } = load('# nothing\n');
    expect(config.diagnostics.map((d) => d.message)).toEqual(['Missing required option: hosts']);
  });
});
