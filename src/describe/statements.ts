import { dataCategories, type CategoryFigure, type CategoryName } from '../engine/categories.js';
import type { ResolvedConfig } from '../config/types.js';
import { distinctEvidence } from '../inventory/distinct-evidence.js';
import type { Evidence, Tri } from '../inventory/evidence.js';
import { practicesOf, type Inventory, type SourceKind } from '../inventory/inventory.js';
import type { TimeFigure } from '../inventory/retention.js';

/**
 * What `describe` says about a server, before it is put into words: one statement per fact the
 * inventory establishes, each with its evidence. The phrase tables (phrases-en.ts, phrases-de.ts)
 * turn every kind into a sentence; TypeScript makes each table cover every kind.
 */
export type Statement =
  | { kind: 'passwords'; where?: string; hashed: Tri }
  | { kind: 'inactive-accounts'; where?: string; figure: TimeFigure }
  | { kind: 'ip-record'; which: 'all' | 'failed-logins' | 'registrations' | 'some'; medium: 'log' | 'storage' | 'message'; place: string; uncertain: boolean; figure: TimeFigure }
  | { kind: 'no-ip-records' }
  | { kind: 'login-times'; where?: string; uncertain: boolean }
  | { kind: 'no-login-times' }
  | { kind: 'archive'; scope: 'one-to-one' | 'groupchat'; where?: string; policy: 'always' | 'roster' | 'never' | 'unknown'; uncertain: boolean; figure: TimeFigure }
  | { kind: 'no-archive'; scope: 'one-to-one' | 'groupchat' }
  | { kind: 'offline'; where?: string; uncertain: boolean; figure: TimeFigure }
  | { kind: 'no-offline' }
  | { kind: 'uploads'; where?: string; uncertain: boolean; figure: TimeFigure }
  | { kind: 'no-uploads' }
  | { kind: 'log'; place: string; content: Tri; figure: TimeFigure }
  | { kind: 'no-logs' }
  | { kind: 'backup'; tool: string; encrypted: Tri; retention: TimeFigure; interval: TimeFigure }
  | { kind: 'no-backups' }
  | { kind: 'push'; where?: string; body: Tri; sender: Tri }
  | { kind: 'no-push' }
  | { kind: 'transport'; channel: 'c2s' | 's2s'; where?: string; required: Tri }
  | { kind: 'nothing-read'; category: CategoryName };

export interface Said {
  statement: Statement;
  /** The lines that show it: the footnote. */
  evidence: Evidence[];
  /** For what is absent: the files read, none of which sets it up (the footnote lists them). */
  filesRead?: string[];
  /** For what was not found: where the tool looked. */
  lookedFor?: string[];
}

export interface Section {
  category: CategoryName;
  said: Said[];
}

/**
 * The sections in the order of CATEGORY_NAMES (the seeds' order), each with what can be said.
 * That something is absent ("no archive") is said only when the XMPP server's configuration was
 * read: without it, what was found is said, and the rest is to be completed.
 */
export function statementsOf(inventory: Inventory, config: ResolvedConfig): Section[] {
  const server = inventory.sources.some((s) => SERVER_KINDS.includes(s.kind) && (s.status === 'ok' || s.status === 'error'));
  const looked = inventory.searches.filter((s) => SERVER_KINDS.includes(s.kind)).flatMap((s) => s.paths);
  return dataCategories(inventory, config).map(({ category, figures }) => {
    const said = sectionOf(category, inventory, figures);
    if (server || category === 'backups') return { category, said };
    const found = said.filter((s) => !s.statement.kind.startsWith('no-'));
    return { category, said: [...found, { statement: { kind: 'nothing-read', category }, evidence: [], lookedFor: looked }] };
  });
}

const SERVER_KINDS: readonly SourceKind[] = ['prosody', 'ejabberd'];

function sectionOf(category: CategoryName, inventory: Inventory, figures: CategoryFigure[]): Said[] {
  const absent = absence(inventory);
  switch (category) {
    case 'accounts': {
      const passwords = practicesOf(inventory, 'password-storage');
      const several = hostsIn(passwords.map((p) => p.subject.name));
      return [
        ...passwords.map((p): Said => ({ statement: { kind: 'passwords', ...where(several, p.subject.name), hashed: p.hashed }, evidence: p.evidence })),
        ...placesOf(figures).map(({ f, named }): Said => ({ statement: { kind: 'inactive-accounts', ...where(named, f.subject.name), figure: f.figure }, evidence: figureEvidence(f) })),
      ];
    }
    case 'ipAddresses': {
      if (figures.length === 0) return [{ statement: { kind: 'no-ip-records' }, evidence: [], filesRead: absent }];
      return figures.map((f) => {
        const record = practicesOf(inventory, 'ip-address').find((r) => r.evidence === f.evidence);
        const statement: Statement = {
          kind: 'ip-record',
          which: record?.which ?? 'some',
          medium: record?.medium ?? 'log',
          place: record?.medium === 'log' ? record.destination ?? f.subject.name : f.subject.name,
          uncertain: record?.certainty === 'unknown',
          figure: f.figure,
        };
        return { statement, evidence: figureEvidence(f) };
      });
    }
    case 'loginTimes': {
      const records = practicesOf(inventory, 'login-time').filter((p) => p.certainty !== false);
      if (records.length === 0) return [{ statement: { kind: 'no-login-times' }, evidence: [], filesRead: absent }];
      const named = hostsIn(records.map((p) => p.subject.name));
      return records.map((p) => ({ statement: { kind: 'login-times', ...where(named, p.subject.name), uncertain: p.certainty === 'unknown' }, evidence: p.evidence }));
    }
    case 'messageArchive': {
      const archives = practicesOf(inventory, 'message-archive');
      const said: Said[] = [];
      for (const scope of ['one-to-one', 'groupchat'] as const) {
        const ofScope = figures.filter((f) => (f.claim === 'messageArchive.retention') === (scope === 'one-to-one'));
        const named = hostsIn(ofScope.map((f) => f.subject.name));
        for (const f of ofScope) {
          const archive = archives.find((a) => a.evidence === f.evidence);
          const policy = archive?.defaultPolicy ?? 'unknown';
          const statement: Statement = { kind: 'archive', scope, ...where(named, f.subject.name), policy, uncertain: f.uncertain !== undefined, figure: f.figure };
          said.push({ statement, evidence: [...figureEvidence(f), ...(archive?.defaultPolicyEvidence ?? [])] });
        }
        if (ofScope.length === 0) {
          const off = archives.filter((a) => a.scope === scope).flatMap((a) => a.evidence);
          said.push({ statement: { kind: 'no-archive', scope }, evidence: off, ...(off.length === 0 && { filesRead: absent }) });
        }
      }
      return said;
    }
    case 'offlineMessages': {
      if (figures.length === 0) return [{ statement: { kind: 'no-offline' }, evidence: practicesOf(inventory, 'offline-messages').flatMap((p) => p.evidence) }];
      return placesOf(figures).map(({ f, named }) => ({
        statement: { kind: 'offline', ...where(named, f.subject.name), uncertain: f.uncertain !== undefined, figure: f.figure },
        evidence: figureEvidence(f),
      }));
    }
    case 'fileUploads': {
      if (figures.length === 0) return [{ statement: { kind: 'no-uploads' }, evidence: [], filesRead: absent }];
      return placesOf(figures).map(({ f, named }) => ({
        statement: { kind: 'uploads', ...where(named, f.subject.name), uncertain: f.uncertain !== undefined, figure: f.figure },
        evidence: figureEvidence(f),
      }));
    }
    case 'logs': {
      if (figures.length === 0) return [{ statement: { kind: 'no-logs' }, evidence: [], filesRead: absent }];
      const sinks = practicesOf(inventory, 'log-sink');
      return figures.map((f) => {
        const sink = sinks.find((p) => p.evidence === f.evidence);
        return { statement: { kind: 'log', place: f.subject.name, content: sink?.carriesMessageContent ?? 'unknown', figure: f.figure }, evidence: figureEvidence(f) };
      });
    }
    case 'backups': {
      const backups = practicesOf(inventory, 'backup');
      if (backups.length === 0) {
        const looked = inventory.searches.filter((s) => s.kind === 'backup').flatMap((s) => s.paths);
        return [{ statement: { kind: 'no-backups' }, evidence: [], lookedFor: looked }];
      }
      return backups.map((b) => ({
        statement: { kind: 'backup', tool: b.tool, encrypted: b.encrypted, retention: b.retention, interval: b.interval },
        evidence: distinctEvidence([...b.retention.evidence, ...b.interval.evidence, ...b.evidence]),
      }));
    }
    case 'push': {
      const push = practicesOf(inventory, 'push-notifications').filter((p) => p.enabled !== false);
      if (push.length === 0) return [{ statement: { kind: 'no-push' }, evidence: [], filesRead: absent }];
      const named = hostsIn(push.map((p) => p.subject.name));
      return push.map((p) => ({
        statement: { kind: 'push', ...where(named, p.subject.name), body: p.includesBody, sender: p.includesSender },
        evidence: distinctEvidence([...p.evidence, ...p.bodyEvidence, ...p.senderEvidence]),
      }));
    }
    case 'transport': {
      const channels = practicesOf(inventory, 'transport');
      // A host is named only when its channel is described for several.
      const named = (channel: string): boolean => hostsIn(channels.filter((p) => p.channel === channel).map((p) => p.subject.name));
      return channels.map((p) => ({ statement: { kind: 'transport', channel: p.channel, ...where(named(p.channel), p.subject.name), required: p.encryptionRequired }, evidence: p.evidence }));
    }
  }
}

/** Names a host only when the statement is made for several. */
function where(named: boolean, name: string): { where?: string } {
  return named ? { where: name } : {};
}

function hostsIn(names: string[]): boolean {
  return new Set(names).size > 1;
}

function placesOf(figures: CategoryFigure[]): { f: CategoryFigure; named: boolean }[] {
  const named = hostsIn(figures.map((f) => f.subject.name));
  return figures.map((f) => ({ f, named }));
}

/** Where the figure is stated first, then where the practice is established. */
function figureEvidence(f: CategoryFigure): Evidence[] {
  return distinctEvidence([...f.figure.evidence, ...f.evidence]);
}

/** Something absent is shown by the files read, none of which sets it up. */
function absence(inventory: Inventory): string[] {
  return inventory.sources.filter((s) => s.status !== 'missing').map((s) => s.file);
}
