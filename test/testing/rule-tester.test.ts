import { AssertionError } from 'node:assert';
import { afterEach, describe, expect, it } from 'vitest';
import { defineRule } from '../../src/engine/define-rule.js';
import { definePlugin } from '../../src/engine/plugin.js';
import { RuleTester } from '../../src/testing/rule-tester.js';

/** A rule that flags every Prosody host, at its VirtualHost line. */
const everyHost = defineRule({
  meta: { id: 'every-host', claims: ['site.flagged'], description: 'Flags hosts.' },
  check(ctx) {
    for (const host of ctx.configs.prosody.hosts) ctx.breaks('site.flagged', { message: `host ${host.name}`, at: host.position, observed: 'flagged' });
  },
});
const plugin = definePlugin({ name: 'demo', claims: { 'site.flagged': { type: 'boolean', description: 'Hosts are flagged.' } }, rules: [everyHost] });
const files = { 'etc/prosody/prosody.cfg.lua': 'VirtualHost "a.example"\nVirtualHost "b.example"\n' };
const policy = { site: { flagged: false } };

afterEach(() => {
  RuleTester.describe = undefined;
  RuleTester.it = undefined;
});

describe('RuleTester without a test framework (await run)', () => {
  it('passes when the findings and verdicts are the expected ones', async () => {
    await new RuleTester({ plugins: [plugin] }).run('demo/every-host', everyHost, {
      valid: [{ files: { 'etc/prosody/prosody.cfg.lua': '-- no host\n' }, policy }],
      invalid: [{ files, policy, errors: [{ file: 'etc/prosody/prosody.cfg.lua', line: 1, column: 1, message: 'host a.example' }, { line: 2, message: /b\.example/ }], verdicts: { 'site.flagged': 'violated' } }],
    });
  });

  it('a wrong line throws an assertion error showing the expected and the actual findings', async () => {
    const run = new RuleTester({ plugins: [plugin] }).run('demo/every-host', everyHost, {
      invalid: [{ files, policy, errors: [{ line: 1 }, { line: 3 }] }],
    });
    const error = await run.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(AssertionError);
    expect((error as AssertionError).message).toContain(
      [
        'demo/every-host: finding #2 is on line 2, not 3',
        'expected:',
        '  *:1:* * *',
        '  *:3:* * *',
        'actual:',
        '  etc/prosody/prosody.cfg.lua:1:1 error host a.example',
        '  etc/prosody/prosody.cfg.lua:2:1 error host b.example',
      ].join('\n'),
    );
  });

  it('a finding where none is expected, and a wrong verdict, fail', async () => {
    const tester = new RuleTester({ plugins: [plugin] });
    await expect(tester.run('x', everyHost, { valid: [{ files, policy }] })).rejects.toThrow(/expected 0 finding\(s\), got 2/);
    await expect(tester.run('x', everyHost, { invalid: [{ files, policy, errors: 2, verdicts: { 'site.flagged': 'verified' } }] })).rejects.toThrow(
      /^verdict of site\.flagged: expected verified, got violated \(flagged\)/,
    );
  });

  it('a rule outside any plugin runs in a plugin named test; a throwing rule shows its rule-error', async () => {
    const throwing = defineRule({ meta: { id: 'boom', claims: [], description: 'Throws.' }, check: () => { throw new Error('kaboom'); } });
    await expect(new RuleTester().run('boom', throwing, { valid: [{ files, policy: { passwords: 'hashed' } }] })).rejects.toThrow(
      /rule test\/boom of plugin test failed: kaboom/,
    );
  });

  it('refuses a file outside the case root', async () => {
    await expect(new RuleTester({ plugins: [plugin] }).run('x', everyHost, { valid: [{ files: { '../escape': '' }, policy }] })).rejects.toThrow(
      'RuleTester: file ../escape is outside the root',
    );
  });
});

describe('RuleTester with a framework', () => {
  it('registers one describe and one it per case through RuleTester.describe and RuleTester.it', async () => {
    const titles: string[] = [];
    const bodies: (() => Promise<void> | void)[] = [];
    RuleTester.describe = (name, fn) => {
      titles.push(`describe ${name}`);
      return fn();
    };
    RuleTester.it = (name, fn) => {
      titles.push(`it ${name}`);
      bodies.push(fn);
    };
    await new RuleTester({ plugins: [plugin] }).run('demo/every-host', everyHost, {
      valid: [{ name: 'no host', files: { 'etc/prosody/prosody.cfg.lua': '-- none\n' }, policy }],
      invalid: [{ files, policy, errors: 2 }],
    });
    expect(titles).toEqual(['describe demo/every-host', 'it valid #1: no host', 'it invalid #1: etc/prosody/prosody.cfg.lua']);
    for (const body of bodies) await body();
  });
});
