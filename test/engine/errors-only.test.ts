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
});
