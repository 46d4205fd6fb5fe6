import type { Inventory } from '../inventory/inventory.js';
import type { Finding } from './types.js';

/** Host names shown in a merged finding's message; `hosts` lists all of them. */
const NAMED = 3;

/**
 * Identical findings (same rule, severity, claim, place, suggestion and message once the host's
 * name is set aside) are reported once, with the hosts they concern: a global Prosody setting
 * that breaks a claim for 50 VirtualHosts is one finding, not 50. The message names the first
 * hosts ("each of 50 hosts (a.example, b.example, c.example, …)"), `hosts` lists them all.
 * Findings that are the same to the letter are also reported once.
 */
export function mergeHostFindings(findings: Finding[], inventory: Inventory): Finding[] {
  const names = hostNames(inventory);
  const groups = new Map<string, { finding: Finding; shape: string; hosts: Set<string> }>();
  for (const finding of findings) {
    const host = names.size === 0 ? undefined : hostIn(finding.message, names);
    const shape = host === undefined ? finding.message : finding.message.split(host).join('\u0000');
    const key = JSON.stringify([finding.ruleId, finding.severity, finding.claim, finding.file, finding.line, finding.column,
      finding.suggestion, finding.fix ?? finding.edit, shape]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { finding, shape, hosts: new Set(host === undefined ? [] : [host]) });
    else if (host !== undefined) group.hosts.add(host);
  }
  const out: Finding[] = [];
  for (const { finding, shape, hosts } of groups.values()) {
    if (hosts.size < 2) {
      out.push(finding);
      continue;
    }
    const all = [...hosts];
    out.push({ ...finding, message: capitaliseFirst(shape.split('\u0000').join(manyHosts(all))), hosts: all });
  }
  return out;
}

function manyHosts(hosts: string[]): string {
  const shown = hosts.slice(0, NAMED).join(', ');
  return `each of ${hosts.length} hosts (${shown}${hosts.length > NAMED ? ', …' : ''})`;
}

/** A message that began with the host name begins with a capital. */
function capitaliseFirst(message: string): string {
  return message.startsWith('each of ') ? `E${message.slice(1)}` : message;
}

/** Hosts and components of the servers read (not the global section, not files). */
function hostNames(inventory: Inventory): Set<string> {
  const names = new Set<string>();
  for (const p of inventory.practices) {
    if ((p.subject.kind === 'host' || p.subject.kind === 'component') && p.subject.name !== '*') names.add(p.subject.name);
  }
  return names;
}

/** The longest host name the message names as a whole word (not `example.org` inside `a.example.org`). */
function hostIn(message: string, names: Set<string>): string | undefined {
  let best: string | undefined;
  for (const word of message.match(/[A-Za-z0-9_<>-]+(?:\.[A-Za-z0-9_<>-]+)*/g) ?? []) {
    if (names.has(word) && (best === undefined || word.length > best.length)) best = word;
  }
  return best;
}
