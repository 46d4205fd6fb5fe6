import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadEjabberdConfig } from '../../../src/software/ejabberd/load-config.js';
import { diagnosticsOf, fixturePath, fixturesRoot, loadFixture, locate, plain } from './load-fixture.js';
import { RootFiles } from '../../../src/files/root-files.js';

describe('include_config_file (yconf:read_include_files/3)', () => {
  const config = loadFixture('includes');

  it('reads included files in place, recursively, in ejabberd order', () => {
    expect(config.files).toEqual([
      fixturePath('includes'),
      fixturePath('includes', 'etc/ejabberd/conf.d/acl.yml'),
      fixturePath('includes', 'etc/ejabberd/conf.d/modules.yml'),
      fixturePath('includes', 'etc/ejabberd/conf.d/single.yml'),
      fixturePath('includes', 'etc/ejabberd/conf.d/nested.yml'),
      fixturePath('includes', 'var/lib/ejabberd/relative/extra.yml'),
    ]);
    expect(config.refusedByServer).toBe(false);
    expect(plain(config.global.get('s2s_use_starttls')?.value)).toBe('required');
    expect(config.global.get('s2s_use_starttls')?.at).toEqual(locate('includes', 's2s_use_starttls', 'etc/ejabberd/conf.d/single.yml'));
  });

  it('drops options named in disallow, and those not in allow_only, with a warning at the dropped option', () => {
    expect(plain(config.global.get('loglevel')?.value)).toBe('info');
    expect(config.global.get('auth_password_format')).toBeUndefined();
    const warnings = diagnosticsOf(config, 'config-warning');
    const loglevel = warnings.find((d) => d.message.includes("'loglevel'"));
    expect(loglevel?.position).toEqual(locate('includes', 'loglevel', 'etc/ejabberd/conf.d/acl.yml'));
    expect(loglevel?.message).toMatch(/silently ignores.*disallow/);
    const apf = warnings.find((d) => d.message.includes("'auth_password_format'"));
    expect(apf?.position).toEqual(locate('includes', 'auth_password_format', 'etc/ejabberd/conf.d/modules.yml'));
    expect(apf?.message).toMatch(/not in allow_only/);
  });

  it('concatenates modules from the main file and an include (group_dups), included ones first where they come first', () => {
    expect(plain(config.global.get('modules')?.value)).toEqual([
      ['mod_ping', []],
      ['mod_disco', []],
    ]);
    expect(config.global.get('modules')?.occurrences).toEqual([
      locate('includes', 'modules', 'etc/ejabberd/conf.d/modules.yml'),
      locate('includes', 'modules:'),
    ]);
  });

  it('resolves a relative include against the spool dir, not the config dir, and says so', () => {
    expect(plain(config.global.get('shaper')?.value)).toEqual([['normal', 1000]]);
    const rel = diagnosticsOf(config, 'config-warning').find((d) => d.message.startsWith('Relative include'));
    expect(rel?.position).toEqual(locate('includes', 'relative/extra.yml'));
    expect(rel?.message).toContain('/var/lib/ejabberd/relative/extra.yml');
    expect(rel?.message).toContain('documentation');
  });

  it('shares macros defined in an included file', () => {
    const timeout = config.global.get('registration_timeout')?.value;
    expect(plain(timeout)).toBe('30 days');
    expect(timeout?.via?.[0]?.name).toBe('NESTED_TIMEOUT');
    expect(timeout?.via?.[0]?.usedAt).toEqual(locate('includes', 'NESTED_TIMEOUT', 'etc/ejabberd/conf.d/nested.yml', 2));
  });

  it('honours a spoolDir option', () => {
    const other = loadEjabberdConfig(fixturePath('includes'), { files: new RootFiles(join(fixturesRoot, 'includes')), spoolDir: 'etc/ejabberd' });
    expect(plain(other.global.get('shaper')?.value)).toEqual([['wrong', 1]]);
    expect(other.files).toContain(fixturePath('includes', 'etc/ejabberd/relative/extra.yml'));
  });
});

describe('include errors', () => {
  const config = loadFixture('include-errors');
  const errors = diagnosticsOf(config, 'include-error');

  it('refuses a missing file, an absolute link re-rooted to a missing file, and a cycle, without reading outside root or hanging', () => {
    expect(config.refusedByServer).toBe(true);
    expect(errors.map((d) => [d.position, d.message])).toEqual([
      [locate('include-errors', '/etc/ejabberd/missing.yml'), "Failed to read YAML file '/etc/ejabberd/missing.yml': no such file or directory"],
      // escape.yml -> /etc/hostname means <root>/etc/hostname, which the fixture does not hold.
      [locate('include-errors', '/etc/ejabberd/escape.yml'), "Failed to read YAML file '/etc/ejabberd/escape.yml': no such file or directory"],
      [locate('include-errors', '/etc/ejabberd/cycle-a.yml', 'etc/ejabberd/cycle-b.yml'), 'Circularly included YAML file: /etc/ejabberd/cycle-a.yml'],
    ]);
    expect(config.files.some((f) => f.includes('hostname'))).toBe(false);
    // The cycle's files were read once each; their options still count.
    expect(plain(config.global.get('loglevel')?.value)).toBe('info');
  });
});
