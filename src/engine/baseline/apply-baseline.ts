import path from 'node:path';
import type { SourceTexts } from '../source-texts.js';
import type { Finding } from '../types.js';
import { entryOf, identity } from './baseline-entry.js';
import type { LoadedBaseline } from './baseline-file.js';
import { groupInto } from '../../arrays/group-into.js';

/** Id of the findings for entries that match nothing (rules/stale-baseline-entry.ts). */
export const STALE_BASELINE_RULE = 'stale-baseline-entry';

export interface BaselineRun {
  /** The findings that are new since the baseline, plus one per stale entry. */
  findings: Finding[];
  suppressed: Finding[];
}

/**
 * Suppresses the findings the baseline records. Entries are counted, not just looked up: two
 * hosts with the same problem on identical lines are two entries, and a third becomes new.
 * Entries left over match no finding any more (the problem was fixed, or its line changed) and
 * are reported as stale, at their place in the baseline file, with `staleSeverity`.
 */
export function applyBaseline(findings: Finding[], baseline: LoadedBaseline, root: string, texts: SourceTexts, staleSeverity: Finding['severity'] | 'off'): BaselineRun {
  const open = new Map<string, LoadedBaseline['entries']>();
  for (const item of baseline.entries) {
    const id = identity(item.entry);
    groupInto(open, id, item);
  }
  const active: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const candidates = open.get(identity(entryOf(finding, root, texts)));
    const match = candidates?.shift();
    if (match === undefined) {
      active.push(finding);
      continue;
    }
    const justification = `accepted in the baseline ${path.basename(baseline.file)}`;
    suppressed.push({ ...finding, suppressions: [...(finding.suppressions ?? []), { kind: 'external', justification, at: match.at }] });
  }
  if (staleSeverity !== 'off') {
    for (const item of [...open.values()].flat()) {
      active.push({
        ruleId: STALE_BASELINE_RULE,
        severity: staleSeverity,
        message: `Baseline entry for ${item.entry.ruleId} in ${item.entry.file || '(no file)'} ("${item.entry.key}") matches no finding any more: the problem was fixed or its line changed. Run with --update-baseline to drop it`,
        file: baseline.file,
        line: item.at.line,
        column: item.at.column,
      });
    }
  }
  return { findings: active, suppressed };
}
