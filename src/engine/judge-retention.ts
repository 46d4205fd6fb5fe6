import { capitalise } from './sentence-case.js';
import { describeDuration } from '../config/duration.js';
import type { ClaimName, DeclaredClaim, Duration } from '../config/types.js';
import type { EditProposal } from '../inventory/edit.js';
import type { Evidence, SourcePosition } from '../inventory/evidence.js';
import type { TimeBound, TimeFigure } from '../inventory/retention.js';
import type { RuleContext } from './types.js';

export interface RetentionItem {
  /** What is kept and where, e.g. "one-to-one archive of example.org". */
  label: string;
  /** How long it is kept; for `measure: 'interval'`, how often it runs. */
  retention: TimeFigure;
  /** Extra evidence, e.g. where the module is enabled. */
  evidence?: Evidence[];
  /**
   * Set when it is not known whether the data is kept at all (a module list with values known
   * only at runtime): a figure beyond the claim then cannot be told, rather than broken.
   */
  uncertain?: string;
}

/** What the figures measure: how long data is kept, or how often something runs. */
export type Measure = 'retention' | 'interval';

/**
 * The one place where a retention or interval figure becomes a verdict, for every software
 * alike (POLICY.md "Verdicts"):
 * - a figure that cannot be told: unverified, with the reason;
 * - no time bound (deletion depends on traffic): violated, with the change that adds one;
 * - a nominal figure beyond the claim: violated;
 * - a nominal figure within it whose worst case exceeds it: verified with a warning that shows
 *   how the worst case arises and which value guarantees the claim (violated under strictRetention);
 * - a nominal figure within it whose worst case cannot be told: verified with a warning that
 *   says what could not be told (unverified under strictRetention);
 * - otherwise verified.
 */
export function judgeRetention(ctx: RuleContext, claimName: ClaimName, items: RetentionItem[], measure: Measure = 'retention'): void {
  const claim = ctx.claim<Duration>(claimName);
  if (!claim) return;
  const words = measure === 'interval' ? INTERVAL_WORDS : RETENTION_WORDS;
  for (const item of items) judgeItem(ctx, claim, item, words);
}

function judgeItem(ctx: RuleContext, claim: DeclaredClaim<Duration>, item: RetentionItem, words: Words): void {
  const { label, retention, evidence = [], uncertain } = item;
  const name = claim.name;
  const limit = claim.value.seconds;
  const at: SourcePosition = retention.evidence[0] ?? evidence[0] ?? claim.position;
  const more = [...retention.evidence.slice(1), ...evidence];
  const subject = capitalise(label);
  if (retention.bound === 'unknown') {
    ctx.cannotTell(name, { message: `${subject}: ${words.cannotTell}: ${retention.reason}`, at, evidence: more, observed: 'unknown' });
    return;
  }
  const nominal = retention.bound === 'traffic' ? Infinity : retention.nominal;
  const observed = observedText(retention);
  if (nominal > limit) {
    const message = retention.bound === 'traffic'
      ? `${subject}: ${words.noTimeBound(retention.reason)}, so it is not bounded by the declared ${claim.text}`
      : `${subject}: ${retention.description}, ${words.beyond(claim.text)}`;
    if (uncertain) {
      ctx.cannotTell(name, { message: `${message} — if it is kept at all: ${uncertain}`, at, evidence: more, observed: `${observed} if enabled` });
      return;
    }
    ctx.breaks(name, { message, at, evidence: more, observed, ...suggestionFor(retention, limit) });
    return;
  }
  // A figure without a time bound is within only a `forever` claim, which nothing can exceed.
  if (retention.bound === 'traffic') {
    ctx.honours(name, [...retention.evidence, ...evidence], observed);
    return;
  }
  const bounded = retention;
  const worst = bounded.worstCase;
  if (worst.kind === 'longer' && worst.seconds > limit) {
    const report = {
      message: `${subject}: ${bounded.description} is within the declared ${claim.text}, but ${words.worstCase(describeDuration(worst.seconds))}: ${worst.reason}`,
      at,
      evidence: more,
      observed: `${observed}, worst case ${describeDuration(worst.seconds)}`,
      ...suggestionFor(bounded, limit),
    };
    if (uncertain) ctx.cannotTell(name, { ...report, message: `${report.message} — if it is kept at all: ${uncertain}` });
    else ctx.exceedsInWorstCase(name, report);
    return;
  }
  if (worst.kind === 'unknown') {
    ctx.worstCaseUnknown(name, {
      message: `${subject}: ${bounded.description} is within the declared ${claim.text}, but ${words.worstUnknown}: ${worst.reason}`,
      at,
      evidence: more,
      observed: `${observed}, worst case unknown`,
    });
    return;
  }
  ctx.honours(name, [...bounded.evidence, ...evidence], observed);
}

interface Words {
  cannotTell: string;
  noTimeBound(reason: string): string;
  beyond(declared: string): string;
  worstCase(figure: string): string;
  worstUnknown: string;
}

const RETENTION_WORDS: Words = {
  cannotTell: 'cannot tell how long data is kept',
  noTimeBound: (reason) => `deletion depends on traffic, not time (${reason}): data can be kept without limit`,
  beyond: (declared) => `longer than the declared ${declared}`,
  worstCase: (figure) => `in the worst case data lives ${figure}`,
  worstUnknown: 'how much longer data can live cannot be told',
};

const INTERVAL_WORDS: Words = {
  cannotTell: 'cannot tell how often it runs',
  noTimeBound: (reason) => `it runs only when something else happens (${reason}), not on a schedule`,
  beyond: (declared) => `less often than the declared every ${declared}`,
  worstCase: (figure) => `two runs can be ${figure} apart`,
  worstUnknown: 'how far apart two runs can be cannot be told',
};

/** "1w (default of mod_mam, Prosody 0.12)" style text for the claim table. */
export function observedText(retention: TimeBound | Extract<TimeFigure, { bound: 'traffic' }>): string {
  // The figure is a default only when what states it is: the first piece of evidence. A default
  // further down (an assumed logrotate.timer) shapes only the worst case.
  const origin = retention.evidence[0]?.default;
  const figure = retention.bound === 'traffic' ? 'no time bound' : describeDuration(retention.nominal);
  return origin ? `${figure} (default, ${origin.software} ${origin.release} ${origin.source})` : figure;
}

/** Fills the figure's fix template with a value whose worst case still honours the limit. */
function suggestionFor(retention: TimeFigure, limit: number): { suggestion?: string; edit?: EditProposal } {
  const template = retention.fixTemplate;
  if (!template) return {};
  const measured = retention.bound === 'time' && retention.worstCase.kind === 'longer' && Number.isFinite(retention.worstCase.seconds)
    ? retention.worstCase.seconds - retention.nominal
    : 0;
  const slack = retention.cleanupLag ?? measured;
  const target = Math.max(0, limit - slack);
  const days = Math.floor(target / 86400);
  let fill: (text: string) => string;
  if (template.includes('{{count}}')) {
    const count = retention.fixUnit ? Math.floor(target / retention.fixUnit) : 0;
    if (count < 1) return retention.fixFallback === undefined ? {} : { suggestion: retention.fixFallback.replaceAll('{{days}}', String(Math.max(days, 1))) };
    fill = (text) => text.replaceAll('{{count}}', String(count));
  } else if (template.includes('{{days}}') && days >= 1) fill = (text) => text.replaceAll('{{days}}', String(days));
  else if (template.includes('{{seconds}}')) fill = (text) => text.replaceAll('{{seconds}}', String(Math.floor(target)));
  // Below a day and only days to say it in: the smallest figure, which the claim may still not
  // allow, so it is advice, never an edit that --fix would apply.
  else return { suggestion: template.replaceAll('{{days}}', String(Math.max(days, 1))) };
  const edit = retention.fixEdit;
  return { suggestion: fill(template), ...(edit ? { edit: { ...edit, text: fill(edit.text) } } : {}) };
}
