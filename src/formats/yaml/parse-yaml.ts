import { Alias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node as YNode } from 'yaml';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import type { YamlNode, YamlPair, YamlScalarStyle } from './yaml-tree.js';
import { appendAll } from '../../arrays/append-all.js';
import { findExcessiveYamlNesting, lineAndColumn, YAML_MAX_NESTING } from './nesting-depth.js';

export interface YamlParseResult {
  /** The document's root node; undefined for an empty document or when parsing failed. */
  root: YamlNode | undefined;
  /** 'parse-error' diagnostics; when there is at least one, `root` is undefined. */
  errors: Diagnostic[];
  /** Warnings of the yaml package, positioned (kept so a reader can report them). */
  warnings: Diagnostic[];
}

const styles: Record<string, YamlScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

/**
 * Parses one YAML document with positions. Duplicate mapping keys are kept (uniqueKeys: false):
 * some servers accept them, and the reader decides what they mean. The failsafe schema keeps
 * every scalar as text so the server-specific typing can be applied afterwards. Never throws.
 */
export interface ParseYamlOptions {
  /**
   * Apply libyaml's stricter anchor/alias names (yaml_parser_scan_anchor in libyaml's
   * scanner.c: letters, digits, `_` and `-` only), as servers built on libyaml (ejabberd's
   * fast_yaml) do; the yaml package accepts any YAML 1.2 anchor character.
   */
  libyamlAnchors?: boolean;
  /** Report only the first syntax error, as libyaml stops at it. */
  firstErrorOnly?: boolean;
}

const libyamlAnchor = /^[A-Za-z0-9_-]+$/;

export function parseYaml(file: string, source: string, options: ParseYamlOptions = {}): YamlParseResult {
  const lines = new LineCounter();
  const at = (offset: number): SourcePosition => {
    const p = lines.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const deep = findExcessiveYamlNesting(source);
  if (deep) {
    return { root: undefined, errors: [{ code: 'parse-error', message: `YAML: nested more than ${YAML_MAX_NESTING} levels deep; privacy-lint reads no deeper`, position: { file, ...lineAndColumn(source, deep.offset) } }], warnings: [] };
  }
  let doc;
  try {
    doc = parseDocument(source, { lineCounter: lines, uniqueKeys: false, schema: 'failsafe', prettyErrors: false });
  } catch (err) {
    return { root: undefined, errors: [{ code: 'parse-error', message: `YAML: ${String(err)}`, position: { file, line: 1, column: 1 } }], warnings: [] };
  }
  const toDiag = (code: Diagnostic['code'], e: { message: string; pos: [number, number] }): Diagnostic => ({
    code,
    message: `YAML: ${e.message.split('\n')[0] ?? e.message}`,
    position: at(e.pos[0]),
  });
  const warnings = doc.warnings.map((w) => toDiag('config-warning', w));
  const errors = doc.errors.map((e) => toDiag('parse-error', e));
  if (errors.length === 0 && options.libyamlAnchors) {
    // Aliases and anchors, checked in source order.
    const bad: Diagnostic[] = [];
    const check = (node: unknown): void => {
      if (node === null || typeof node !== 'object') return;
      const n = node as YNode & { anchor?: string };
      const offset = n.range?.[0] ?? 0;
      if (n instanceof Alias && !libyamlAnchor.test(n.source)) {
        bad.push({ code: 'parse-error', message: `YAML: while scanning an alias: did not find expected alphabetic or numeric character (alias *${n.source})`, position: at(offset) });
      }
      if (typeof n.anchor === 'string' && !libyamlAnchor.test(n.anchor)) {
        bad.push({ code: 'parse-error', message: `YAML: while scanning an anchor: did not find expected alphabetic or numeric character (anchor &${n.anchor})`, position: at(offset) });
      }
      if (isSeq(n)) n.items.forEach(check);
      if (isMap(n)) for (const p of n.items) if (isPair(p)) { check(p.key); check(p.value); }
    };
    check(doc.contents);
    appendAll(errors, bad);
  }
  if (errors.length > 0) {
    if (!options.firstErrorOnly || errors.length === 1) return { root: undefined, errors, warnings };
    const first = errors.reduce((a, b) => (b.position.line < a.position.line || (b.position.line === a.position.line && b.position.column < a.position.column) ? b : a));
    return { root: undefined, errors: [{ ...first, message: `${first.message} (and ${errors.length - 1} more syntax problems after it)` }], warnings };
  }
  const convert = (node: unknown, fallbackOffset: number): YamlNode => {
    if (node === null || node === undefined) return { kind: 'scalar', text: '', style: 'plain', at: at(fallbackOffset) };
    const range = (node as YNode).range;
    const start = range ? range[0] : fallbackOffset;
    if (node instanceof Alias) return { kind: 'scalar', text: node.source, style: 'alias', at: at(start) };
    if (isScalar(node)) {
      const s = node;
      const text = typeof s.value === 'string' ? s.value : ''; // the failsafe schema reads every scalar as a string
      return { kind: 'scalar', text, style: styles[s.type ?? 'PLAIN'] ?? 'plain', at: at(start) };
    }
    if (isSeq(node)) return { kind: 'seq', items: node.items.map((item) => convert(item, start)), at: at(start) };
    if (isMap(node)) {
      const entries: YamlPair[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyStart = (pair.key as YNode | null)?.range?.[0] ?? start;
        const key = convert(pair.key, keyStart);
        // A missing value (`key:`) sits right after the key's end; point at the key then.
        const v = pair.value as YNode | null;
        const emptyValue = v === null || (isScalar(v) && (v.value === null || v.value === '') && v.range != null && v.range[0] === v.range[1]);
        const value = emptyValue ? convert(null, keyStart) : convert(pair.value, keyStart);
        entries.push({ key, value });
      }
      return { kind: 'map', entries, at: at(start) };
    }
    return { kind: 'scalar', text: '', style: 'plain', at: at(start) };
  };
  const root = doc.contents === null ? undefined : convert(doc.contents, 0);
  return { root, errors: [], warnings };
}
