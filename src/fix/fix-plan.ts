import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { readFixBase, replaceFileUnderRoot } from '../files/replace-file.js';
import type { TextEdit } from '../inventory/edit.js';
import type { Finding } from '../engine/types.js';
import { applyEdits } from './apply-edits.js';

/** One file's planned change: its text as read, its hash, and the text with the edits applied. */
export interface FilePlan {
  file: string;
  sha256: string;
  before: string;
  after: string;
  applied: Finding[];
}

/** What `--fix` would do, or did: files changed, and edits it will not make, each with why. */
export interface FixPlan {
  files: FilePlan[];
  refused: { finding: Finding; reason: string }[];
}

/**
 * The edits of the findings that have one, grouped per file and applied to each file's text in
 * memory. Findings without an edit are advice and are never touched; a file outside `root`, or
 * one that cannot be read, is refused whole.
 */
export function planFixes(findings: Finding[], root: string): FixPlan {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.fix === undefined) continue;
    const list = byFile.get(f.fix.file);
    if (list) list.push(f);
    else byFile.set(f.fix.file, [f]);
  }
  const plan: FixPlan = { files: [], refused: [] };
  for (const [file, list] of byFile) {
    const base = readFixBase(root, file);
    if (!base.ok) {
      for (const finding of list) plan.refused.push({ finding, reason: `${base.reason}: not changed` });
      continue;
    }
    const edits = new Map<TextEdit, Finding>(list.map((f) => [f.fix as TextEdit, f]));
    const outcome = applyEdits(base.text, [...edits.keys()]);
    for (const r of outcome.refused) plan.refused.push({ finding: edits.get(r.edit) as Finding, reason: r.reason });
    if (outcome.text === base.text) continue;
    const applied = outcome.applied.map((e) => edits.get(e) as Finding);
    plan.files.push({ file, sha256: base.sha256, before: base.text, after: outcome.text, applied });
  }
  return plan;
}

/** The plan as a unified diff, paths relative to --root (`a/etc/prosody/prosody.cfg.lua`). */
export function planDiff(plan: FixPlan, root: string): string {
  return plan.files
    .map((f) => {
      const name = path.relative(root, f.file).split(path.sep).join('/');
      return createTwoFilesPatch(`a/${name}`, `b/${name}`, f.before, f.after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
    })
    .join('');
}

/** Writes each planned file atomically; a file that changed since it was read is refused. */
export function writePlan(plan: FixPlan, root: string): { written: FilePlan[]; refused: { file: FilePlan; reason: string }[] } {
  const written: FilePlan[] = [];
  const refused: { file: FilePlan; reason: string }[] = [];
  for (const f of plan.files) {
    const done = replaceFileUnderRoot(root, f.file, f.sha256, f.after);
    if (done.ok) written.push(f);
    else refused.push({ file: f, reason: done.reason });
  }
  return { written, refused };
}
