import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';

/**
 * A positioned reader for the INI dialect of Python's configparser (Python 3.11, as fail2ban
 * 1.0.2 uses it through client/configparserinc.py with `inline_comment_prefixes=";"`).
 * Written here rather than using the `ini` npm package because that package keeps no line or
 * column for anything, does not join indented continuation lines into one value the way
 * configparser does, and takes `;` anywhere as a comment.
 *
 * What it does, per configparser.RawConfigParser._read:
 * - `[section]` headers (`[` at the start of the line, up to the last `]`);
 * - `key = value` or `key: value`, split at the first `=` or `:`; keys lowercased
 *   (optionxform); value stripped;
 * - lines whose first non-blank character is `#` or `;` are comments; `;` after a blank
 *   starts an inline comment;
 * - a line indented deeper than its key continues the value (joined with a newline); blank
 *   lines inside a continued value are kept, trailing ones dropped;
 * - a key twice in one section of one file is an error (strict mode), as is text that is none
 *   of these. Interpolation is left to the consumer.
 */
export interface IniEntry {
  section: string;
  /** Lowercased, as configparser stores it. */
  key: string;
  value: string;
  keyAt: SourcePosition;
  valueAt: SourcePosition;
}

export interface IniFile {
  file: string;
  /** Section names in order of first appearance. */
  sections: string[];
  entries: IniEntry[];
  diagnostics: Diagnostic[];
}

/** The line without an inline `;` comment (configparser: a prefix preceded by whitespace). */
function stripInlineComment(line: string): string {
  for (let i = 1; i < line.length; i++) {
    if (line[i] === ';' && /\s/.test(line[i - 1] as string)) return line.slice(0, i);
  }
  return line;
}

export function parseIni(text: string, file: string): IniFile {
  const out: IniFile = { file, sections: [], entries: [], diagnostics: [] };
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  let section: string | undefined;
  let current: { entry: IniEntry; indent: number; parts: string[]; pendingBlank: number } | undefined;
  const seen = new Set<string>();
  const finish = (): void => {
    if (!current) return;
    current.entry.value = current.parts.join('\n');
    current = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const lineNo = i + 1;
    const indent = raw.search(/\S/);
    const trimmed = raw.trim();
    if (indent >= 0 && (trimmed[0] === '#' || trimmed[0] === ';')) continue;
    const content = stripInlineComment(raw).trimEnd();
    if (content.trim() === '') {
      if (current) current.pendingBlank++;
      continue;
    }
    if (current && indent > current.indent) {
      for (; current.pendingBlank > 0; current.pendingBlank--) current.parts.push('');
      current.parts.push(content.trim());
      continue;
    }
    finish();
    const at = { file, line: lineNo, column: indent + 1 };
    const body = content.slice(indent);
    if (body[0] === '[' && body.lastIndexOf(']') > 1) {
      section = body.slice(1, body.lastIndexOf(']'));
      if (out.sections.includes(section)) {
        out.diagnostics.push({ code: 'parse-error', message: `Section [${section}] appears twice in this file: fail2ban (Python configparser, strict) refuses the file`, position: at });
      } else out.sections.push(section);
      continue;
    }
    const m = /^(.*?)\s*([=:])\s*(.*)$/.exec(body);
    if (!m || (m[1] as string) === '') {
      out.diagnostics.push({ code: 'parse-error', message: `"${body}" is neither "key = value" nor a [section] header`, position: at });
      continue;
    }
    if (section === undefined) {
      out.diagnostics.push({ code: 'parse-error', message: `"${body}" comes before any [section] header`, position: at });
      continue;
    }
    const key = (m[1] as string).toLowerCase();
    const valueColumn = indent + body.length - (m[3] as string).length + 1;
    if (seen.has(`${section}\u0000${key}`)) {
      out.diagnostics.push({ code: 'parse-error', message: `"${key}" is set twice in [${section}]: fail2ban (Python configparser, strict) refuses the file`, position: at });
    }
    seen.add(`${section}\u0000${key}`);
    const entry: IniEntry = { section, key, value: '', keyAt: at, valueAt: { file, line: lineNo, column: valueColumn } };
    out.entries.push(entry);
    current = { entry, indent, parts: [(m[3] as string).trim()], pendingBlank: 0 };
  }
  finish();
  return out;
}
