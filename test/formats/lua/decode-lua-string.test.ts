import { describe, expect, it } from 'vitest';
import { decodeLuaString } from '../../../src/formats/lua/decode-lua-string.js';

describe('decodeLuaString', () => {
  it('decodes the simple escapes', () => {
    expect(decodeLuaString(String.raw`"a\tb\nc\\d\"e\'f\a\b\f\v\r"`)).toBe('a\tb\nc\\d"e\'f\x07\b\f\v\r');
  });

  it('decodes decimal, hex and unicode escapes into UTF-8 text', () => {
    expect(decodeLuaString(String.raw`"\65\066\x43"`)).toBe('ABC');
    expect(decodeLuaString(String.raw`"\u{263A} \u{48}"`)).toBe('☺ H');
    // \195\169 are the UTF-8 bytes of é.
    expect(decodeLuaString(String.raw`"caf\195\169"`)).toBe('café');
  });

  it('keeps non-ASCII source text as is', () => {
    expect(decodeLuaString('"héllo ☺"')).toBe('héllo ☺');
  });

  it('handles backslash-newline and \\z', () => {
    expect(decodeLuaString('"one\\\ntwo"')).toBe('one\ntwo');
    expect(decodeLuaString('"one\\\r\ntwo"')).toBe('one\ntwo');
    expect(decodeLuaString('"a\\z\n     b"')).toBe('ab');
  });

  it('decodes long strings: no escapes, first newline skipped, newlines normalised', () => {
    expect(decodeLuaString('[[\nfirst\r\nsecond]]')).toBe('first\nsecond');
    expect(decodeLuaString('[==[a]]b\\n]==]')).toBe('a]]b\\n');
    expect(decodeLuaString("'single \"quotes\"'")).toBe('single "quotes"');
  });
});
