import type { Evidence } from '../inventory/evidence.js';
import type { Inventory, SourceKind } from '../inventory/inventory.js';

/**
 * Evidence that something is absent from every configuration read: points at the first line of
 * each file that was read (the place one would add it).
 */
export function absenceEvidence(inventory: Inventory, note: string, kinds?: SourceKind[]): Evidence[] {
  return inventory.sources
    .filter((s) => s.status !== 'missing' && (!kinds || kinds.includes(s.kind)))
    .slice(0, 1)
    .map((s) => ({ file: s.file, line: 1, column: 1, note }));
}

/**
 * Only an XMPP server's own config can show that it runs no group chat or upload service: a tree
 * where only a web server or a backup tool was read says nothing about either, and a claim about
 * them stays unverified (POLICY.md "Verdicts": never a verdict by omission).
 */
export const XMPP_SERVERS: SourceKind[] = ['prosody', 'ejabberd'];
