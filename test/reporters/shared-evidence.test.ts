import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/inventory/evidence.js';
import { groupSharedEvidence } from '../../src/reporters/shared-evidence.js';

const at = (line: number, note: string): Evidence => ({ file: '/etc/prosody/prosody.cfg.lua', line, column: 1, note });

describe('groupSharedEvidence', () => {
  it('writes evidence at one place once, and every note can be read back from the template', () => {
    const evidence = [
      at(2, 'archive_expires_after = "21d" (global, inherited by h1.example)'),
      at(6, 'archive_expires_after = "2w"'),
      at(2, 'archive_expires_after = "21d" (global, inherited by h2.example)'),
      at(2, 'archive_expires_after = "21d" (global, inherited by h10.example)'),
    ];
    const grouped = groupSharedEvidence(evidence);
    expect(grouped).toEqual([
      {
        evidence: evidence[0],
        shared: { template: 'archive_expires_after = "21d" (global, inherited by h{}.example)', values: ['1', '2', '10'] },
      },
      { evidence: evidence[1] },
    ]);
    const shared = grouped[0]?.shared;
    expect(shared?.values.map((v) => shared.template.replace('{}', v))).toEqual([evidence[0], evidence[2], evidence[3]].map((e) => e?.note));
  });

  it('keeps notes that only differ in length apart correctly (prefix and suffix never overlap)', () => {
    const notes = ['mod_mam enabled for a', 'mod_mam enabled for aa', 'mod_mam enabled for a'];
    const shared = groupSharedEvidence(notes.map((n) => at(1, n)))[0]?.shared;
    expect(shared?.values.map((v) => shared.template.replace('{}', v))).toEqual(notes);
  });
});

describe('groupSharedEvidence: one note on several lines', () => {
  it('writes the same note in the same file and column once, with every line, first line first', () => {
    const evidence = [at(6, 'archive_expires_after = "1w"'), at(2, 'mod_mam enabled'), at(10, 'archive_expires_after = "1w"'), at(14, 'archive_expires_after = "1w"')];
    expect(groupSharedEvidence(evidence)).toEqual([
      { evidence: evidence[0], lines: [6, 10, 14] },
      { evidence: evidence[1] },
    ]);
  });

  it('keeps notes apart that differ in file, column or default', () => {
    const other = { ...at(10, 'x = 1'), file: '/etc/prosody/conf.d/a.cfg.lua' };
    const moved = { ...at(12, 'x = 1'), column: 3 };
    const byDefault = { ...at(14, 'x = 1'), default: { software: 'prosody', release: '0.12', source: 'core/x.lua:1' } };
    expect(groupSharedEvidence([at(6, 'x = 1'), other, moved, byDefault]).every((g) => g.lines === undefined)).toBe(true);
  });
});
