import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CategoryFigure } from '../../src/engine/categories.js';
import { lint } from '../../src/engine/lint.js';
import { reportSafeResult } from '../../src/reporters/report-safe-result.js';
import { repoRoot } from '../helpers/lint-fixture.js';
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

describe('the places of a data category', () => {
  it('are neutralised when a reporter asks for them, the longest of each claim at once and as the same object', async () => {
    const demo = path.join(repoRoot, 'fixtures/demo');
    const result = await lint({ cwd: repoRoot, root: demo, paths: [], configFile: path.join(demo, 'privacy-lint.config.yaml'), ruleOverrides: [] });
    // Each place's label read is counted: reportSafeResult reads it when it neutralises the place.
    const reads = new Map<CategoryFigure, number>();
    for (const category of result.categories ?? []) {
      for (const place of category.figures) {
        const label = place.label;
        Object.defineProperty(place, 'label', { get: () => (reads.set(place, (reads.get(place) ?? 0) + 1), label), enumerable: true });
      }
    }
    const places = (result.categories ?? []).flatMap((c) => c.figures);
    const longest = new Set((result.categories ?? []).flatMap((c) => c.claims.flatMap((claim) => (claim.longest === undefined ? [] : [claim.longest]))));
    expect(places.length).toBeGreaterThan(longest.size);

    const safe = reportSafeResult(result);
    expect([...reads.keys()].every((place) => longest.has(place))).toBe(true);
    expect(reads.size).toBe(longest.size);

    for (const category of safe.categories ?? []) {
      for (const claim of category.claims) if (claim.longest !== undefined) expect(category.figures).toContain(claim.longest);
    }
    expect(reads.size).toBe(places.length);
    expect(JSON.stringify(safe.categories)).toBe(JSON.stringify(result.categories));
  });
});
