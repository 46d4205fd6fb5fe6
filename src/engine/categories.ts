import type { ClaimName, Duration, ResolvedConfig } from '../config/types.js';
import type { Evidence, SourcePosition } from '../inventory/evidence.js';
import { practicesOf, type Inventory } from '../inventory/inventory.js';
import type { PracticeSubject } from '../inventory/practice.js';
import { longestOf, unknownFigure, type TimeFigure } from '../inventory/retention.js';
import type { RetentionItem } from './judge-retention.js';
import { uncertainty } from './uncertainty.js';

/**
 * The data categories a privacy policy talks about, in the order the policies in the wild
 * (shared/seeds) list them: account data and passwords, IP addresses, login times, the message
 * archive (one-to-one and group chats), offline messages, uploaded files, server logs, backups,
 * push notifications, transport encryption.
 */
export const CATEGORY_NAMES = [
  'accounts',
  'ipAddresses',
  'loginTimes',
  'messageArchive',
  'offlineMessages',
  'fileUploads',
  'logs',
  'backups',
  'push',
  'transport',
] as const;
export type CategoryName = (typeof CATEGORY_NAMES)[number];

/** One figure of a category: how long one place keeps the data, or how often a job runs. */
export interface CategoryFigure {
  /** The claim that judges this figure (its declared limit, when any, is in `DataCategory.claims`). */
  claim: ClaimName;
  /** What is kept and where, e.g. "message archive of example.org". */
  label: string;
  subject: PracticeSubject;
  /** `retention`: how long data is kept; `interval`: how often something runs (backups). */
  measure: 'retention' | 'interval';
  figure: TimeFigure;
  /** Where the practice itself is established (the module that archives, the line that logs). */
  evidence: Evidence[];
  /** Set when whether the data is kept at all depends on values known only at run time: why. */
  uncertain?: string;
}

/** A duration the declared policy promises for a claim. */
export interface DeclaredLimit {
  /** As written in the policy ("21d"). */
  text: string;
  /** `Infinity` for `forever`, 0 for `none`. */
  seconds: number;
  at: SourcePosition;
}

/** One duration claim of a category: the place that keeps longest, and what the policy declares. */
export interface CategoryClaim {
  claim: ClaimName;
  measure: 'retention' | 'interval';
  /** How many places the claim covers (hosts, log files, backups). */
  places: number;
  /**
   * The place that keeps longest (retention.ts longestOf: a figure that cannot be told first,
   * then one without a time bound, then the longest worst case); absent when no place keeps it.
   */
  longest?: CategoryFigure;
  /** Absent when the policy does not declare the claim. */
  declared?: DeclaredLimit;
}

export interface DataCategory {
  category: CategoryName;
  /** Every place the data is kept: empty when the category has no time figure (push, transport) or nothing keeps it. */
  figures: CategoryFigure[];
  /** Per duration claim of the category, in a fixed order. */
  claims: CategoryClaim[];
}

/**
 * Every data category with its figures from the inventory, never from the declared policy (which
 * only adds `declared`): what the server really keeps, for the JSON report, `describe` and the
 * HTML report. The places are those the retention rules judge, with the same labels.
 */
export function dataCategories(inventory: Inventory, config: ResolvedConfig): DataCategory[] {
  return CATEGORY_NAMES.map((category) => {
    const figures = figuresOf(category, inventory);
    const claims = CATEGORY_CLAIMS[category].map((name): CategoryClaim => {
      const covered = figures.filter((f) => f.claim === name);
      const longest = longestOf(covered.map((f) => f.figure));
      const place = covered.find((f) => f.figure === longest);
      const declared = declaredLimit(config, name);
      return {
        claim: name,
        measure: name === 'backups.interval' ? 'interval' : 'retention',
        places: covered.length,
        ...(place !== undefined && { longest: place }),
        ...(declared !== undefined && { declared }),
      };
    });
    return { category, figures, claims };
  });
}

function declaredLimit(config: ResolvedConfig, name: ClaimName): DeclaredLimit | undefined {
  const declared = config.claims.get(name);
  if (declared === undefined || typeof declared.value !== 'object') return undefined;
  const value: Duration = declared.value;
  return { text: declared.text, seconds: value.seconds, at: declared.position };
}

/**
 * The places a duration claim covers, as judgeRetention takes them: the retention rules judge
 * exactly the places the categories report.
 */
export function retentionItems(inventory: Inventory, claim: ClaimName): RetentionItem[] {
  const category = CATEGORY_NAMES.find((c) => CATEGORY_CLAIMS[c].includes(claim));
  if (category === undefined) return [];
  return figuresOf(category, inventory)
    .filter((f) => f.claim === claim)
    .map((f) => ({ label: f.label, retention: f.figure, evidence: f.evidence, ...(f.uncertain !== undefined && { uncertain: f.uncertain }) }));
}

const CATEGORY_CLAIMS: Readonly<Record<CategoryName, readonly ClaimName[]>> = {
  accounts: ['inactiveAccounts.deleteAfter'],
  ipAddresses: ['ipAddresses.retention'],
  loginTimes: [],
  messageArchive: ['messageArchive.retention', 'groupchatArchive.retention'],
  offlineMessages: ['offlineMessages.retention'],
  fileUploads: ['fileUploads.retention'],
  logs: ['serverLogs.retention'],
  backups: ['backups.retention', 'backups.interval'],
  push: [],
  transport: [],
};

function figuresOf(category: CategoryName, inventory: Inventory): CategoryFigure[] {
  switch (category) {
    case 'accounts':
      return practicesOf(inventory, 'inactive-accounts').map((p) =>
        figure('inactiveAccounts.deleteAfter', `accounts of ${p.subject.name}`, p.subject, p.retention, p.evidence));
    case 'ipAddresses':
      return ipRecords(inventory);
    case 'messageArchive':
      return practicesOf(inventory, 'message-archive')
        .filter((p) => p.enabled !== false)
        .map((p) => {
          const one = p.scope === 'one-to-one';
          const label = one ? `message archive of ${p.subject.name}` : `${p.subject.kind === 'room-log' ? 'room logs' : 'group chat archive'} of ${p.subject.name}`;
          return figure(one ? 'messageArchive.retention' : 'groupchatArchive.retention', label, p.subject, p.retention, p.evidence, p.enabled === 'unknown');
        });
    case 'offlineMessages':
      return practicesOf(inventory, 'offline-messages')
        .filter((p) => p.enabled !== false)
        .map((p) => figure('offlineMessages.retention', `offline messages of ${p.subject.name}`, p.subject, p.retention, p.evidence, p.enabled === 'unknown'));
    case 'fileUploads':
      return practicesOf(inventory, 'file-upload')
        .filter((p) => p.enabled !== false)
        .map((p) => figure('fileUploads.retention', `uploads of ${p.subject.name}`, p.subject, p.retention, p.evidence, p.enabled === 'unknown'));
    case 'logs':
      return practicesOf(inventory, 'log-sink').map((s) =>
        figure(
          'serverLogs.retention',
          s.destination === 'unknown' ? `a log of ${s.subject.software}` : `the ${s.subject.software} log ${s.destination}`,
          s.subject,
          // Every sink with a destination gets its retention from the join (join-log-retention.ts).
          s.retention ?? unknownFigure(s.description, s.description, { evidence: s.evidence }),
          s.evidence,
        ));
    case 'backups':
      // Backups that are never scheduled were already taken out of the inventory (read-sources.ts).
      return practicesOf(inventory, 'backup').flatMap((b) => {
        const label = `${b.tool} backup ${b.subject.name}`;
        return [
          figure('backups.retention', label, b.subject, b.retention, b.evidence),
          { ...figure('backups.interval', label, b.subject, b.interval, b.evidence), measure: 'interval' as const },
        ];
      });
    case 'loginTimes':
    case 'push':
    case 'transport':
      return [];
  }
}

/** Every place that keeps IP addresses, one per log file (several IP-bearing lines share its rotation). */
function ipRecords(inventory: Inventory): CategoryFigure[] {
  const seenLogs = new Set<string>();
  const figures: CategoryFigure[] = [];
  for (const r of practicesOf(inventory, 'ip-address')) {
    if (r.certainty === false) continue;
    if (r.medium === 'log' && r.destination !== undefined) {
      if (seenLogs.has(r.destination)) continue;
      seenLogs.add(r.destination);
    }
    const label = r.medium === 'log' ? `IP addresses in ${r.destination ?? 'a log'}` : `IP addresses stored for ${r.subject.name}`;
    // Log records get their retention from the join; only records kept outside what is read arrive without one.
    const retention = r.retention ?? unknownFigure("the records are kept outside what privacy-lint reads (admins' clients and archives)", r.description, { evidence: r.evidence });
    figures.push(figure('ipAddresses.retention', label, r.subject, retention, r.evidence));
  }
  return figures;
}

function figure(claim: ClaimName, label: string, subject: PracticeSubject, retention: TimeFigure, evidence: Evidence[], uncertain = false): CategoryFigure {
  return {
    claim,
    label,
    subject,
    measure: 'retention',
    figure: retention,
    evidence,
    ...(uncertain && { uncertain: uncertainty(evidence) }),
  };
}
