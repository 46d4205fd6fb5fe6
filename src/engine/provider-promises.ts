import { PROVIDER_STORAGE_FIELDS, promisedDays } from '../config/provider-file.js';
import type { ResolvedConfig } from '../config/types.js';
import type { ClaimResult, Finding } from './types.js';

/** The id of the findings below (documented by rules/provider-file-promise.ts). */
export const PROVIDER_FILE_PROMISE_RULE = 'provider-file-promise';

/**
 * A provider file's storage field is what clients show users; when the configs keep data longer,
 * the place to fix is that field as much as the config. Each violated storage claim of a provider
 * file gets an error at the field's line, beside the rule's findings at the config's lines.
 */
export function providerPromiseFindings(claims: ClaimResult[], config: ResolvedConfig): Finding[] {
  const file = config.providerFile;
  if (file === undefined) return [];
  const severity = config.ruleSeverities.get(PROVIDER_FILE_PROMISE_RULE) ?? 'error';
  if (severity === 'off') return [];
  const findings: Finding[] = [];
  for (const result of claims) {
    const field = PROVIDER_STORAGE_FIELDS.find((f) => f.claim === result.claim);
    if (!field || result.verdict !== 'violated' || result.declaredAt.file !== file) continue;
    findings.push({
      ruleId: PROVIDER_FILE_PROMISE_RULE,
      claim: result.claim,
      severity,
      message: `${field.field} promises ${promisedDays(result.declared)} while ${field.keeps} ${result.observed}`,
      file,
      line: result.declaredAt.line,
      column: result.declaredAt.column,
      ...(result.evidence.length > 0 && { evidence: result.evidence }),
    });
  }
  return findings;
}
