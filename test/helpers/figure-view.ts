import type { TimeFigure } from '../../src/inventory/retention.js';

/**
 * A flat view of a retention or interval figure, for assertions: `nominal` (Infinity without a
 * time bound, undefined when it cannot be told), `worstCase` (undefined when it cannot be told),
 * and the reasons. Tests pin figures through it; the verdict each figure gets is tested end to
 * end through the judge.
 */
export interface FigureView {
  bound: TimeFigure['bound'];
  nominal: number | undefined;
  worstCase: number | undefined;
  description: string;
  worstCaseReason: string | undefined;
  /** Why the figure (or, for a known nominal figure, its worst case) cannot be told. */
  unknownReason: string | undefined;
  /** Why there is no time bound. */
  trafficReason: string | undefined;
  fixTemplate?: string;
  cleanupLag?: number;
  evidence: TimeFigure['evidence'];
}

export function view(figure: TimeFigure): FigureView {
  const base = {
    bound: figure.bound,
    description: figure.description,
    evidence: figure.evidence,
    ...(figure.fixTemplate !== undefined ? { fixTemplate: figure.fixTemplate } : {}),
    ...(figure.cleanupLag !== undefined ? { cleanupLag: figure.cleanupLag } : {}),
  };
  if (figure.bound === 'unknown') {
    return { ...base, nominal: undefined, worstCase: undefined, worstCaseReason: undefined, unknownReason: figure.reason, trafficReason: undefined };
  }
  if (figure.bound === 'traffic') {
    return { ...base, nominal: Infinity, worstCase: Infinity, worstCaseReason: undefined, unknownReason: undefined, trafficReason: figure.reason };
  }
  const w = figure.worstCase;
  return {
    ...base,
    nominal: figure.nominal,
    worstCase: w.kind === 'longer' ? w.seconds : w.kind === 'as-nominal' ? figure.nominal : undefined,
    worstCaseReason: w.kind === 'longer' ? w.reason : undefined,
    unknownReason: w.kind === 'unknown' ? w.reason : undefined,
    trafficReason: undefined,
  };
}

/** The age after which Caddy deletes rolled files, as its roller's description states it (seconds). */
export function rolledKeepSeconds(figure: TimeFigure): number | undefined {
  const m = /deletes rolled files after (\d+) days/.exec(figure.description);
  return m ? Number(m[1]) * 86400 : undefined;
}
