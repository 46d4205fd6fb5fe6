import { toolPathExists, writeToolFile } from '../../files/tool-files.js';
import { displayPath, isPlainMapping, readYamlTree } from '../../config/located-tree.js';
import { UsageError } from '../../config/types.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import type { BaselineEntry } from './baseline-entry.js';

export interface LoadedBaseline {
  file: string;
  entries: { entry: BaselineEntry; at: SourcePosition }[];
}

/** Reads a baseline written by --update-baseline; anything else is a usage error naming the place. */
export async function readBaseline(file: string, cwd: string): Promise<LoadedBaseline> {
  if (!toolPathExists(file)) throw new UsageError(`baseline ${displayPath(file, cwd)} does not exist; write it with --update-baseline`);
  const tree = await readYamlTree(file, cwd);
  const fail = (what: string): never => {
    throw new UsageError(`${tree.display}: ${what} (a baseline is written by --update-baseline: { "version": 1, "entries": [{ "ruleId", "file", "key", … }] })`);
  };
  const root = tree.value;
  if (!isPlainMapping(root) || root.version !== 1 || !Array.isArray(root.entries)) fail('not a privacy-lint baseline, version 1');
  const entries = (root as { entries: unknown[] }).entries.map((raw, i) => {
    const at = tree.positionOf(['entries', i]);
    const where = `${tree.display}:${at.line}:${at.column}`;
    if (!isPlainMapping(raw)) return fail(`entries[${i}] at ${where} is not an object`);
    for (const key of ['ruleId', 'file', 'key'] as const) {
      if (typeof raw[key] !== 'string') fail(`entries[${i}] at ${where} has no string "${key}"`);
    }
    if (raw.claim !== undefined && typeof raw.claim !== 'string') fail(`entries[${i}] at ${where}: "claim" must be a string`);
    const entry: BaselineEntry = { ruleId: raw.ruleId as string, file: raw.file as string, key: raw.key as string };
    if (typeof raw.claim === 'string') entry.claim = raw.claim;
    if (typeof raw.message === 'string') entry.message = raw.message;
    return { entry, at };
  });
  return { file, entries };
}

/** The baseline's text: one entry per line, sorted, so that a review diff shows what was accepted. */
export function formatBaseline(entries: BaselineEntry[]): string {
  const sorted = [...entries].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.key.localeCompare(b.key));
  const lines = sorted.map((e) => `    ${JSON.stringify(e)}`);
  return `{\n  "version": 1,\n  "entries": [${lines.length > 0 ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
}

export function writeBaseline(file: string, cwd: string, entries: BaselineEntry[]): Promise<void> {
  try {
    writeToolFile(file, formatBaseline(entries));
  } catch (error) {
    return Promise.reject(new UsageError(`cannot write the baseline ${displayPath(file, cwd)}: ${error instanceof Error ? error.message : String(error)}`));
  }
  return Promise.resolve();
}
