import { formatTreePath, type LocatedTree, type TreePath } from './located-tree.js';
import { UsageError } from './types.js';

/**
 * Everything wrong with a configuration, gathered so that one run shows every mistake
 * instead of one per attempt. Each line reads `file:line:col: dotted.key: what is wrong`.
 */
export class ProblemList {
  private readonly lines: string[] = [];

  /** A problem with the entry at `at` (its key's position; the file's start for `[]`). */
  add(tree: LocatedTree, at: TreePath, message: string): void {
    const { line, column } = tree.positionOf(at);
    const key = formatTreePath(at);
    this.lines.push(`${tree.display}:${line}:${column}: ${key === '' ? '' : `${key}: `}${message}`);
  }

  /** A problem that is not about one entry (a command-line flag, a whole file). */
  addLine(message: string): void {
    this.lines.push(message);
  }

  get size(): number {
    return this.lines.length;
  }

  throwIfAny(): void {
    if (this.lines.length > 0) throw new UsageError(this.lines.join('\n'));
  }
}

/** How a value is named in messages: strings quoted, everything else by what it is. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}
