import { describeDuration } from '../config/duration.js';
import type { CategoryClaim, CategoryFigure, DataCategory } from '../engine/categories.js';
import { distinctEvidence } from '../inventory/distinct-evidence.js';
import type { Evidence } from '../inventory/evidence.js';
import type { Seconds, WorstCase } from '../inventory/retention.js';
import type { JsonCategory, JsonCategoryClaim, JsonCategoryFigure, JsonEvidence, JsonSpan } from './json-report.js';

type Show = (file: string) => string;
type EvidenceList = (evidence: Evidence[], show: Show) => JsonEvidence[];

/**
 * The `categories` key of the JSON report (additive to version 1, see docs/json-report.md): per
 * data category and duration claim, the place that keeps longest with its nominal and worst-case
 * figures and evidence, how many places there are, and the declared limit. One entry per claim,
 * not per host, so a report of 10,000 hosts stays small.
 */
export function categoriesJson(categories: DataCategory[], show: Show, evidenceList: EvidenceList): JsonCategory[] {
  return categories.map((c) => ({ category: c.category, claims: c.claims.map((claim) => claimJson(claim, show, evidenceList)) }));
}

function claimJson(c: CategoryClaim, show: Show, evidenceList: EvidenceList): JsonCategoryClaim {
  return {
    claim: c.claim,
    measure: c.measure,
    places: c.places,
    ...(c.declared !== undefined && {
      declared: { ...span(c.declared.seconds), text: c.declared.text, file: show(c.declared.at.file), line: c.declared.at.line, column: c.declared.at.column },
    }),
    ...(c.longest !== undefined && { longest: figureJson(c.longest, show, evidenceList) }),
  };
}

function figureJson(place: CategoryFigure, show: Show, evidenceList: EvidenceList): JsonCategoryFigure {
  const { figure } = place;
  const figures =
    figure.bound === 'time'
      ? { nominal: span(figure.nominal), worstCase: worstJson(figure.worstCase, figure.nominal) }
      : { reason: figure.reason };
  return {
    label: place.label,
    subject: { software: place.subject.software, kind: place.subject.kind, name: place.subject.name },
    bound: figure.bound,
    description: figure.description,
    ...figures,
    ...(place.uncertain !== undefined && { uncertain: place.uncertain }),
    evidence: evidenceList(distinctEvidence([...figure.evidence, ...place.evidence]), show),
  };
}

/** Seconds and their spelling; JSON has no Infinity, so `forever` is `seconds: null, forever: true`. */
function span(seconds: Seconds): JsonSpan {
  if (Number.isFinite(seconds)) return { seconds, text: describeDuration(seconds) };
  return { seconds: null, text: describeDuration(seconds), forever: true };
}

function worstJson(worst: WorstCase, nominal: Seconds): NonNullable<JsonCategoryFigure['worstCase']> {
  if (worst.kind === 'unknown') return { seconds: null, text: 'unknown', unknown: true, reason: worst.reason };
  if (worst.kind === 'longer') return { ...span(worst.seconds), reason: worst.reason };
  return span(nominal);
}
