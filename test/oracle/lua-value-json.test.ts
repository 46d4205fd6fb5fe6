/**
 * The oracle is only as good as its two encoders agreeing: Prosody's values as printed by
 * dump-prosody-config.lua, and privacy-lint's LuaValue as shaped by luaValueToJson. Here the
 * same values are written as a config for Prosody and built by hand as LuaValues.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LuaValue } from '../../src/software/prosody/config-model.js';
import { ABSENT, UNKNOWN, inCanonicalOrder, luaValueToJson } from './lua-value-json.js';
import { dumpWithProsody, oracleUnavailable } from './run-dumper.js';
import { requireOracle } from '../helpers/require-program.js';

const at = { file: '/x.cfg.lua', line: 1, column: 1 };
const str = (value: string): LuaValue => ({ type: 'string', value, at });
const num = (value: number): LuaValue => ({ type: 'number', value, at });
const nil: LuaValue = { type: 'nil', at };
const table = (items: LuaValue[], fields: [string, LuaValue][] = [], unknownEntries: LuaValue[] = []): LuaValue => ({
  type: 'table',
  items,
  fields: new Map(fields),
  unknownEntries,
  at,
});

/** Lua source of an option, and the LuaValue privacy-lint should hold for it. */
const cases: [name: string, lua: string, ours: LuaValue][] = [
  ['text', '"tab\\tquote\\" back\\\\ nl\\n ctl\\1 é €"', str('tab\tquote" back\\ nl\n ctl\u0001 é €')],
  ['integer', '7 * 86400', num(604800)],
  ['float', '1.5', num(1.5)],
  ['integral_float', '3.0', num(3)],
  ['big', '2^60', num(2 ** 60)],
  ['negative_zero', '-0.0', num(-0)],
  ['not_a_number', '0/0', num(NaN)],
  ['infinity', '1/0', num(Infinity)],
  ['minus_infinity', '-1/0', num(-Infinity)],
  ['yes', 'true', { type: 'boolean', value: true, at }],
  ['array', '{ "mam", "carbons" }', table([str('mam'), str('carbons')])],
  ['object', '{ c2s = { rate = "10kb/s" } }', table([], [['c2s', table([], [['rate', str('10kb/s')]])]])],
  ['empty', '{}', table([])],
  [
    'mixed',
    '{ info = "a.log"; { levels = { "error" }, to = "syslog" } }',
    table([table([], [['levels', table([str('error')])], ['to', str('syslog')]])], [['info', str('a.log')]]),
  ],
  ['hole', '{ "a", nil, "c" }', table([str('a'), nil, str('c')])],
  ['only_nil', '{ nil }', table([nil])],
  ['callback', 'function () end', { type: 'function', at }],
  [
    'odd_keys',
    '{ "a", [0] = "zero", [0.1] = "tenth", [1.5] = "half", [true] = "yes", [10] = "far", x = 1 }',
    {
      ...(table([str('a')], [['x', num(1)]]) as Extract<LuaValue, { type: 'table' }>),
      otherEntries: [
        { key: num(0), value: str('zero') },
        { key: num(0.1), value: str('tenth') },
        { key: num(1.5), value: str('half') },
        { key: { type: 'boolean', value: true, at }, value: str('yes') },
        { key: num(10), value: str('far') },
      ],
    },
  ],
];

describe('luaValueToJson', () => {
  it('maps nil to absent and anything unknown to unknown', () => {
    expect(luaValueToJson(nil)).toBe(ABSENT);
    expect(luaValueToJson({ type: 'unknown', reason: 'ENV_X', at })).toBe(UNKNOWN);
    expect(luaValueToJson(table([str('a'), { type: 'unknown', reason: 'call', at }]))).toBe(UNKNOWN);
    expect(luaValueToJson(table([], [], [str('x')]))).toBe(UNKNOWN);
  });

  if (!requireOracle(oracleUnavailable(), ['prosody', 'lua5.4'])) return;

  const dir = mkdtempSync(join(tmpdir(), 'privacy-lint-oracle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'values.cfg.lua');
  writeFileSync(file, cases.map(([name, lua]) => `${name} = ${lua}\n`).join(''));
  const dump = dumpWithProsody(file, dir);

  it.each(cases)('encodes %s as Prosody holds it', (name, _lua, ours) => {
    expect(dump.ok, JSON.stringify(dump)).toBe(true);
    if (!dump.ok) return;
    const theirs = dump.sections['*']?.[name];
    expect(theirs, `Prosody holds no ${name}`).toBeDefined();
    expect(luaValueToJson(ours)).toEqual(inCanonicalOrder(theirs ?? null));
  });

  it('reports what the config prints on stderr, not in the JSON', () => {
    const noisy = join(dir, 'noisy.cfg.lua');
    writeFileSync(noisy, 'print("hello")\nio.write("x")\nanswer = 42\n');
    expect(dumpWithProsody(noisy, dir)).toMatchObject({ ok: true, sections: { '*': { answer: 42 } } });
  });

  it('skips configs that read outside the root or run programs, instead of guessing', () => {
    const outside = join(dir, 'outside.cfg.lua');
    writeFileSync(outside, 'Include "/etc/prosody/conf.d/*.cfg.lua"\n');
    expect(dumpWithProsody(outside, dir)).toMatchObject({ ok: false, skipped: expect.stringContaining('/etc/prosody/conf.d') as unknown });
    const command = join(dir, 'command.cfg.lua');
    writeFileSync(command, 'os.execute("true")\n');
    expect(dumpWithProsody(command, dir)).toMatchObject({ ok: false, skipped: 'the config calls os.execute' });
  });

  it('passes on Prosody refusals with its message, and reads ENV_ as nil', () => {
    const broken = join(dir, 'broken.cfg.lua');
    writeFileSync(broken, 'home = ENV_HOME\nmodules_enabled = { "mam" }\ntable.insert(modules_enabled, "x")\n');
    expect(dumpWithProsody(broken, dir)).toMatchObject({
      ok: false,
      error: expect.stringContaining("bad argument #1 to 'insert' (table expected, got nil)") as unknown,
    });
    const env = join(dir, 'env.cfg.lua');
    writeFileSync(env, 'home = ENV_HOME\npath_is_set = ENV_PATH ~= nil\nlang = os.getenv("LANG")\n');
    expect(dumpWithProsody(env, dir)).toMatchObject({
      ok: true,
      unsetEnv: ['HOME', 'LANG'],
      sections: { '*': { path_is_set: true } },
    });
    const dumped = dumpWithProsody(env, dir);
    expect(dumped.ok && dumped.sections['*']).not.toHaveProperty('home');
  });

  it('lists the sections with what VirtualHost and Component store themselves', () => {
    const hosts = join(dir, 'hosts.cfg.lua');
    writeFileSync(hosts, 'VirtualHost "Example.COM"\nComponent "muc.example.com" "muc"\nComponent "ext.example.com"\n');
    expect(dumpWithProsody(hosts, dir)).toMatchObject({
      ok: true,
      sections: {
        '*': {},
        'example.com': { defined: true },
        'muc.example.com': { component_module: 'muc', load_global_modules: false },
        'ext.example.com': { component_module: 'component', load_global_modules: false },
      },
    });
  });
});
