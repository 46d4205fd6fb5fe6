import { readToolFile } from '../files/tool-files.js';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { findExcessiveYamlNesting, lineAndColumn, YAML_MAX_NESTING } from '../formats/yaml/nesting-depth.js';
import type { SourcePosition } from '../inventory/evidence.js';
import { UsageError } from './types.js';
import { displayPath } from '../reporters/display-path.js';

/**
 * A configuration or policy document as plain data, plus the position of every key in it.
 * YAML and JSON files (JSON is YAML 1.2) are read with the `yaml` package so each key has
 * its line and column; JS/TS configs come from cosmiconfig as plain objects with no positions,
 * and every position in them is line 1, column 1 of the file.
 */

/** Keys of mappings and indexes of lists, from the document root. */
export type TreePath = readonly (string | number)[];

export interface LocatedTree {
  /** Absolute path of the file. */
  readonly file: string;
  /** The file as messages name it: relative to the working directory when under it. */
  readonly display: string;
  /** The whole document as plain data (null for an empty file). */
  readonly value: unknown;
  /**
   * Where the entry at `path` is written: the key of a mapping entry, the item of a list.
   * Falls back to the nearest enclosing entry that exists, then to line 1, column 1.
   */
  positionOf(path: TreePath): SourcePosition;
  /** A scalar exactly as written ("23.10", not 23.1), when the file has a syntax tree. */
  sourceText(path: TreePath): string | undefined;
}

// How messages name the tool's own files: the reports' one rule (relative to cwd when under it).
export { displayPath } from '../reporters/display-path.js';

/** The value at `path`, or undefined when some step is missing. */
export function valueAt(tree: LocatedTree, at: TreePath): unknown {
  let value: unknown = tree.value;
  for (const step of at) {
    if (typeof step === 'number') value = Array.isArray(value) ? (value[step] as unknown) : undefined;
    else value = isPlainMapping(value) && Object.hasOwn(value, step) ? value[step] : undefined;
  }
  return value;
}

export function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "policy.ipAddresses.stored", "plugins[1]". */
export function formatTreePath(at: TreePath): string {
  let text = '';
  for (const step of at) text += typeof step === 'number' ? `[${step}]` : text === '' ? step : `.${step}`;
  return text;
}

/** Reads a YAML or JSON file; a missing file or a syntax error is a UsageError naming it. */
export function readYamlTree(file: string, cwd: string): Promise<LocatedTree> {
  const display = displayPath(file, cwd);
  let content: string;
  try {
    content = readToolFile(file);
  } catch (error) {
    return Promise.reject(new UsageError(`${display}: ${describeFsError(error)}`));
  }
  return Promise.resolve(parseYamlTree(file, display, content));
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

export function parseYamlTree(file: string, display: string, content: string): LocatedTree {
  const lineCounter = new LineCounter();
  const deep = findExcessiveYamlNesting(content);
  if (deep) {
    const { line, column } = lineAndColumn(content, deep.offset);
    throw new UsageError(`${display}:${line}:${column}: YAML nested more than ${YAML_MAX_NESTING} levels deep; privacy-lint reads no deeper`);
  }
  // YAML 1.2 core schema (the default): only true/false are booleans, `yes` stays a string;
  // duplicate keys are errors, not a silent "last one wins".
  const doc = parseDocument(content, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return `${display}:${line}:${col}: YAML syntax error: ${error.message}`;
    });
    throw new UsageError(lines.join('\n'));
  }
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  return {
    file,
    display,
    value: plainValue(doc, display, at),
    positionOf: (treePath) => {
      const found = locate(doc, treePath);
      return found ? at(found) : { file, line: 1, column: 1 };
    },
    sourceText: (treePath) => {
      const node = nodeAt(doc, treePath);
      return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
    },
  };
}

/** For configs that are plain data (JS/TS modules): no positions, so line 1, column 1. */
export function plainTree(file: string, display: string, value: unknown): LocatedTree {
  return {
    file,
    display,
    value,
    positionOf: () => ({ file, line: 1, column: 1 }),
    sourceText: () => undefined,
  };
}

/** Offset of the key (or list item) at `treePath`, or of the deepest entry found on the way. */
function locate(doc: Document, treePath: TreePath): number | undefined {
  let node: unknown = doc.contents;
  let found: number | undefined;
  for (const step of treePath) {
    node = resolveAlias(doc, node);
    if (typeof step === 'number' && isSeq(node)) {
      const item = node.items[step];
      const offset = rangeStart(item);
      if (offset === undefined) return found;
      found = offset;
      node = item;
    } else if (typeof step === 'string' && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === step);
      const offset = rangeStart(pair?.key);
      if (!pair || offset === undefined) return found;
      found = offset;
      node = pair.value;
    } else {
      return found;
    }
  }
  return found ?? rangeStart(doc.contents);
}

function nodeAt(doc: Document, treePath: TreePath): unknown {
  let node: unknown = doc.contents;
  for (const step of treePath) {
    node = resolveAlias(doc, node);
    if (typeof step === 'number' && isSeq(node)) node = node.items[step];
    else if (typeof step === 'string' && isMap(node)) {
      node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === step)?.value;
    } else return undefined;
  }
  return resolveAlias(doc, node);
}

function resolveAlias(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/**
 * The document as plain data. The yaml package refuses aliases that would expand past 100 copies
 * of their anchor (maxAliasCount, against "billion laughs" bombs) by throwing without a position;
 * the error names the first alias instead.
 */
function plainValue(doc: Document, display: string, at: (offset: number) => SourcePosition): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    let first: number | undefined;
    visit(doc, {
      Alias(_key, node) {
        first = node.range?.[0];
        return visit.BREAK;
      },
    });
    const { line, column } = at(first ?? 0);
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${display}:${line}:${column}: YAML aliases expand too far (${reason})`);
  }
}

