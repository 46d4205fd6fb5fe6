import { parseUnitFile, type UnitFile } from '../../formats/systemd-unit/parse-unit.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { RootFiles } from '../../files/root-files.js';
import { appendAll } from '../../arrays/append-all.js';

/** Where a loader records the unit files it read and their parse diagnostics. */
export interface UnitSink {
  files: string[];
  diagnostics: Diagnostic[];
}

/**
 * System unit directories, highest precedence first (systemd.unit(5) "Unit File Load Path",
 * systemd 252). On merged-/usr Debian /lib is a link to /usr/lib; the same unit found twice
 * is read once, from the first directory.
 */
export const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];

export interface LoadedUnit {
  units: UnitFile[];
  masked: boolean;
}

/** `name@instance.timer` → `name@.timer`; undefined for a unit that is not an instance. */
function templateOf(name: string): string | undefined {
  const m = /^([^@]+)@(.+)(\.[a-z]+)$/.exec(name);
  return m ? `${m[1]}@${m[3]}` : undefined;
}

/**
 * Whether a unit directory holds an entry (a unit, or a `NAME.d` drop-in directory). Each unit
 * directory is listed once per run and looked up by name: probing every directory for every unit
 * and its drop-in directories made 10,000 timers cost some 100,000 path walks.
 */
export function inUnitDir(files: RootFiles, dir: string, name: string): boolean {
  const names = files.remembered('unit-dir-entries', dir, (): Set<string> | undefined => {
    const listing = files.listing(dir);
    if (listing.ok) return new Set(listing.names);
    return listing.problem.kind === 'absent' ? new Set() : undefined;
  });
  // A directory that can be searched but not listed: ask for the entry itself.
  return names ? names.has(name) : files.exists(`${dir}/${name}`);
}

/** Where each unit and drop-in directory is, over all unit directories, found once per run. */
interface UnitIndex {
  /** The first unit directory (in precedence order) holding each entry. */
  first: Map<string, string>;
  /** The unit directories holding each `NAME.d` entry, in precedence order. */
  dropIns: Map<string, string[]>;
}

/**
 * The unit directories' entries indexed by name: a unit is then found with one lookup instead of
 * one per directory, and its drop-in directories with one more (10,000 timers and their services
 * asked each directory for each unit and each drop-in directory name: 200,000 lookups). Undefined
 * when a directory can be searched but not listed: then each is asked in turn (inUnitDir).
 */
function unitIndex(files: RootFiles): UnitIndex | undefined {
  return files.remembered('unit-index', '', () => {
    const index: UnitIndex = { first: new Map(), dropIns: new Map() };
    for (const dir of UNIT_DIRS) {
      const listing = files.listing(dir);
      if (!listing.ok) {
        if (listing.problem.kind === 'absent') continue;
        return undefined;
      }
      for (const name of listing.names) {
        if (!index.first.has(name)) index.first.set(name, dir);
        if (name.endsWith('.d')) {
          const dirs = index.dropIns.get(name);
          if (dirs) dirs.push(dir);
          else index.dropIns.set(name, [dir]);
        }
      }
    }
    return index;
  });
}

/**
 * The unit directories holding the drop-in directory of unit `name` (`NAME.d`), in precedence
 * order, from the run's index of the unit directories: one lookup per unit for every reader that
 * applies drop-ins (the backup readers' condition check asks it for each service a job runs).
 */
export function dropInDirsOf(files: RootFiles, name: string): readonly string[] {
  const dropInDir = `${name}.d`;
  const index = unitIndex(files);
  return (index ? index.dropIns.get(dropInDir) : dirsHolding(files, dropInDir)) ?? [];
}

/** The unit directories holding an entry `name`, in precedence order. */
function dirsHolding(files: RootFiles, name: string): string[] {
  return UNIT_DIRS.filter((d) => inUnitDir(files, d, name));
}

/**
 * Loads units and their drop-ins (`NAME.d/*.conf`; a drop-in of the same file name in a higher
 * directory masks a lower one; applied in file-name order), once each. An instance
 * (`pg_dump@main.timer`) without its own file is read from its template (`pg_dump@.timer`),
 * with the template's drop-ins, as systemd.unit(5) describes.
 */
export function unitLoader(files: RootFiles, out: UnitSink): (name: string) => LoadedUnit | undefined {
  // Units several loads can share (templates, their drop-ins) are kept; a unit loaded by its own
  // name (a timer, its service) is usually loaded once, so thousands of them are not all kept
  // alive to the end: one loaded again is parsed again, its file and diagnostics recorded once.
  const parsed = new Map<string, UnitFile | undefined>();
  const recorded = new Set<string>();
  const parse = (systemPath: string): UnitFile | undefined => {
    if (parsed.has(systemPath)) return parsed.get(systemPath);
    const text = files.read(systemPath);
    let unit: UnitFile | undefined;
    if (text !== undefined) {
      const file = files.host(systemPath);
      unit = parseUnitFile(text, file);
      if (!recorded.has(systemPath)) {
        recorded.add(systemPath);
        out.files.push(file);
        appendAll(out.diagnostics, unit.diagnostics);
      }
    }
    if (systemPath.includes('@') || systemPath.endsWith('.conf')) parsed.set(systemPath, unit);
    return unit;
  };
  const index = unitIndex(files);
  const find = (name: string): string | undefined => {
    const dir = index ? index.first.get(name) : dirsHolding(files, name)[0];
    return dir === undefined ? undefined : `${dir}/${name}`;
  };
  return (name) => {
    const template = name.includes('@') ? templateOf(name) : undefined;
    const main = find(name) ?? (template !== undefined ? find(template) : undefined);
    if (main === undefined) return undefined;
    if (files.resolve(main) === '/dev/null') return { units: [], masked: true };
    const units: UnitFile[] = [];
    const first = parse(main);
    if (first) units.push(first);
    const dropIns = new Map<string, string>();
    for (const dirName of template === undefined ? [name] : [name, template]) {
      for (const dir of dropInDirsOf(files, dirName)) {
        const path = `${dir}/${dirName}.d`;
        for (const entry of files.list(path) ?? []) {
          if (entry.endsWith('.conf') && !dropIns.has(entry)) dropIns.set(entry, `${path}/${entry}`);
        }
      }
    }
    for (const entry of [...dropIns.keys()].sort()) {
      const unit = parse(dropIns.get(entry) as string);
      if (unit) units.push(unit);
    }
    return { units, masked: false };
  };
}
