import { posix } from 'node:path';
import { parseIni, type IniEntry, type IniFile } from '../../formats/ini/parse-ini.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { RootFiles } from '../../files/root-files.js';
import { appendAll } from '../../arrays/append-all.js';

/**
 * One fail2ban configuration name (`fail2ban`, `jail`) read as fail2ban 1.0.2 reads it
 * (client/configreader.py ConfigReaderUnshared.read, client/configparserinc.py):
 * NAME.conf, NAME.d/*.conf (sorted), NAME.local, NAME.d/*.local (sorted), each with its
 * `[INCLUDES] before =` files read before it and `after =` files after it; later files win per
 * (section, key), and the value a key had before the last override stays reachable as
 * `%(known/key)s`.
 */
export interface LayeredConfig {
  sections: Map<string, Map<string, IniEntry>>;
  /** Section names in order of first appearance (DEFAULT and INCLUDES included). */
  order: string[];
  known: Map<string, Map<string, IniEntry>>;
}

export interface ConfigReadContext {
  files: RootFiles;
  /** Absolute paths of the files read. */
  read: string[];
  searched: string[];
  diagnostics: Diagnostic[];
}

/** The files of one config name, in fail2ban's order, before includes are expanded. */
function layerFiles(ctx: ConfigReadContext, base: string): string[] {
  const list = [`${base}.conf`];
  const dir = `${base}.d`;
  ctx.searched.push(`${base}.conf`, `${base}.local`, `${dir}/`);
  const entries = ctx.files.list(dir) ?? [];
  // glob.glob + sorted(): Python sorts by code point.
  const sorted = (suffix: string): string[] => entries.filter((e) => e.endsWith(suffix)).sort().map((e) => `${dir}/${e}`);
  appendAll(list, sorted('.conf'), [`${base}.local`], sorted('.local'));
  return list.filter((p) => ctx.files.read(p) !== undefined);
}

/** configparserinc.py _getIncludes: before-files, the file, after-files, each once per chain. */
function expandIncludes(ctx: ConfigReadContext, path: string, parsed: Map<string, IniFile>, seen: string[]): string[] {
  const file = parse(ctx, path, parsed);
  if (!file) return [];
  const result: string[] = [];
  const after: string[] = [];
  for (const entry of file.entries) {
    if (entry.section !== 'INCLUDES' || (entry.key !== 'before' && entry.key !== 'after')) continue;
    for (const name of entry.value.split('\n').map((n) => n.trim()).filter((n) => n !== '')) {
      const target = name.startsWith('/') ? posix.normalize(name) : posix.join(posix.dirname(path), name);
      if (target === path || seen.includes(target)) {
        // configparserinc.py _getIncludes skips a file already in the chain, so there is no loop.
        const already = ctx.diagnostics.some((d) => d.code === 'include-error' && d.position.file === entry.valueAt.file && d.position.line === entry.valueAt.line);
        if (!already) {
          ctx.diagnostics.push({
            code: 'include-error',
            message: `Include cycle: ${[...seen, path, target].join(' → ')}; fail2ban skips the repeated file`,
            position: entry.valueAt,
          });
        }
        continue;
      }
      // A missing include is skipped by fail2ban (its reader lists only existing files): paths-overrides.local usually is.
      if (ctx.files.read(target) === undefined) {
        // A file that is there but not read (a FIFO, no permission) is said, at the include.
        const refused = ctx.files.refused(target);
        if (refused) {
          ctx.files.reported(refused);
          ctx.diagnostics.push({ code: 'include-error', message: `[INCLUDES] ${entry.key} = ${name}: ${refused.message}`, position: entry.valueAt });
        }
        ctx.searched.push(target);
        continue;
      }
      const expanded = expandIncludes(ctx, target, parsed, [...seen, path]);
      appendAll(entry.key === 'before' ? result : after, expanded);
    }
  }
  return [...result, path, ...after];
}

function parse(ctx: ConfigReadContext, path: string, parsed: Map<string, IniFile>): IniFile | undefined {
  if (parsed.has(path)) return parsed.get(path);
  const text = ctx.files.read(path);
  if (text === undefined) return undefined;
  const host = ctx.files.host(path);
  const file = parseIni(text, host);
  parsed.set(path, file);
  appendAll(ctx.diagnostics, file.diagnostics);
  return file;
}

/** Reads config name `base` (a system path without extension, e.g. `/etc/fail2ban/jail`). */
export function readLayered(ctx: ConfigReadContext, base: string): LayeredConfig {
  const config: LayeredConfig = { sections: new Map(), order: [], known: new Map() };
  const parsed = new Map<string, IniFile>();
  const order: string[] = [];
  for (const path of layerFiles(ctx, base)) {
    for (const p of expandIncludes(ctx, path, parsed, [])) if (!order.includes(p)) order.push(p);
  }
  for (const path of order) {
    const file = parsed.get(path);
    if (!file) continue;
    ctx.read.push(file.file);
    for (const entry of file.entries) {
      let section = config.sections.get(entry.section);
      if (!section) {
        section = new Map();
        config.sections.set(entry.section, section);
        config.order.push(entry.section);
      }
      const previous = section.get(entry.key);
      if (previous && previous.keyAt.file !== entry.keyAt.file) {
        let known = config.known.get(entry.section);
        if (!known) config.known.set(entry.section, (known = new Map<string, IniEntry>()));
        known.set(entry.key, previous);
      }
      section.set(entry.key, entry);
    }
  }
  return config;
}

/** A value after `%(name)s` interpolation, with the entry it came from. */
export interface Resolved {
  entry: IniEntry;
  value: string;
  /** Set when a reference could not be resolved: the reference as written. */
  unresolved?: string;
}

/** configparser BasicInterpolation MAX_INTERPOLATION_DEPTH. */
const MAX_DEPTH = 10;

/**
 * The value of `key` in `section` (falling back to [DEFAULT]) with `%(name)s`,
 * `%(section/name)s`, `%(known/name)s`, `%(__name__)s` and `%%` expanded as fail2ban's
 * BasicInterpolationWithName does.
 */
export function resolve(config: LayeredConfig, section: string, key: string): Resolved | undefined {
  const entry = config.sections.get(section)?.get(key) ?? config.sections.get('DEFAULT')?.get(key);
  if (!entry) return undefined;
  let unresolved: string | undefined;
  const expand = (text: string, depth: number): string =>
    text.replace(/%%|%\(([^)]+)\)s/g, (whole, name: string | undefined) => {
      if (name === undefined) return '%';
      if (depth >= MAX_DEPTH) {
        unresolved ??= whole;
        return whole;
      }
      const lower = name.toLowerCase();
      if (lower === '__name__') return section;
      let target: IniEntry | undefined;
      const slash = lower.indexOf('/');
      if (slash >= 0) {
        const sec = name.slice(0, slash);
        const opt = lower.slice(slash + 1);
        if (sec.toLowerCase() === 'known') target = config.known.get(section)?.get(opt) ?? config.sections.get('DEFAULT')?.get(opt);
        else target = config.sections.get(sec.toLowerCase() === 'default' ? 'DEFAULT' : sec)?.get(opt);
      } else {
        target = config.sections.get(section)?.get(lower) ?? config.sections.get('DEFAULT')?.get(lower);
      }
      if (!target) {
        unresolved ??= whole;
        return whole;
      }
      return expand(target.value, depth + 1);
    });
  const value = expand(entry.value, 0);
  const result: Resolved = { entry, value };
  if (unresolved !== undefined) result.unresolved = unresolved;
  return result;
}
