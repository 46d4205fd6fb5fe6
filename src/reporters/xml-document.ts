import { XMLBuilder } from 'fast-xml-parser';

/**
 * An XML document from fast-xml-parser's object form (`@_` attributes, `#text` text), indented,
 * with the declaration. The builder escapes `& < > " '` in text and attributes, so `</` and `]]>`
 * in a value stay text; control characters were already made visible (neutralise.ts), which
 * matters since XML 1.0 cannot carry most of them even escaped.
 */
export function xmlDocument(root: Record<string, unknown>): string {
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, ...root });
}
