import { describe, expect, it } from 'vitest';
import { errorsOnly } from '../../src/engine/errors-only.js';
import { sampleResult } from '../reporters/sample-result.js';

describe('errorsOnly', () => {
  it('keeps error findings and zeroes the warning and info counts, leaving claims alone', () => {
    const result = sampleResult('/srv/audit');
    const quiet = errorsOnly(result);
    expect(quiet.findings.map((f) => f.ruleId)).toEqual(['message-archive-retention', 'parse-error']);
    expect(quiet.summary).toEqual({ ...result.summary, warnings: 0, infos: 0 });
    expect(quiet.claims).toBe(result.claims);
    // The engine's result is not modified.
    expect(result.findings).toHaveLength(4);
    expect(result.summary.warnings).toBe(1);
  });

  it('keeps only the suppressed errors too, with the suppressed count to match', () => {
    const result = sampleResult('/srv/audit');
    const [error, warning] = [result.findings.find((f) => f.severity === 'error'), result.findings.find((f) => f.severity === 'warning')];
    if (error === undefined || warning === undefined) throw new Error('the sample has an error and a warning');
    const at = { file: error.file, line: 1, column: 1 };
    const accepted = [
      { ...error, suppressions: [{ kind: 'inSource' as const, justification: 'why', at }] },
      { ...warning, suppressions: [{ kind: 'external' as const, justification: 'baseline', at }] },
    ];
    const quiet = errorsOnly({ ...result, suppressed: accepted, summary: { ...result.summary, suppressed: 2 } });
    expect(quiet.suppressed?.map((f) => f.severity)).toEqual(['error']);
    expect(quiet.summary.suppressed).toBe(1);
  });
});
