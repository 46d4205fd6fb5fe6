import type { ClaimResult, Finding, Suppression } from '../types.js';

/**
 * A violated or unverified claim whose deciding findings were all suppressed keeps its verdict
 * (the promise is still not kept) and carries their suppressions, so every report can say who
 * accepted it and why. The deciding findings are the claim's findings at the places its verdict
 * cites as evidence (run-rules.ts puts each deciding report's position there); advice about the
 * claim elsewhere (a backup that outlives it) does not decide it. One deciding finding still
 * counting leaves the claim unmarked.
 */
export function markSuppressedClaims(claims: ClaimResult[], active: Finding[], suppressed: Finding[]): ClaimResult[] {
  return claims.map((claim) => {
    if (claim.verdict !== 'violated' && claim.verdict !== 'unverified') return claim;
    const cited = new Set(claim.evidence.map((e) => `${e.file}:${e.line}:${e.column}`));
    const deciding = (f: Finding): boolean => f.claim === claim.claim && cited.has(`${f.file}:${f.line}:${f.column}`);
    const accepted = suppressed.filter(deciding);
    if (accepted.length === 0 || active.some(deciding)) return claim;
    const seen = new Set<string>();
    const suppressions: Suppression[] = [];
    for (const s of accepted.flatMap((f) => f.suppressions ?? [])) {
      const key = `${s.kind}\0${s.justification}\0${s.at.file}:${s.at.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      suppressions.push(s);
    }
    return { ...claim, suppressions };
  });
}
