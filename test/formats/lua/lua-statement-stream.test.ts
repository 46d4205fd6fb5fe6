import type { Statement } from 'luaparse';
import { describe, expect, it } from 'vitest';
import { LateLuaSyntaxError, parseLuaStream, type LuaStatementStream } from '../../../src/formats/lua/lua-statement-stream.js';
import { nodeEnd, nodeStart, parseLua } from '../../../src/formats/lua/parse-lua.js';

const FILE = '/srv/big.cfg.lua';
/** Tiny parts, so that a few lines are already split into many. */
const PART = 16;

function drain(statements: LuaStatementStream): Statement[] {
  const all: Statement[] = [];
  for (let s = statements.next(); s; s = statements.next()) all.push(s);
  return all;
}

/** Each statement's type and source text: what the evaluator reads from a statement. */
function shape(source: string, statements: Statement[]): string[] {
  return statements.map((s) => `${s.type} ${source.slice(nodeStart(s), nodeEnd(s))}`);
}

/** Type and offsets of every node under `node`, depth first. */
function allNodes(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const n of node) allNodes(n, out);
  } else if (node && typeof node === 'object') {
    if ('type' in node) out.push(`${String(node.type)}@${nodeStart(node)}-${nodeEnd(node)}`);
    for (const [key, child] of Object.entries(node)) if (key !== 'range') allNodes(child, out);
  }
  return out;
}

function wholeShape(source: string): string[] {
  const whole = parseLua(source, FILE);
  if (!whole.ok) throw new Error(whole.diagnostic.message);
  return shape(source, whole.chunk.body);
}

function streamedShape(source: string): string[] {
  const result = parseLuaStream(source, FILE, PART);
  if (!result.ok) throw new Error(result.diagnostic.message);
  return shape(source, drain(result.statements));
}

const hosts = (n: number, from = 0): string =>
  Array.from({ length: n }, (_, i) => `VirtualHost "h${from + i}.example"\n  archive_expires_after = "1w"\n`).join('');

describe('parseLuaStream', () => {
  it('hands out the same statements, with offsets in the whole file, as parsing it whole', () => {
    const source = `admins = { "a@h0.example" }\n${hosts(20)}modules_enabled = { "mam" }\n`;
    const streamed = streamedShape(source);
    expect(streamed).toEqual(wholeShape(source));
    expect(streamed).toHaveLength(42);
    expect(streamed.at(-2)).toBe('AssignmentStatement archive_expires_after = "1w"');
  });

  it('is not misled by lines starting with a name inside tables, functions, long strings and comments', () => {
    const source = [
      hosts(3),
      'ssl = {\nkey = "k.pem";\ncertificate = "c.pem";\n}',
      `long = {\n${Array.from({ length: 40 }, (_, i) => `k${i} = f(${i}),`).join('\n')}\n}`,
      'local function f()\nx = 1\nreturn x\nend',
      'motd = [[\nWelcome\nto the server\n]]',
      '--[[\ndisabled = true\nmore = 1\n]]',
      'y = "a\\\nb = 2"',
      'z = 1\nor 2',
      'w = a\nand b',
      hosts(3, 3),
    ].join('\n');
    expect(streamedShape(source)).toEqual(wholeShape(source));
  });

  it('gives nested nodes their offsets in the whole file too', () => {
    const source = `${hosts(10)}local t = { a = { "x", f(1 + 2) }, [k] = function(y) return y .. "z" end }\n${hosts(3)}`;
    const whole = parseLua(source, FILE);
    const streamed = parseLuaStream(source, FILE, PART);
    if (!whole.ok || !streamed.ok) throw new Error('parses');
    const nodes = allNodes(drain(streamed.statements));
    expect(nodes).toEqual(allNodes(whole.chunk.body));
    expect(nodes).toContain(`BinaryExpression@${source.indexOf('1 + 2')}-${source.indexOf('1 + 2') + 5}`);
  });

  it('gives parseLua\'s diagnostic for a syntax error in the first part', () => {
    const source = `x = = 1\n${hosts(20)}`;
    const streamed = parseLuaStream(source, FILE, PART);
    const whole = parseLua(source, FILE);
    expect(streamed.ok).toBe(false);
    expect(whole.ok).toBe(false);
    if (!streamed.ok && !whole.ok) expect(streamed.diagnostic).toEqual(whole.diagnostic);
  });

  it('throws LateLuaSyntaxError on a syntax error after statements were handed out', () => {
    const result = parseLuaStream(`${hosts(20)}broken = {\n`, FILE, PART);
    if (!result.ok) throw new Error('the first part parses');
    expect(result.statements.next()?.type).toBe('CallStatement');
    expect(() => drain(result.statements)).toThrow(LateLuaSyntaxError);
  });

  it('treats statements after a top-level return as the syntax error they are', () => {
    const early = `return\n${hosts(20)}`;
    const streamed = parseLuaStream(early, FILE, PART);
    const whole = parseLua(early, FILE);
    expect(streamed.ok).toBe(false);
    if (!streamed.ok && !whole.ok) expect(streamed.diagnostic).toEqual(whole.diagnostic);

    const late = parseLuaStream(`${hosts(10)}return\n${hosts(10)}`, FILE, PART);
    if (!late.ok) throw new Error('the first part parses');
    expect(() => drain(late.statements)).toThrow(LateLuaSyntaxError);
  });

  it('finish() parses the statements not read, to find syntax errors', () => {
    const ok = parseLuaStream(hosts(20), FILE, PART);
    if (!ok.ok) throw new Error(ok.diagnostic.message);
    ok.statements.next();
    expect(() => ok.statements.finish()).not.toThrow();
    expect(ok.statements.next()).toBeUndefined();

    const bad = parseLuaStream(`${hosts(20)}x = }\n`, FILE, PART);
    if (!bad.ok) throw new Error('the first part parses');
    bad.statements.next();
    expect(() => bad.statements.finish()).toThrow(LateLuaSyntaxError);
  });

  it('parses a file with labels whole (luaparse checks them across the chunk)', () => {
    const source = `${hosts(10)}::top::\n${hosts(10, 10)}::top::\n`;
    const streamed = parseLuaStream(source, FILE, PART);
    expect(streamed.ok).toBe(false);
    if (!streamed.ok) expect(streamed.diagnostic.message).toContain("label 'top' already defined");
  });
});
