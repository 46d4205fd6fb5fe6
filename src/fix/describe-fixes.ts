import path from 'node:path';
import { neutraliseLine } from '../reporters/neutralise.js';
import { toolName } from '../reporters/tool-info.js';
import type { Finding } from '../engine/types.js';
import type { FixPlan, writePlan } from './fix-plan.js';

/**
 * What --fix did (or --fix-dry-run would do), one line per edit: applied, or refused and why.
 * Findings without an edit are advice: counted, never changed.
 */
export function describeFixes(plan: FixPlan, written: ReturnType<typeof writePlan> | undefined, root: string): string {
  const where = (f: Finding): string => {
    const file = f.fix?.file ?? f.file;
    const line = f.fix?.range.start.line ?? f.line;
    const column = f.fix?.range.start.column ?? f.column;
    return `${neutraliseLine(path.relative(root, file).split(path.sep).join('/'))}:${line}:${column} (${f.ruleId})`;
  };
  const lines: string[] = [];
  const failed = new Map((written?.refused ?? []).map((r) => [r.file, r.reason]));
  const verb = written === undefined ? 'would apply' : 'applied';
  for (const file of plan.files) {
    const reason = failed.get(file);
    for (const f of file.applied) lines.push(reason === undefined ? `${verb}: ${where(f)}` : `refused: ${where(f)}: the file ${reason}`);
  }
  for (const r of plan.refused) lines.push(`refused: ${where(r.finding)}: ${r.reason}`);
  if (lines.length === 0) lines.push('no edits to apply');
  return lines.map((l) => `${toolName}: ${l}\n`).join('');
}
