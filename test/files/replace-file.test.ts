import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFixBase, replaceFileUnderRoot, sha256 } from '../../src/files/replace-file.js';

let dir: string;
let root: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'privacy-lint-replace-'));
  root = path.join(dir, 'root');
  mkdirSync(path.join(root, 'etc'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('replaceFileUnderRoot (--fix writes)', () => {
  it('replaces the text by a rename from beside it, keeping the mode and leaving no temporary file', () => {
    const file = path.join(root, 'etc/app.conf');
    writeFileSync(file, 'old\n', { mode: 0o640 });
    const base = readFixBase(root, file);
    expect(base.ok).toBe(true);
    expect(replaceFileUnderRoot(root, file, sha256('old\n'), 'new\n')).toEqual({ ok: true });
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).mode & 0o7777).toBe(0o640);
    expect(readdirSync(path.join(root, 'etc'))).toEqual(['app.conf']);
  });

  it('refuses a file that changed since it was read', () => {
    const file = path.join(root, 'etc/app.conf');
    writeFileSync(file, 'old\n');
    writeFileSync(file, 'edited by the admin meanwhile\n');
    expect(replaceFileUnderRoot(root, file, sha256('old\n'), 'new\n')).toEqual({ ok: false, reason: 'changed since it was read' });
    expect(readFileSync(file, 'utf8')).toBe('edited by the admin meanwhile\n');
  });

  it('refuses a file outside --root, also through a link inside it', () => {
    const outside = path.join(dir, 'outside.conf');
    writeFileSync(outside, 'old\n');
    symlinkSync(outside, path.join(root, 'etc/link.conf'));
    expect(replaceFileUnderRoot(root, outside, sha256('old\n'), 'new\n')).toEqual({ ok: false, reason: 'is outside --root' });
    expect(replaceFileUnderRoot(root, path.join(root, 'etc/link.conf'), sha256('old\n'), 'new\n')).toEqual({ ok: false, reason: 'is outside --root' });
    expect(readFileSync(outside, 'utf8')).toBe('old\n');
  });

  it('writes the target of a link inside --root, and the link stays a link', () => {
    const target = path.join(root, 'etc/real.conf');
    writeFileSync(target, 'old\n');
    symlinkSync('real.conf', path.join(root, 'etc/link.conf'));
    expect(replaceFileUnderRoot(root, path.join(root, 'etc/link.conf'), sha256('old\n'), 'new\n')).toEqual({ ok: true });
    expect(readFileSync(target, 'utf8')).toBe('new\n');
  });
});
