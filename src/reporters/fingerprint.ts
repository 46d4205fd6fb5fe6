import { createHash } from 'node:crypto';
import type { Finding } from '../engine/types.js';

/**
 * Fingerprints that identify a finding across runs (SARIF partialFingerprints, GitLab Code
 * Quality): a hash of the rule, the claim, the file as the report names it, and the message with
 * its line and column numbers taken out, so inserting lines above a problem keeps its identity.
 * Findings that would share one (the same problem twice in a file) are numbered in report order,
 * since GitLab shows only the first issue of each fingerprint.
 */
export function fingerprints(findings: Finding[], reportedFile: (f: Finding) => string, stripped: string[] = []): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = [f.ruleId, f.claim ?? '', reportedFile(f), normaliseMessage(f.message, stripped)].join('\u0000');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(n === 0 ? key : `${key}\u0000${n}`).digest('hex');
  });
}

/**
 * A message without what moves when lines move: `file:12:3` and `file:12` references, "line 12",
 * "column 3", and the machine's own directories (`stripped`: --root and the working directory),
 * which differ between a CI runner and a laptop.
 */
export function normaliseMessage(message: string, stripped: string[] = []): string {
  let text = message;
  for (const prefix of stripped) if (prefix.length > 1) text = text.split(prefix).join('');
  return text
    .replace(/(\S):\d+(?:[:-]\d+)*\b/g, '$1')
    .replace(/\b(lines?|columns?|col)\s+\d+(?:\s*[-–]\s*\d+)?/gi, '$1');
}
