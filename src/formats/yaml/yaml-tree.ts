import type { SourcePosition } from '../../inventory/evidence.js';

/**
 * A YAML document as a tree in which every node (and every mapping key) carries its position.
 * Scalars keep their source text and quoting style, not a schema-converted value: servers read
 * YAML with their own scalar rules (ejabberd's fast_yaml turns plain scalars into atoms or
 * numbers, quoted ones into strings), so conversion belongs to the reader of each server.
 */
export type YamlScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded' | 'alias';

export interface YamlScalar {
  kind: 'scalar';
  /** The scalar's value after YAML unquoting/folding; for an alias, the anchor name. */
  text: string;
  style: YamlScalarStyle;
  at: SourcePosition;
}

export interface YamlSeq {
  kind: 'seq';
  items: YamlNode[];
  at: SourcePosition;
}

export interface YamlPair {
  key: YamlNode;
  value: YamlNode;
}

export interface YamlMap {
  kind: 'map';
  /** Every entry in source order, duplicates included (parsed with uniqueKeys: false). */
  entries: YamlPair[];
  at: SourcePosition;
}

export type YamlNode = YamlScalar | YamlSeq | YamlMap;

/** The text of a scalar key, or undefined for a sequence/map used as a key. */
export function keyText(pair: YamlPair): string | undefined {
  return pair.key.kind === 'scalar' ? pair.key.text : undefined;
}
