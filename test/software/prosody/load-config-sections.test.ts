import { describe, expect, it } from 'vitest';
import { loadFixture, locate, option, value } from './load-fixture.js';

describe('loadProsodyConfig: sections', () => {
  for (const release of ['0.12', '13.0'] as const) {
    describe(`Prosody ${release}`, () => {
      const config = loadFixture('sections', release);

      it('has the global section first, then hosts and components in order of first declaration', () => {
        expect([...config.sections.keys()]).toEqual([
          '*',
          'example.org',
          'second.example',
          'conference.example.org',
          'proxy.example.org',
          'table.example',
          'upload.example.org',
          'lower.example.org',
        ]);
        expect(config.diagnostics).toEqual([]);
      });

      it('lower-cases host names (nameprep) and accepts Host/host aliases', () => {
        const host = config.sections.get('example.org');
        expect(host?.kind).toBe('host');
        expect(value(config, 'example.org', 'allow_registration')).toBe(false);
        expect(value(config, 'second.example', 'allow_registration')).toBe(true);
      });

      it('merges repeated declarations of a host and records each one', () => {
        expect(config.sections.get('example.org')?.declarations).toEqual([
          locate('sections', 'VirtualHost "Example.ORG"'),
          locate('sections', 'host "example.org"'),
        ]);
        expect(value(config, 'example.org', 'welcome_message')).toBe('declared twice');
      });

      it('puts trailing settings into the last declared host', () => {
        expect(value(config, 'example.org', 'trailing_setting')).toBe('lands in example.org');
        expect(config.sections.get('*')?.options.has('trailing_setting')).toBe(false);
      });

      it('records the component module, or "component" for an external component', () => {
        const muc = config.sections.get('conference.example.org');
        expect(muc?.kind).toBe('component');
        expect(muc?.componentModule).toEqual({ value: 'muc', at: locate('sections', '"muc"') });
        expect(value(config, 'conference.example.org', 'component_module')).toBe('muc');
        expect(option(config, 'conference.example.org', 'component_module').at).toEqual(
          locate('sections', 'Component "conference.example.org"'),
        );
        expect(option(config, 'conference.example.org', 'component_module').overridden).toEqual([]);
        expect(value(config, 'conference.example.org', 'restrict_room_creation')).toBe(true);
        expect(config.sections.get('proxy.example.org')?.componentModule?.value).toBe('component');
        expect(value(config, 'proxy.example.org', 'load_global_modules')).toBe(false);
      });

      it('stores what VirtualHost itself sets: defined = true', () => {
        expect(value(config, 'table.example', 'defined')).toBe(true);
      });

      it('returns to the global section after the table forms', () => {
        expect(value(config, 'table.example', 'c2s_require_encryption')).toBe(true);
        expect(option(config, 'table.example', 'c2s_require_encryption').at).toEqual(locate('sections', 'c2s_require_encryption'));
        expect(value(config, '*', 'after_table_host')).toBe('global again');
        expect(value(config, 'upload.example.org', 'component_module')).toBe('http_file_share');
        expect(value(config, 'upload.example.org', 'http_file_share_size_limit')).toBe(1024);
        expect(value(config, '*', 'after_table_component')).toBe('global again');
        expect(value(config, 'lower.example.org', 'component_module')).toBe('component');
        expect(value(config, 'lower.example.org', 'component_secret')).toBe('x');
      });
    });
  }

  it('reports a Component that clashes with a VirtualHost as a config error Prosody refuses', () => {
    const config = loadFixture('clash', '0.12');
    expect(config.refusedByServer).toBe(true);
    expect(config.diagnostics).toEqual([
      {
        code: 'config-error',
        message:
          'Prosody refuses to start: Component "example.org" clashes with previously defined VirtualHost "example.org", for services use a sub-domain like conference.example.org',
        position: locate('clash', 'Component "example.org"'),
      },
    ]);
  });

  it('reports the other declarations Prosody rejects, with its messages', () => {
    const config = loadFixture('section-errors', '13.0');
    expect(config.refusedByServer).toBe(true);
    expect(config.diagnostics.map((d) => [d.code, d.message, d.position])).toEqual([
      [
        'config-error',
        'Prosody refuses to start: Host "chat.example" clashes with previously defined MUC Component "chat.example", for services use a sub-domain like conference.chat.example',
        locate('section-errors', 'VirtualHost "chat.example"'),
      ],
      [
        'config-error',
        "Prosody refuses to start: VirtualHost entries do not accept a module name (module 'mod_example' provided for host 'a.example')",
        locate('section-errors', 'VirtualHost "a.example"'),
      ],
      ['config-error', 'Prosody refuses to start: Host must have a name', locate('section-errors', 'VirtualHost()')],
    ]);
    // After `VirtualHost "a" "mod"` Prosody is back in the global section (the returned function ran).
    expect(config.sections.get('a.example')?.kind).toBe('host');
  });
});
