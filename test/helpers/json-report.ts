import type { JsonReport } from '../../src/reporters/json-report.js';

export type { JsonClaim, JsonFinding, JsonReport } from '../../src/reporters/json-report.js';

/** A JSON report read back (the CLI's stdout, formatJson's text), typed as json.ts writes it. */
export function parseJsonReport(text: string): JsonReport {
  const report = JSON.parse(text) as Partial<JsonReport> | null;
  // A wrong report must fail here, not as an undefined deep inside an assertion.
  if (report?.version !== 1 || !Array.isArray(report.claims) || !Array.isArray(report.findings)) throw new Error(`not a JSON report: ${text.slice(0, 200)}`);
  return report as JsonReport;
}
