import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BORG_KEEP_FLAGS } from '../../../src/software/backups/borg/borg-command.js';
import { RESTIC_KEEP_FLAGS, RESTIC_WITHIN_FLAGS } from '../../../src/software/backups/restic/restic-command.js';
import { programsMissing, requireOracle } from '../../helpers/require-program.js';

/**
 * The installed tools are the oracle for the keep flags the readers understand: every
 * `--keep-*` option in `borg prune --help` / `restic forget --help` (and its short form) must be
 * read, with the same meaning for the short and long spelling. apt packages: borgbackup, restic.
 */
function check(tool: string, args: string[], test: (text: string) => void): void {
  describe(tool, () => {
    if (!requireOracle(programsMissing(tool), [tool === 'borg' ? 'borgbackup' : tool])) return;
    it(`${tool} ${args.join(' ')}: every keep flag is read`, () => {
      const r = spawnSync(tool, args, { encoding: 'utf8' });
      expect(r.error).toBeUndefined();
      test(`${r.stdout}${r.stderr}`);
    });
  });
}

describe('keep flags against the tools', () => {
  check('borg', ['prune', '--help'], (text) => {
    const long = [...new Set(text.match(/--keep-[a-z0-9]+(?=[ ,\]\n])/g) ?? [])].filter((f) => f !== '--keep-within');
    expect(long.length).toBeGreaterThan(5);
    for (const f of long) expect(BORG_KEEP_FLAGS, f).toHaveProperty([f]);
    for (const m of text.matchAll(/^\s+(-[A-Za-z]) [A-Z]+, (--keep-[a-z]+)/gm)) {
      expect(BORG_KEEP_FLAGS[m[1] as string], m[1]).toBe(BORG_KEEP_FLAGS[m[2] as string]);
    }
  });
  check('restic', ['forget', '--help'], (text) => {
    const long = [...new Set(text.match(/--keep-[a-z-]+(?=[ ,=\n])/g) ?? [])].filter((f) => f !== '--keep-tag');
    expect(long.length).toBeGreaterThan(8);
    for (const f of long) expect(f in RESTIC_KEEP_FLAGS || f in RESTIC_WITHIN_FLAGS, f).toBe(true);
    for (const m of text.matchAll(/^\s+(-[A-Za-z]), (--keep-[a-z]+)/gm)) {
      expect(RESTIC_KEEP_FLAGS[m[1] as string], m[1]).toBe(RESTIC_KEEP_FLAGS[m[2] as string]);
    }
  });
});
