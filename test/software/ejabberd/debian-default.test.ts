import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { effectiveModules, effectiveOption } from '../../../src/software/ejabberd/effective-option.js';
import { loadEjabberdConfig } from '../../../src/software/ejabberd/load-config.js';
import { filesMissing, requireOracle } from '../../helpers/require-program.js';
import { plain } from './load-fixture.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * Debian bookworm's /etc/ejabberd/ejabberd.yml (ejabberd 23.01-1), read at test time from the
 * installed package (ejabberd 23.01-1 on Debian bookworm); never copied into the repo. Skipped when ejabberd is not
 * installed, except in CI, where .ci/run installs it and its absence is a failure.
 */
const debianConfig = '/etc/ejabberd/ejabberd.yml';

describe("Debian's default ejabberd.yml", () => {
  if (!requireOracle(filesMissing(debianConfig), ['ejabberd'])) return;
  const config = loadEjabberdConfig(debianConfig, { files: new RootFiles('/') });
  const lineOf = (text: string): number => readFileSync(debianConfig, 'utf8').split('\n').findIndex((l) => l.startsWith(text)) + 1;

  it('loads without diagnostics and would be accepted', () => {
    expect(config.diagnostics).toEqual([]);
    expect(config.refusedByServer).toBe(false);
  });

  it('serves localhost with scram passwords and required s2s STARTTLS', () => {
    expect(config.hosts.map((h) => h.name)).toEqual(['localhost']);
    const apf = effectiveOption(config, 'localhost', 'auth_password_format');
    expect(plain(apf?.value)).toBe('scram');
    expect(apf?.at.line).toBe(lineOf('auth_password_format'));
    expect(plain(effectiveOption(config, 'localhost', 's2s_use_starttls')?.value)).toBe('required');
  });

  it('loads the usual modules but not mod_mam or mod_http_upload (commented out)', () => {
    const modules = effectiveModules(config, 'localhost');
    for (const m of ['mod_fail2ban', 'mod_last', 'mod_offline', 'mod_muc', 'mod_push', 'mod_http_api']) expect(modules.has(m)).toBe(true);
    expect(modules.has('mod_mam')).toBe(false);
    expect(modules.has('mod_http_upload')).toBe(false);
  });

  it('expands the TLS macros into the listeners and reads the c2s STARTTLS requirement', () => {
    const c2s = config.listeners.find((l) => l.port?.value === 5222);
    expect(c2s?.module?.value).toBe('ejabberd_c2s');
    expect(c2s?.starttlsRequired?.value).toBe(true);
    expect(config.listeners.find((l) => l.port?.value === 5443)?.requestHandlers.map((h) => h.path)).toContain('/api');
    expect(config.macros.has('TLS_CIPHERS')).toBe(true);
  });
});
