import type { EditProposal } from '../../inventory/edit.js';
import { addressFields, IP_HEADERS, judgeAccessLogIps } from './ip-fields.js';
import type { CaddyLog, FieldFilter } from './log-directive.js';

/**
 * The edit that makes a Caddyfile `log` keep no client address: a `format filter` that deletes
 * the address fields and the proxy headers (modules/logging/filterencoder.go `wrap` and
 * `fields`, the form Caddy 2.6 reads and 2.8+ still does; filters.go DeleteFilter). Where it goes:
 * - `format json` / `format console` without a block: the encoder name becomes the filter
 *   wrapping it;
 * - no `format` line: the filter is inserted after `log {`, or a bare `log` gains a block.
 * A log that already has a filter, or a format with options, stays advice: mending it means
 * changing lines inside a block the admin wrote. The filter is checked by the same judgement
 * that found the address: afterwards the log must keep none.
 */
export function filterEdit(log: CaddyLog | undefined, version: string): EditProposal | undefined {
  if (log?.block === undefined) return undefined; // not from a Caddyfile
  const fields = addressFieldPaths(version);
  const deletes: FieldFilter[] = fields.map((field) => ({ field, filter: 'delete', at: log.at }));
  if (judgeAccessLogIps({ kind: 'filter', at: log.at, fields: deletes }, version, []).carries !== false) return undefined;
  const format = log.format;
  if (format) {
    if (format.block !== false || (format.kind !== 'json' && format.kind !== 'console')) return undefined;
    const indent = '\t'.repeat(format.at.column - 1);
    return { at: format.at, find: /format\s+(?<old>json|console)\s*(?:#.*)?$/, text: filterBlock(format.kind, fields, indent) };
  }
  const indent = '\t'.repeat(log.at.column - 1);
  if (log.block) return { at: log.at, find: /log(?:\s+[^\s{#]+)?\s*\{(?<old>)\s*$/, text: `\n${indent}\tformat ${filterBlock('json', fields, `${indent}\t`)}` };
  if (log.named === true) return undefined;
  return { at: log.at, find: /log(?<old>)\s*(?:#.*)?$/, text: ` {\n${indent}\tformat ${filterBlock('json', fields, `${indent}\t`)}\n${indent}}` };
}

/** Every field that can hold the client's address in this release. */
function addressFieldPaths(version: string): string[] {
  return [...addressFields(version), ...IP_HEADERS.map((h) => `request>headers>${h}`)];
}

/** The filter as a suggestion: `format filter { ... }` for a log block. */
export function addressFilter(version: string): string {
  return `format ${filterBlock('json', addressFieldPaths(version), '')}`;
}

/** `filter { wrap KIND fields { F delete ... } }`, its lines indented below `indent`. */
function filterBlock(kind: string, fields: string[], indent: string): string {
  return [
    'filter {',
    `${indent}\twrap ${kind}`,
    `${indent}\tfields {`,
    ...fields.map((f) => `${indent}\t\t${f} delete`),
    `${indent}\t}`,
    `${indent}}`,
  ].join('\n');
}
