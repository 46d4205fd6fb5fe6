import type { Evidence } from '../inventory/evidence.js';

/** Why a practice may or may not exist, from the evidence that says so (e.g. an unknown module list). */
export function uncertainty(evidence: Evidence[]): string {
  const note = evidence[0]?.note;
  return note ? note : 'whether it is enabled depends on values known only at runtime';
}
