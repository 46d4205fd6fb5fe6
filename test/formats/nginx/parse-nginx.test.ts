import { describe, expect, it } from 'vitest';
import { parseNginx } from '../../../src/formats/nginx/parse-nginx.js';
import type { NginxStatement } from '../../../src/formats/nginx/nginx-syntax.js';

const FILE = '/srv/etc/nginx/nginx.conf';

function shape(statements: NginxStatement[]): unknown[] {
  return statements.map((s) => ({
    name: s.name,
    at: `${s.line}:${s.column}`,
    args: s.args.map((a) => `${a.value}@${a.line}:${a.column}${a.quoted ? 'q' : ''}`),
    ...(s.block ? { block: shape(s.block) } : {}),
    ...(s.luaBody ? { lua: `${s.luaBody.line}:${s.luaBody.column} ${s.luaBody.text}` } : {}),
  }));
}

function errors(text: string): string[] {
  return parseNginx(text, FILE).diagnostics.map((d) => `${d.code} ${d.position.line}:${d.position.column} ${d.message}`);
}

describe('parseNginx', () => {
  it('positions every directive, argument and block', () => {
    const parsed = parseNginx('http {\n  server {\n    listen 80;\n\tlocation / { root /srv; }\n  }\n}\n', FILE);
    expect(parsed.diagnostics).toEqual([]);
    expect(shape(parsed.statements)).toEqual([
      {
        name: 'http',
        at: '1:1',
        args: [],
        block: [
          {
            name: 'server',
            at: '2:3',
            args: [],
            block: [
              { name: 'listen', at: '3:5', args: ['80@3:12'] },
              { name: 'location', at: '4:2', args: ['/@4:11'], block: [{ name: 'root', at: '4:15', args: ['/srv@4:20'] }] },
            ],
          },
        ],
      },
    ]);
    expect(parsed.statements[0]?.file).toBe(FILE);
  });

  it('reads quotes and escapes as nginx stores them (\\; protects the ; but stays written)', () => {
    const [s] = parseNginx(`log_format x 'a "b" \\'c\\'' "d\\te\\.f" g\\;h \\.php$;`, FILE).statements;
    expect(s?.args.map((a) => a.value)).toEqual(['x', `a "b" 'c'`, 'd\te\\.f', 'g\\;h', '\\.php$']);
    expect(s?.args.map((a) => a.quoted)).toEqual([false, true, true, false, false]);
  });

  it('lets quoted strings span lines and keeps the position of the opening quote', () => {
    const [s] = parseNginx(`log_format main '$remote_addr\n   $status';`, FILE).statements;
    expect(s?.args[1]).toEqual({ value: '$remote_addr\n   $status', quoted: true, line: 1, column: 17 });
  });

  it('treats # as a comment only at the start of a token, and ${var} as part of a word', () => {
    const parsed = parseNginx('# top\nset $a b#c; # trailing\nreturn 200 "${host}x";\nset $b ${a}z;\n', FILE);
    expect(parsed.diagnostics).toEqual([]);
    expect(shape(parsed.statements)).toEqual([
      { name: 'set', at: '2:1', args: ['$a@2:5', 'b#c@2:8'] },
      { name: 'return', at: '3:1', args: ['200@3:8', '${host}x@3:12q'] },
      { name: 'set', at: '4:1', args: ['$b@4:5', '${a}z@4:8'] },
    ]);
  });

  it('allows ")" right after a quoted string, as in if ($x = "y")', () => {
    const parsed = parseNginx('if ($host = "a.example") { return 404; }', FILE);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.statements[0]?.args.map((a) => a.value)).toEqual(['($host', '=', 'a.example', ')']);
  });

  it('reads *_by_lua_block bodies as raw Lua, braces in strings and comments included', () => {
    const text = 'content_by_lua_block {\n  local t = { "}" } -- }\n  s = [==[ } ]==] --[[ { ]]\n}\nset_by_lua_block $x { return "{" }\nlisten 80;\n';
    const parsed = parseNginx(text, FILE);
    expect(parsed.diagnostics).toEqual([]);
    expect(shape(parsed.statements)).toEqual([
      { name: 'content_by_lua_block', at: '1:1', args: [], lua: '1:23 \n  local t = { "}" } -- }\n  s = [==[ } ]==] --[[ { ]]\n' },
      { name: 'set_by_lua_block', at: '5:1', args: ['$x@5:18'], lua: '5:22  return "{" ' },
      { name: 'listen', at: '6:1', args: ['80@6:8'] },
    ]);
  });

  it('reports a missing ";" before "}" and keeps the statement', () => {
    const parsed = parseNginx('server {\n  root /srv\n}\nlisten 80;\n', FILE);
    expect(errors('server {\n  root /srv\n}\nlisten 80;\n')).toEqual(['parse-error 3:1 unexpected "}": missing ";" before it']);
    expect(shape(parsed.statements)).toEqual([
      { name: 'server', at: '1:1', args: [], block: [{ name: 'root', at: '2:3', args: ['/srv@2:8'] }] },
      { name: 'listen', at: '4:1', args: ['80@4:8'] },
    ]);
  });

  it('reports a missing ";" where the next line starts a directive, at the end of the previous word', () => {
    const parsed = parseNginx('server_name a.example\naccess_log /x.log;\n', FILE);
    expect(parsed.diagnostics.map((d) => `${d.position.line}:${d.position.column} ${d.message}`)).toEqual([
      '1:22 missing ";" after "a.example": "access_log" on the next line starts a new directive',
    ]);
    expect(parsed.statements.map((s) => s.name)).toEqual(['server_name', 'access_log']);
  });

  it('reports unbalanced braces at their position and reads on', () => {
    expect(errors('}\nhttp { }\n')).toEqual(['parse-error 1:1 unexpected "}": no block is open here']);
    expect(errors('http {\n  server {\n    listen 80;\n')).toEqual(['parse-error 4:1 unexpected end of file, expecting "}" (2 blocks not closed)']);
    expect(errors('listen 80')).toEqual(['parse-error 1:10 unexpected end of file, expecting ";" or "}"']);
    expect(errors('  ;\n{ a; }\nb;')).toEqual(['parse-error 1:3 unexpected ";"', 'parse-error 2:1 unexpected "{"']);
    expect(errors('return 200 "a"b;')).toEqual(['parse-error 1:15 unexpected "b" after a quoted string']);
    expect(errors('root "/srv;\n')).toEqual(['parse-error 1:6 unterminated double-quoted string: unexpected end of file']);
    expect(errors('content_by_lua_block { if x then')).toEqual(['parse-error 1:33 unexpected end of file, expecting "}" (1 block not closed)']);
  });

  it('keeps a "}" inside a word, as nginx does', () => {
    const parsed = parseNginx('a b}; c;', FILE);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.statements.map((s) => [s.name, ...s.args.map((a) => a.value)])).toEqual([['a', 'b}'], ['c']]);
  });
});

describe('parseNginx on hostile input', () => {
  it('reports blocks nested too deeply instead of exhausting the stack, and reads on', () => {
    const depth = 100_000;
    const text = `${'a {\n'.repeat(depth)}${'}\n'.repeat(depth)}listen 80;\n`;
    const parsed = parseNginx(text, FILE);
    expect(parsed.diagnostics.map((d) => `${d.position.line}:${d.position.column} ${d.message}`)).toEqual([
      '201:3 blocks nested more than 200 deep: the contents of "a" are not read',
    ]);
    expect(parsed.statements.map((s) => s.name)).toEqual(['a', 'listen']);
  });
});
