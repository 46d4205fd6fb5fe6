import type { EditProposal } from '../../inventory/edit.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import { ipFields, type IpField } from './log-format.js';

/**
 * The edit that drops the one client-address item of a LogFormat, CustomLog inline format or
 * ErrorLogFormat where that format string is written: the item becomes `-`, what httpd itself
 * logs for a field it has no value for (httpd 2.4 docs mod_log_config "Custom Log Formats": "a
 * '-' will be logged"). A format with several address items, or none written (the built-in
 * Common Log Format, the default error format), stays advice: the first would need several
 * changes, the second a new setting whose place is the admin's choice. The edited format must
 * hold no address by the same reading that judged it.
 */
export function addressFieldEdit(format: string, fields: IpField[], at: SourcePosition | undefined, lookups: boolean): EditProposal | undefined {
  const field = fields[0];
  if (at === undefined || field === undefined || fields.length !== 1) return undefined;
  const start = format.indexOf(field.item);
  if (start < 0 || format.indexOf(field.item, start + 1) >= 0) return undefined;
  if (ipFields(`${format.slice(0, start)}-${format.slice(start + field.item.length)}`, lookups).length > 0) return undefined;
  // `%%` is a literal percent sign: the item is the first one not preceded by it.
  return { at, find: new RegExp(`.*?(?<!%)(?<old>${field.item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`), text: '-' };
}
