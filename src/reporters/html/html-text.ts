/**
 * Text as HTML character data or a quoted attribute value: the five characters that can open
 * markup, end an attribute or start an entity become references (HTML Living Standard, 13.1.2.6:
 * inside a double-quoted attribute only `"` and `&` matter; `<`, `>` and `'` are escaped too so one
 * function serves every place). Control characters were already made visible by neutralise.ts.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
