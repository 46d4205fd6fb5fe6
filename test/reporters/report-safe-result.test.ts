import { describe, expect, it } from 'vitest';
import { reportSafeResult } from '../../src/reporters/report-safe-result.js';
import { sampleResult } from './sample-result.js';

// Reporters receive the result neutralised (neutralise.ts). A run with 2,500 findings and 15,000
// sources has nearly nothing to escape: what needs no escape is handed on as it is, not copied.
describe('reportSafeResult', () => {
  it('hands on the same finding and source objects when nothing in them needs escaping', () => {
    const result = sampleResult('/srv/audit');
    const safe = reportSafeResult(result);
    expect(safe.findings.length).toBe(result.findings.length);
    safe.findings.forEach((finding, i) => expect(finding).toBe(result.findings[i]));
    safe.sources.forEach((source, i) => expect(source).toBe(result.sources[i]));
  });

  it('copies a finding or a source whose texts need escaping, and leaves the original as it was', () => {
    const result = sampleResult('/srv/audit');
    const first = result.findings[0];
    const source = result.sources[0];
    if (first === undefined || source === undefined) throw new Error('the sample has a finding and a source');
    const finding = { ...first, message: 'kept \u001b[2J forever', file: `${first.file}\u0007` };
    const safe = reportSafeResult({ ...result, findings: [finding], sources: [{ ...source, file: '/srv/::error::x' }] });
    expect(safe.findings[0]?.message).toBe('kept \\x1b[2J forever');
    expect(safe.findings[0]?.file).toBe(`${first.file}\\x07`);
    expect(finding.message).toBe('kept \u001b[2J forever');
    expect(safe.sources[0]?.file).toBe('/srv/\\x3a:error::x');
  });
});
