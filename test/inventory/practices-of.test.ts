import { describe, expect, it } from 'vitest';
import { practicesOf, type Inventory } from '../../src/inventory/inventory.js';
import type { Practice } from '../../src/inventory/practice.js';
import { trafficBound } from '../../src/inventory/retention.js';

function transport(host: string): Practice {
  return {
    kind: 'transport',
    subject: { software: 'prosody', name: host, kind: 'host' },
    channel: 'c2s',
    encryptionRequired: true,
    description: `clients of ${host} must use TLS`,
    evidence: [{ file: '/etc/prosody/prosody.cfg.lua', line: 1, column: 1, note: host }],
  };
}

function offline(host: string): Practice {
  return {
    kind: 'offline-messages',
    subject: { software: 'prosody', name: host, kind: 'host' },
    enabled: true,
    retention: trafficBound('kept until delivered', 'offline messages kept until delivered'),
    evidence: [],
  };
}

describe('practicesOf (the practices of one kind, grouped once per list)', () => {
  it('gives the practices of the kind in inventory order, and sees practices added after an earlier ask', () => {
    const inventory: Inventory = { sources: [], searches: [], diagnostics: [], practices: [transport('a'), offline('a'), transport('b')] };
    expect(practicesOf(inventory, 'transport').map((p) => p.subject.name)).toEqual(['a', 'b']);
    inventory.practices.push(transport('c'));
    expect(practicesOf(inventory, 'transport').map((p) => p.subject.name)).toEqual(['a', 'b', 'c']);
    inventory.practices = inventory.practices.filter((p) => p.subject.name !== 'a');
    expect(practicesOf(inventory, 'transport').map((p) => p.subject.name)).toEqual(['b', 'c']);
    expect(practicesOf(inventory, 'offline-messages')).toEqual([]);
  });

  it('gives each caller its own list, so that one caller changing it changes nothing for the next', () => {
    const inventory: Inventory = { sources: [], searches: [], diagnostics: [], practices: [transport('a'), transport('b')] };
    const first = practicesOf(inventory, 'transport');
    first.length = 0;
    expect(practicesOf(inventory, 'transport')).toHaveLength(2);
  });
});
