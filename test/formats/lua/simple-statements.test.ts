import type { Statement } from 'luaparse';
import { describe, expect, it } from 'vitest';
import { LateLuaSyntaxError, parseLuaStream } from '../../../src/formats/lua/lua-statement-stream.js';
import { parseLua, parseLuaPart } from '../../../src/formats/lua/parse-lua.js';
import { readSimpleStatements } from '../../../src/formats/lua/simple-statements.js';

const FILE = '/srv/big.cfg.lua';

/** What luaparse makes of the whole text (the reference). */
function luaparseBody(source: string): Statement[] {
  return parseLuaPart(source, 0, source.length).body;
}

describe('readSimpleStatements', () => {
  it('builds exactly the nodes luaparse builds for the simple forms', () => {
    const source = [
      'admins = { "admin@example.org" }',
      'VirtualHost "example.org"',
      "  archive_expires_after = '1w' -- a comment",
      '  modules_enabled = { "mam", "carbons"; }',
      '  c2s_ports = { 5222, 5223 }; allow_registration = false',
      '--[==[ a long',
      'comment ]==] ssl = { key = "k.pem", certificate = "c.pem", nested = { true, nil } }',
      'Component "conference.example.org"\r\n  x = {}',
      'Component "muc.example.org" "muc" -- chained',
      '  { restrict_room_creation = true } VirtualHost { "t" }',
      '',
    ].join('\n');
    const read = readSimpleStatements(source, 0, source.length);
    expect(read.end).toBe(source.length);
    expect(read.body).toEqual(luaparseBody(source));
    expect(read.body).toHaveLength(11);
  });

  it('stops before a statement that is not simple, or that the next token continues', () => {
    const cases: [string, string][] = [
      ['a = 1\nb = "x" .. "y"\n', 'b'],
      ['a = 1\nb = "x"\n.. "y"\n', 'b'],
      ['a = 1\nComponent "x" "muc":method()\n', 'Component'],
      ['a = 1\nVirtualHost "x" { y = f() }\n', 'VirtualHost'],
      ['a = 1\nVirtualHost "x"\n("y")\n', 'VirtualHost'],
      ['a = 1\nb = "esc\\n"\n', 'b'],
      ['a = 1\nb = 1.5\n', 'b'],
      ['a = 1\nb = 0x10\n', 'b'],
      ['a = 1\nb = -1\n', 'b'],
      ['a = 1\nb = { c }\n', 'b'],
      ['a = 1\nb = [[long]]\n', 'b'],
      ['a = 1\nlocal b = 1\n', 'local'],
      ['a = 1\nb.c = 1\n', 'b'],
      ['a = 1\nb = 1\nor 2\n', 'b'],
      ['a = 1\nb == 1\n', 'b'],
      ['a = 1\nb = 1 --[[ unfinished\n', 'b'],
    ];
    for (const [source, stopAt] of cases) {
      const read = readSimpleStatements(source, 0, source.length);
      expect(read.body, source).toHaveLength(1);
      expect(read.end, source).toBe(source.indexOf(stopAt, 5));
    }
  });

  it('stops at the first statement boundary after the limit', () => {
    const source = 'a = 1\nb = 2\nc = 3\n';
    const read = readSimpleStatements(source, 0, 7);
    expect(read.body).toHaveLength(2);
    expect(read.end).toBe(source.indexOf('c'));
  });
});

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Statements and fragments, valid and not, simple and not, to be joined at random. */
/** Statements and fragments to be joined at random: first those valid on their own (but `return`). */
const SNIPPETS = [
  'VirtualHost "h.example"',
  "x = 'y'",
  'm = { "mam", "carbons" }',
  'n = 5222',
  'b = true',
  'z = nil',
  's = { key = "k", n = { 1, 2 }; }',
  'e = {}',
  'Component "c.example" "muc"',
  'Component "c.example" { a = 1 }',
  'local l = "v"',
  'x = l',
  'x = "a" .. "b"',
  'x = "a"\n.. "b"',
  'x = 1\nor 2',
  'x = 1\nand nil',
  'x = "es\\tc"',
  'x = 1.5e3',
  'x = 0x1F',
  'x = [[long\nstring]]',
  '-- comment',
  '--[[ long\ncomment ]]',
  '--[==[ long ]] still ]==]',
  ';',
  'f = function() return 1 end',
  'if ENV_X then y = 1 end',
  'do z = 2 end',
  'do return end',
  't = {\nkey = "v";\nother = 2\n}',
  'VirtualHost "a"\n{ y = 1 }',
  'VirtualHost\n"a"',
  'y = x\n("call")',
  'x = 1 y = 2',
  'x = "é"',
  'f {}',
  'Component "x" "muc" { a = "b" }',
  'VirtualHost "a" "b" "c"',
  'Component "x" "muc":m()',
  // Not valid on their own, or not everywhere:
  'return',
  'x = = 1',
  'x = "unfinished',
  'end',
  'x = {',
  '}',
  'x = 10abc',
  'é = 1',
];
const VALID_SNIPPETS = SNIPPETS.indexOf('return');
describe('parseLuaStream with simple statements', () => {
  it('reads random configs exactly as luaparse reads them whole, or fails where it fails', () => {
    const next = random(20261121);
    const separators = ['\n', '\n\n', ' ', '\r\n', '\n  ', '; '];
    const outcomes = { parsed: 0, failedFirst: 0, failedLate: 0 };
    for (let run = 0; run < 1000; run++) {
      const parts: string[] = [];
      const count = 3 + Math.floor(next() * 30);
      // Half of the configs only from snippets that are valid on their own, so that many parse.
      const pool = run % 2 === 0 ? SNIPPETS.slice(0, VALID_SNIPPETS) : SNIPPETS;
      for (let i = 0; i < count; i++) {
        parts.push(pool[Math.floor(next() * pool.length)] as string, separators[Math.floor(next() * separators.length)] as string);
      }
      const source = parts.join('');
      const whole = parseLua(source, FILE);
      // Tiny parts, or a few statements per part.
      const streamed = parseLuaStream(source, FILE, run % 4 < 2 ? 8 : 64);
      if (!whole.ok) {
        if (!streamed.ok) {
          expect(streamed.diagnostic, source).toEqual(whole.diagnostic);
          outcomes.failedFirst++;
          continue;
        }
        outcomes.failedLate++;
        expect(() => {
          while (streamed.statements.next());
          streamed.statements.finish();
        }, source).toThrow(LateLuaSyntaxError);
        continue;
      }
      if (!streamed.ok) throw new Error(`streamed failed where whole parsed: ${JSON.stringify(source)}`);
      const read: Statement[] = [];
      for (let s = streamed.statements.next(); s; s = streamed.statements.next()) read.push(s);
      expect(read, source).toEqual(whole.chunk.body);
      outcomes.parsed++;
    }
    // Each way through is taken often enough to mean something.
    expect(outcomes.parsed).toBeGreaterThan(200);
    expect(outcomes.failedFirst).toBeGreaterThan(50);
    expect(outcomes.failedLate).toBeGreaterThan(50);
  });
});
