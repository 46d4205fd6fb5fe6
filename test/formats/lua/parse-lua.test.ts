import { describe, expect, it } from 'vitest';
import { nodeEnd, nodeStart, parseLua } from '../../../src/formats/lua/parse-lua.js';

const FILE = '/srv/test.cfg.lua';

function errorOf(source: string): { line: number; column: number; message: string } {
  const result = parseLua(source, FILE);
  if (result.ok) throw new Error('expected a parse error');
  expect(result.diagnostic.code).toBe('parse-error');
  expect(result.diagnostic.position.file).toBe(FILE);
  const { line, column } = result.diagnostic.position;
  return { line, column, message: result.diagnostic.message };
}

describe('parseLua', () => {
  it('returns the syntax tree with character offsets, and a line index for 1-based positions', () => {
    const result = parseLua('a = 1\r\n  b = "x"\rc = 2', FILE);
    if (!result.ok) throw new Error(result.diagnostic.message);
    expect(result.chunk.body).toHaveLength(3);
    const start = (i: number): number => nodeStart(result.chunk.body[i] as object);
    expect(result.lines.position(FILE, start(1))).toEqual({ file: FILE, line: 2, column: 3 });
    expect(result.lines.position(FILE, start(2))).toEqual({ file: FILE, line: 3, column: 1 });
  });

  it('accepts Lua 5.3/5.4 syntax Prosody runs under: //, bitwise operators, goto and labels', () => {
    expect(parseLua('a = 7 // 2\nb = 1 << 4 | 1\n::top::\ngoto top', FILE).ok).toBe(true);
  });

  it('accepts Lua 5.4 local attributes, keeping positions', () => {
    const source = 'local x <const> = 5\nlocal y <close>, z = nil\nvalue = x';
    const result = parseLua(source, FILE);
    if (!result.ok) throw new Error(result.diagnostic.message);
    const statement = result.chunk.body[2] as object;
    expect(source.slice(nodeStart(statement), nodeEnd(statement))).toBe('value = x');
  });

  it('reports a token error at its 1-based column, without luaparse\'s [line:col] prefix', () => {
    expect(errorOf('admins = {}\n\tarchive = = "1w"')).toEqual({
      line: 2,
      column: 12,
      message: "Lua syntax error: <expression> expected near '='",
    });
  });

  it('reports a lexer error (unfinished string) at a 1-based column', () => {
    const error = errorOf('x = 1\ny = "abc');
    expect(error.line).toBe(2);
    expect(error.column).toBeGreaterThanOrEqual(5);
    expect(error.message).toBe("Lua syntax error: unfinished string near '\"abc'");
  });

  it('reports a missing separator in a table at the unexpected token', () => {
    expect(errorOf('modules_enabled = { "mam" "carbons" }')).toEqual({
      line: 1,
      column: 27,
      message: "Lua syntax error: '}' expected near '\"carbons\"'",
    });
  });

  it('rejects what Lua rejects: invalid escapes, a byte-order mark, a shebang line', () => {
    expect(errorOf('x = "\\q"').message).toContain('invalid escape sequence');
    expect(errorOf('\uFEFFx = 1').column).toBe(1);
    expect(errorOf('#!/usr/bin/lua\nx = 1').line).toBe(1);
  });

  it('reports Jinja template syntax as a parse error', () => {
    expect(errorOf('storage = "sql"\n{% if x %}\nlog = "x"\n{% endif %}').line).toBe(2);
  });
});
