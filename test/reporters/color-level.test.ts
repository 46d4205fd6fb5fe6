import { describe, expect, it } from 'vitest';
import { colorLevel } from '../../src/reporters/color-level.js';

const tty = { flag: undefined, env: {}, isTTY: true, toFile: false };

describe('colorLevel', () => {
  it('colours a terminal, not a pipe, and never a file by default', () => {
    expect(colorLevel(tty)).toBe(1);
    expect(colorLevel({ ...tty, isTTY: false })).toBe(0);
    expect(colorLevel({ ...tty, toFile: true })).toBe(0);
  });

  it('obeys --color and --no-color over everything else', () => {
    expect(colorLevel({ ...tty, isTTY: false, toFile: true, flag: true, env: { NO_COLOR: '1' } })).toBe(1);
    expect(colorLevel({ ...tty, flag: false, env: { FORCE_COLOR: '3' } })).toBe(0);
    expect(colorLevel({ ...tty, flag: true, env: { FORCE_COLOR: '3' } })).toBe(3);
  });

  it('honours NO_COLOR when set and non-empty', () => {
    expect(colorLevel({ ...tty, env: { NO_COLOR: '1' } })).toBe(0);
    expect(colorLevel({ ...tty, env: { NO_COLOR: '' } })).toBe(1);
  });

  it('honours FORCE_COLOR, which wins over NO_COLOR', () => {
    expect(colorLevel({ ...tty, isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(1);
    expect(colorLevel({ ...tty, isTTY: false, env: { FORCE_COLOR: '' } })).toBe(1);
    expect(colorLevel({ ...tty, isTTY: false, env: { FORCE_COLOR: '2', NO_COLOR: '1' } })).toBe(2);
    expect(colorLevel({ ...tty, env: { FORCE_COLOR: '0' } })).toBe(0);
    expect(colorLevel({ ...tty, env: { FORCE_COLOR: 'false' } })).toBe(0);
    expect(colorLevel({ ...tty, isTTY: false, env: { FORCE_COLOR: '7' } })).toBe(3);
  });
});
