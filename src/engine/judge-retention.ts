import { capitalise } from './sentence-case.js';
import { formatDuration } from '../config/duration.js';
import type { ClaimName, Duration } from '../config/types.js';
import type { Evidence, SourcePosition } from '../inventory/evidence.js';
import type { Retention } from '../inventory/practice.js';
import type { RuleContext } from './types.js';

export interface RetentionItem {
  /** What is kept and where, e.g. "one-to-one archive of example.org". */
  label: string;
  retention: Retention;
  /** Extra evidence, e.g. where the module is enabled. */
  evidence?: Evidence[];
  /**
   * Set when it is not known whether the data is kept at all (a module list with values known
   * only at runtime): a figure beyond the claim then cannot be told, rather than broken.
   */
  uncertain?: string;
}

/**
 * Judges retention figures against a declared maximum (POLICY.md "Verdicts"): a nominal figure
 * beyond the claim breaks it; a nominal figure within it whose worst case exceeds it is verified
 * with a warning (a violation under strictRetention); an unknown figure cannot be judged.
 */
export function judgeRetention(ctx: RuleContext, claimName: ClaimName, items: RetentionItem[]): void {
  const claim = ctx.claim<Duration>(claimName);
  if (!claim) return;
  const limit = claim.value.seconds;
  for (const { label, retention, evidence = [], uncertain } of items) {
    const at: SourcePosition = retention.evidence[0] ?? evidence[0] ?? claim.position;
    const more = [...retention.evidence.slice(1), ...evidence];
    if (retention.nominal === undefined) {
      ctx.cannotTell(claimName, {
        message: `${capitalise(label)}: cannot tell how long data is kept: ${retention.unknownReason ?? retention.description}`,
        at,
        evidence: more,
        observed: 'unknown',
      });
      continue;
    }
    const observed = observedText(retention.nominal, retention);
    const beyond = (retention.worstCase ?? retention.nominal) > limit;
    if (uncertain && beyond) {
      ctx.cannotTell(claimName, {
        message: `${capitalise(label)}: ${retention.description}, beyond the declared ${claim.text} — if it is kept at all: ${uncertain}`,
        at,
        evidence: more,
        observed: `${observed} if enabled`,
      });
      continue;
    }
    if (retention.nominal > limit) {
      const report = {
        message: `${capitalise(label)}: ${retention.description}, longer than the declared ${claim.text}`,
        at,
        evidence: more,
        observed,
      };
      const suggestion = fixFor(retention, limit);
      ctx.breaks(claimName, { ...report, suggestion });
    } else if ((retention.worstCase ?? retention.nominal) > limit) {
      const worst = retention.worstCase ?? retention.nominal;
      const suggestion = fixFor(retention, limit);
      const report = {
        message: `${capitalise(label)}: ${retention.description} is within the declared ${claim.text}, but in the worst case data lives ${formatDuration(worst)}: ${retention.worstCaseReason ?? 'cleanup runs late'}`,
        at,
        evidence: more,
        observed: `${observed}, worst case ${formatDuration(worst)}`,
      };
      ctx.exceedsInWorstCase(claimName, { ...report, suggestion });
    } else {
      ctx.honours(claimName, [...retention.evidence, ...evidence], observed);
    }
  }
}

/** "1w (default of mod_mam, Prosody 0.12)" style text for the claim table. */
export function observedText(seconds: number, retention: Retention): string {
  const origin = retention.evidence.find((e) => e.default)?.default;
  const figure = formatDuration(seconds);
  return origin ? `${figure} (default, ${origin.software} ${origin.release} ${origin.source})` : figure;
}

/** Fills the practice's fix template with a figure whose worst case still honours the limit. */
function fixFor(retention: Retention, limit: number): string | undefined {
  const template = retention.fixTemplate;
  if (!template) return undefined;
  const measured = retention.worstCase !== undefined && retention.nominal !== undefined && Number.isFinite(retention.worstCase)
    ? retention.worstCase - retention.nominal
    : 0;
  const slack = retention.cleanupLag ?? measured;
  const target = Math.max(0, limit - slack);
  const days = Math.floor(target / 86400);
  if (template.includes('{{days}}') && days >= 1) return template.replaceAll('{{days}}', String(days));
  if (template.includes('{{seconds}}')) return template.replaceAll('{{seconds}}', String(Math.floor(target)));
  return template.replaceAll('{{days}}', String(Math.max(days, 1)));
}
