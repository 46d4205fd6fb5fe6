import path from 'node:path';
import type { SourceTexts } from '../source-texts.js';
import type { Finding } from '../types.js';

/**
 * One accepted finding in a baseline file. It names the config item, not the line: `key` is the
 * text of the finding's source line with blanks collapsed (the option or directive as written,
 * `archive_expires_after = "1w"`), so lines inserted or removed elsewhere do not break it, and
 * changing the item itself (its value) makes the finding new again.
 */
export interface BaselineEntry {
  ruleId: string;
  claim?: string;
  /** Relative to --root, with `/`: the same baseline serves a server and a copy of its /etc. */
  file: string;
  key: string;
  /** The finding's message when it was recorded: for the reader, not compared. */
  message?: string;
}

export function entryOf(finding: Finding, root: string, texts: SourceTexts): BaselineEntry {
  const file = finding.file === '' ? '' : path.relative(root, finding.file).split(path.sep).join('/');
  const line = finding.file === '' ? undefined : texts.line(finding.file, finding.line);
  return {
    ruleId: finding.ruleId,
    ...(finding.claim !== undefined && { claim: finding.claim }),
    file,
    key: (line ?? '').trim().replace(/\s+/g, ' '),
    message: finding.message,
  };
}

/** The identity an entry and a finding are matched on. */
export function identity(entry: BaselineEntry): string {
  return JSON.stringify([entry.ruleId, entry.claim ?? '', entry.file, entry.key]);
}
