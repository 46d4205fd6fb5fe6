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
