import { describe, expect, it } from 'vitest';
import { formatLuaNumber, parseLuaNumber } from '../../../src/formats/lua/lua-number.js';

describe('parseLuaNumber (tonumber)', () => {
  it('reads integers, floats, hex and hex floats', () => {
    expect(parseLuaNumber('42')).toEqual({ value: 42, float: false });
    expect(parseLuaNumber(' 1.5 ')).toEqual({ value: 1.5, float: true });
    expect(parseLuaNumber('1e3')).toEqual({ value: 1000, float: true });
    expect(parseLuaNumber('0xFF')).toEqual({ value: 255, float: false });
    expect(parseLuaNumber('0x1p4')).toEqual({ value: 16, float: true });
    expect(parseLuaNumber('-7')).toEqual({ value: -7, float: false });
    expect(parseLuaNumber('.5')).toEqual({ value: 0.5, float: true });
  });

  it('wraps hex integers around 64 bits like Lua 5.4', () => {
    expect(parseLuaNumber('0xFFFFFFFFFFFFFFFF')).toEqual({ value: -1, float: false });
  });

  it('rejects what tonumber rejects', () => {
    expect(parseLuaNumber('1w')).toBeUndefined();
    expect(parseLuaNumber('')).toBeUndefined();
    expect(parseLuaNumber('inf')).toBeUndefined();
    expect(parseLuaNumber('0x')).toBeUndefined();
  });
});

describe('formatLuaNumber (tostring)', () => {
  it('prints integers as is and floats with %.14g, adding .0 to integral floats', () => {
    expect(formatLuaNumber({ value: 7, float: false })).toBe('7');
    expect(formatLuaNumber({ value: 4, float: true })).toBe('4.0');
    expect(formatLuaNumber({ value: 2.5, float: true })).toBe('2.5');
    expect(formatLuaNumber({ value: 0.1 + 0.2, float: true })).toBe('0.3');
    expect(formatLuaNumber({ value: 1e20, float: true })).toBe('1e+20');
    expect(formatLuaNumber({ value: 1e-5, float: true })).toBe('1e-05');
    expect(formatLuaNumber({ value: Infinity, float: true })).toBe('inf');
    expect(formatLuaNumber({ value: -Infinity, float: true })).toBe('-inf');
  });
});
