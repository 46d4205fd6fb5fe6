import type { FieldFigure } from './guaranteed-storage.js';

/**
 * An existing provider file with its storage fields set to `figures`: every other field and the
 * key order stay as they are (JSON.parse keeps the order, and assigning an existing key keeps its
 * place); a field the file did not have is added at the end. The file's indentation is kept.
 */
export function mergeProviderFile(text: string, figures: FieldFigure[]): string {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TypeError('a provider file is a JSON object');
  const file = parsed as Record<string, unknown>;
  for (const figure of figures) if ('days' in figure) file[figure.field] = figure.days;
  const indent = /^\{\s*\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return `${JSON.stringify(file, null, indent)}\n`;
}
