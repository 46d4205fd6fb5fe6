import { PROVIDER_STORAGE_FIELDS } from '../config/provider-file.js';
import type { ClaimName } from '../config/types.js';
import type { Inventory } from '../inventory/inventory.js';
import { practicesOf } from '../inventory/inventory.js';
import type { Practice } from '../inventory/practice.js';
import { longestSeconds, type TimeFigure } from '../inventory/retention.js';

/** One storage field for one XMPP domain: the days to publish, or why none can be. */
export type FieldFigure =
  | { field: string; days: number; from: string }
  | { field: string; unknown: string };

export interface DomainStorage {
  domain: string;
  fields: FieldFigure[];
}

const DAY = 86_400;

/**
 * The storage fields a provider file can promise for each XMPP domain: the worst case of what the
 * configs keep (POLICY.md "Verdicts": nominal figure plus cleanup granularity, job gaps and slack),
 * rounded up to whole days, so that the promise holds for every message and file. In the provider
 * file's units: 0 = no limit, -1 = less than a day. A field whose figure cannot be told is not
 * given a number, and one whose service is not running is left out.
 */
export function guaranteedStorage(inventory: Inventory): DomainStorage[] {
  const sources: Record<ClaimName, Practice[]> = {} as Record<ClaimName, Practice[]>;
  sources['messageArchive.retention'] = practicesOf(inventory, 'message-archive').filter((p) => p.scope === 'one-to-one');
  sources['fileUploads.retention'] = practicesOf(inventory, 'file-upload');
  const all = Object.values(sources).flat();
  const domains = [...new Set(all.filter((p) => p.subject.kind === 'host' && p.subject.name !== '*').map((p) => p.subject.name))].sort();
  return domains.map((domain) => ({
    domain,
    fields: PROVIDER_STORAGE_FIELDS.flatMap(({ field, claim }) => {
      const serving = (sources[claim] ?? []).filter((p) => 'enabled' in p && p.enabled !== false && domainOf(p.subject.name, domains) === domain);
      if (serving.length === 0) return [];
      return [figureFor(field, serving.map((p) => ({ name: p.subject.name, retention: (p as { retention: TimeFigure }).retention })))];
    }),
  }));
}

/** A component (upload.example.org) belongs to the longest host its name ends with; a server-wide practice to every host. */
function domainOf(name: string, domains: string[]): string | undefined {
  if (domains.includes(name)) return name;
  const parents = domains.filter((d) => name.endsWith(`.${d}`)).sort((a, b) => b.length - a.length);
  return parents[0];
}

function figureFor(field: string, figures: { name: string; retention: TimeFigure }[]): FieldFigure {
  let longest = 0;
  let from = '';
  for (const { name, retention } of figures) {
    const seconds = longestSeconds(retention);
    if (seconds === undefined) {
      const reason = retention.bound === 'unknown' ? retention.reason
        : retention.bound === 'time' && retention.worstCase.kind === 'unknown' ? retention.worstCase.reason
        : retention.description;
      return { field, unknown: `${name}: ${reason}` };
    }
    if (seconds >= longest) {
      longest = seconds;
      from = `${name}: ${retention.description}${retention.bound === 'time' && retention.worstCase.kind === 'longer' ? `; ${retention.worstCase.reason}` : ''}`;
    }
  }
  return { field, days: providerDays(longest), from };
}

/** Seconds in the provider file's units: 0 for no limit, -1 for less than a day, else whole days rounded up. */
export function providerDays(seconds: number): number {
  if (seconds === Infinity) return 0;
  if (seconds < DAY) return -1;
  return Math.ceil(seconds / DAY);
}
