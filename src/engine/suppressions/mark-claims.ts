import type { ClaimResult, Finding, Suppression } from '../types.js';

/**
 * A violated or unverified claim all of whose findings were suppressed keeps its verdict (the
 * promise is still not kept) and carries the suppressions, so every report can say who accepted
 * it and why. A claim with one finding still counting is left as it is.
 */
export function markSuppressedClaims(claims: ClaimResult[], active: Finding[], suppressed: Finding[]): ClaimResult[] {
  return claims.map((claim) => {
    if (claim.verdict !== 'violated' && claim.verdict !== 'unverified') return claim;
    const about = (f: Finding): boolean => f.claim === claim.claim;
    const accepted = suppressed.filter(about);
    if (accepted.length === 0 || active.some(about)) return claim;
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
