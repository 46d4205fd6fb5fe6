import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RootFiles } from '../../../src/files/root-files.js';
import { loadEjabberdConfig } from '../../../src/software/ejabberd/load-config.js';
import { diagnosticsOf, loadFixture, locate, plain } from './load-fixture.js';

describe('duplicate options and keys', () => {
  const config = loadFixture('duplicates');

  it('concatenates a repeated top-level map option (econf:group_dups/1) with a warning at the later key', () => {
    expect(plain(config.global.get('modules')?.value)).toEqual([
      ['mod_disco', []],
      ['mod_ping', [['send_pings', 'true'], ['send_pings', 'false']]],
    ]);
    const w = diagnosticsOf(config, 'config-warning').find((d) => d.message.startsWith("Option 'modules'"));
    expect(w?.position).toEqual(locate('duplicates', 'modules', undefined, 2));
    expect(w?.message).toContain('first at line 3, column 1');
  });

  it('refuses a repeated scalar option, keeping the first value', () => {
    const e = diagnosticsOf(config, 'config-error').find((d) => d.message.startsWith('Duplicated option: loglevel'));
    expect(e?.position).toEqual(locate('duplicates', 'loglevel', undefined, 2));
    expect(e?.message).toContain("'info' at line 2, column 1 and 'debug' here");
    expect(plain(config.global.get('loglevel')?.value)).toBe('info');
    expect(config.refusedByServer).toBe(true);
  });

  it('refuses a key repeated in module options and in a listener (yconf options with unique), as ejabberd 23.01 does', () => {
    const errors = diagnosticsOf(config, 'config-error').map((d) => [d.position, d.message]);
    expect(errors).toContainEqual([locate('duplicates', 'send_pings', undefined, 2), 'Duplicated option: send_pings of mod_ping (also at line 11, column 5): ejabberd refuses to start']);
    expect(errors).toContainEqual([locate('duplicates', 'starttls', undefined, 2), 'Duplicated option: starttls in this listener (also at line 18, column 5): ejabberd refuses to start']);
  });

  it('warns on other repeated nested keys, which ejabberd keeps (the first is read here)', () => {
    const w = diagnosticsOf(config, 'config-warning').find((d) => d.message.startsWith("Duplicate key 'user'"));
    expect(w?.position).toEqual(locate('duplicates', 'user:', undefined, 2));
    expect(w?.message).toContain('already at line 7, column 5');
    expect(config.listeners[0]?.starttls).toEqual({ value: true, at: locate('duplicates', 'true', undefined, 2) });
  });
});

describe('a host named twice in hosts', () => {
  it('is refused at its second entry, naming the first (econf:domain lower-cases, [unique] compares)', () => {
    const root = mkdtempSync(join(tmpdir(), 'privacy-lint-ejabberd-hosts-'));
    try {
      mkdirSync(join(root, 'etc/ejabberd'), { recursive: true });
      writeFileSync(join(root, 'etc/ejabberd/ejabberd.yml'), 'hosts:\n  - a.example\n  - B.example\n  - c.example\n  - b.example\n');
      const config = loadEjabberdConfig(join(root, 'etc/ejabberd/ejabberd.yml'), { files: new RootFiles(root) });
      expect(config.hosts.map((h) => h.name)).toEqual(['a.example', 'b.example', 'c.example']);
      const errors = diagnosticsOf(config, 'config-error');
      expect(errors.map((d) => [d.position.line, d.position.column])).toEqual([[5, 5]]);
      expect(errors[0]?.message).toBe('Invalid value of option hosts: Duplicated value: b.example (also at line 3, column 5)');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
