import { lstatSync, readdirSync, readlinkSync, type Stats } from 'node:fs';
import { join, posix, relative, resolve as resolveHost, sep } from 'node:path';
import { problem as made, problemFromError, type FileProblem } from './file-problem.js';
import { DEFAULT_MAX_FILE_SIZE, readRegularFile, typeOf, type FileText } from './regular-file.js';
import { isNormalPath, normalSystemPath } from './system-path.js';
import { ReadAhead } from './read-ahead.js';

/** `listed`: the directory's listing showed a regular file there (it is read without an lstat). */
export type Located = { ok: true; path: string; listed?: true } | { ok: false; problem: FileProblem };
export type RootText = { ok: true; text: string; path: string } | { ok: false; problem: FileProblem };
export type Listing = { ok: true; names: string[] } | { ok: false; problem: FileProblem };

export interface RootOptions {
  /** Larger files are refused with a diagnostic (--max-file-size). */
  maxFileSize?: number;
  /**
   * Whether the root is the live system, whose file modes the servers check (default: the root
   * is `/`). Tests of a live system's behaviour set it on a copy.
   */
  live?: boolean;
}

/** Linux follows at most 40 links while resolving one path (MAXSYMLINKS, fs/namei.c). */
const MAX_LINKS = 40;

/**
 * Inclusions one run follows, over all readers. Real configurations stay far below it (20,000
 * nginx server blocks each including two snippets are 40,000); files that include each other
 * level after level reach millions (60 files of 60 files of 60 files: 216,000), each cheap once
 * parsed but not free to evaluate. Past it, includes are refused at their line.
 */
export const MAX_INCLUSIONS = 100_000;

/** Devices a log can be sent to that keep nothing (null(4), zero(4), full(4)). */
const DISCARDING_DEVICES = new Set(['/dev/null', '/dev/zero', '/dev/full']);

const isErrno = (error: unknown, ...codes: string[]): boolean => codes.includes(String((error as { code?: unknown }).code));

/**
 * posix.dirname and posix.basename of a normal system path, with one search instead of their two
 * scans character by character (every file read asks, some several times).
 */
function parentAndName(normal: string): [string, string] {
  const slash = normal.lastIndexOf('/');
  // A trailing slash ('/etc/cron.d/'): the rare case dirname and basename skip it for.
  if (slash === normal.length - 1 && normal.length > 1) return [posix.dirname(normal), posix.basename(normal)];
  return [slash <= 0 ? '/' : normal.slice(0, slash), normal.slice(slash + 1)];
}

/** posix.join(dir, name) for a normal directory path and one component that is not `.` or `..`. */
function childPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/**
 * The one place privacy-lint touches the file system: files of the served system, under --root,
 * named by their system paths ('/etc/prosody/prosody.cfg.lua') as the server would see them.
 *
 * As under chroot, every path is resolved inside the root one component at a time: a symlink's
 * absolute target (`conf.d/x.cfg.lua -> /etc/prosody/conf.avail/x.cfg.lua`) means the same path
 * under the root, `..` never climbs above it, and a link whose target would climb above it is
 * refused rather than followed. Only regular files are opened (a FIFO or device would block or
 * never end), each at most --max-file-size, and each distinct file is read once per run. Errors
 * keep their errno: a file that cannot be read is not an absent file.
 */
export class RootFiles {
  readonly #root: string;
  readonly maxFileSize: number;
  /** --root is `/`: this is the live system, whose file modes the servers themselves check. */
  readonly live: boolean;
  readonly #located = new Map<string, Located>();
  readonly #texts = new Map<string, RootText>();
  readonly #listings = new Map<string, Listing>();
  readonly #nameSets = new Map<string, Set<string>>();
  /** Per listed directory, the names its listing showed as regular files (not links, not devices). */
  readonly #regularNames = new Map<string, Set<string>>();
  readonly #refusals = new Map<string, { problem: FileProblem; reported: boolean }>();
  readonly #parsed = new Map<string, unknown>();
  readonly #remembered = new Map<string, Map<string, unknown>>();
  readonly #stats = new Map<string, Stats | undefined>();
  /**
   * Paths a walk found missing, with the errno lstat gave (ENOENT, ENOTDIR). A path under one is
   * missing too: 20,000 nginx servers each asking for a file under their own missing root then
   * cost no system call each instead of two.
   */
  readonly #missing = new Map<string, string>();
  #inclusions = 0;
  /** Files being read on a worker thread (readAhead), newest first. */
  readonly #readAheads: ReadAhead[] = [];

  constructor(root: string, options: RootOptions = {}) {
    this.#root = resolveHost(root);
    this.live = options.live ?? this.#root === '/';
    this.maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  }

  /** The path on this machine of a system path ('/etc/crontab'), without following symlinks. */
  host(systemPath: string): string {
    const normal = normalSystemPath(systemPath);
    // What join gives, without normalising the joined string again (a path is asked for its
    // host path several times on its way to being read).
    if (sep !== '/') return join(this.#root, normal);
    return this.#root === '/' ? normal : `${this.#root}${normal}`;
  }

  /** The system path of a path on this machine, or undefined when it is not under the root. */
  system(hostPath: string): string | undefined {
    const made = this.#madeSystemPath(hostPath);
    if (made !== undefined) return made;
    const rel = relative(this.#root, resolveHost(hostPath));
    if (rel.startsWith('..') || posix.isAbsolute(rel)) return undefined;
    return `/${rel.split(sep).join('/')}`;
  }

  /**
   * The system path of a host path this layer made (every job's file is one): what follows the
   * root, found without resolving and relativising it again. Undefined for any other path.
   */
  #madeSystemPath(hostPath: string): string | undefined {
    if (sep !== '/' || !hostPath.startsWith(this.#root) || (this.#root !== '/' && hostPath[this.#root.length] !== '/')) return undefined;
    const systemPath = this.#root === '/' ? hostPath : hostPath.slice(this.#root.length);
    // What relative() gives is the same for a normal path, `..` as a prefix of a name included.
    return normalSystemPath(systemPath) === systemPath && !systemPath.endsWith('/') && !systemPath.startsWith('/..') ? systemPath : undefined;
  }

  /**
   * Whether a host path is one this layer makes for a file under the root: `host` of a normal
   * system path, with no `//`, `.`, `..` or trailing slash (one test of the whole path, no slice).
   */
  isMadeHostPath(hostPath: string): boolean {
    const under = this.#root === '/' || (hostPath.startsWith(this.#root) && hostPath[this.#root.length] === '/');
    return sep === '/' && under && isNormalPath(hostPath) && !hostPath.endsWith('/');
  }

  /**
   * The host paths of the files read so far whose text holds `marker`, found in one pass over the
   * texts read: each distinct file is searched once, and nothing is looked up per path asking.
   */
  readTextsHolding(marker: string): Set<string> {
    const holding = new Set<string>();
    this.#texts.forEach((read, path) => {
      if (read.ok && read.text.includes(marker)) holding.add(this.host(path));
    });
    return holding;
  }

  /**
   * The system path that `systemPath` names after following its symlinks inside the root, or why
   * it cannot be followed (a loop, a link leaving the root, a directory that may not be read). A
   * missing component is kept: the caller finds out when it reads. A link to /dev/null (a masked
   * unit) resolves to '/dev/null'.
   */
  locate(systemPath: string): Located {
    return this.#locate(normalSystemPath(systemPath));
  }

  #locate(normal: string): Located {
    const cached = this.#located.get(normal);
    if (cached) return cached;
    const located = this.#fromParent(normal) ?? this.#underMissing(normal) ?? this.#walk(normal);
    // A file its directory listed is found again with a few lookups: thousands of job files
    // need not each keep an entry (that only directories, the parents of others, are worth).
    if (!located.ok || located.listed !== true) this.#located.set(normal, located);
    return located;
  }

  /**
   * A path at or under one a walk found missing resolves to itself, as the walk would find
   * component by component: every directory before the missing one was lstat'ed and is no link,
   * and nothing below it exists to be one. 20,000 nginx servers, each asking for a provider file
   * under its own missing root, then cost a few map lookups each instead of a walk.
   */
  #underMissing(normal: string): Located | undefined {
    for (let at = normal; at.length > 1; at = at.slice(0, at.lastIndexOf('/'))) {
      if (this.#missing.has(at)) return { ok: true, path: normal };
    }
    return undefined;
  }

  /** The system path after links (see locate), or undefined when it cannot be followed. */
  resolve(systemPath: string): string | undefined {
    const located = this.locate(systemPath);
    return located.ok ? located.path : undefined;
  }

  /**
   * A path whose directory is already located needs only its last component looked at, and
   * often not even that: when the directory's listing showed it as a regular file, or listed the
   * directory without it (missing: the walk would find that after one more lstat), it resolves to
   * the directory's resolution plus its name. Otherwise one lstat says whether it is a link, which
   * takes the full walk (with its loop and root checks). Readers that read or probe thousands of
   * names in a few directories (job files, unit drop-ins, scripts) then cost a set lookup each
   * instead of an lstat per path component.
   */
  #fromParent(normal: string): Located | undefined {
    const [parent, name] = parentAndName(normal);
    const dir = parent === normal ? undefined : this.#located.get(parent);
    if (!dir?.ok || DISCARDING_DEVICES.has(dir.path)) return undefined;
    // The directory is itself (no link on the way): the path is its own resolution.
    const path = dir.path === parent ? normal : childPath(dir.path, name);
    if (this.#regularNames.get(dir.path)?.has(name) === true) return { ok: true, path, listed: true };
    const listing = this.#listings.get(parent);
    if (listing !== undefined && this.#lacks(parent, listing, name)) return { ok: true, path };
    try {
      if (lstatSync(this.host(path)).isSymbolicLink()) return undefined;
    } catch (error) {
      if (!isErrno(error, 'ENOENT', 'ENOTDIR')) return undefined;
    }
    return { ok: true, path };
  }

  /** Whether a directory's listing shows that it has no entry `name` (or that it is missing). */
  #lacks(dir: string, listing: Listing, name: string): boolean {
    if (!listing.ok) return listing.problem.kind === 'absent';
    let names = this.#nameSets.get(dir);
    if (!names) this.#nameSets.set(dir, (names = new Set(listing.names)));
    return !names.has(name);
  }

  /** Whether the listing already made of a located directory shows this path missing from it. */
  #listedMissing(normal: string): boolean {
    const [parent, name] = parentAndName(normal);
    const dir = parent === normal ? undefined : this.#located.get(parent);
    const listing = this.#listings.get(parent);
    return dir?.ok === true && !DISCARDING_DEVICES.has(dir.path) && listing !== undefined && this.#lacks(parent, listing, name);
  }

  #walk(normal: string, record = true): Located {
    let parts = normal.split('/').filter((p) => p !== '');
    const done: string[] = [];
    const seen = new Set<string>();
    let missing = false;
    let via = '';
    while (parts.length > 0) {
      const part = parts.shift() as string;
      if (part === '.') continue;
      if (part === '..') {
        // Only a link's target brings `..` here: the path itself was normalised.
        if (done.length === 0 && !this.live) return this.#refuse(normal, 'outside-root', `the symbolic link ${via} points outside --root: not followed`, undefined, record);
        done.pop();
        continue;
      }
      // Below a missing component nothing can be a link: the rest is kept as written.
      if (missing) {
        done.push(part);
        continue;
      }
      const candidate = `/${[...done, part].join('/')}`;
      let target: string | undefined;
      if (this.#missing.has(candidate)) missing = true;
      if (!missing) {
        try {
          if (lstatSync(this.host(candidate)).isSymbolicLink()) target = readlinkSync(this.host(candidate));
        } catch (error) {
          if (!isErrno(error, 'ENOENT', 'ENOTDIR')) return this.#fail(normal, error, record);
          missing = true;
          this.#missing.set(candidate, (error as { code: string }).code);
        }
      }
      if (target === undefined) {
        done.push(part);
        continue;
      }
      const key = `${candidate}\0${parts.join('/')}`;
      if (seen.has(key) || seen.size >= MAX_LINKS) {
        return this.#refuse(normal, 'link-loop', `symbolic links loop (through ${candidate}): not followed (ELOOP)`, 'ELOOP', record);
      }
      seen.add(key);
      via = `${candidate} -> ${target}`;
      if (DISCARDING_DEVICES.has(target) && parts.length === 0) return { ok: true, path: target };
      const absolute = target.startsWith('/');
      parts = [...(absolute ? [] : done), ...this.#targetParts(target).split('/').filter((p) => p !== ''), ...parts];
      done.length = 0;
    }
    return { ok: true, path: `/${done.join('/')}` };
  }

  /**
   * An absolute link target is re-rooted: `/etc/x` means `<root>/etc/x`. A target written with the
   * root's own path on this machine (a link made in the copy with `ln -s "$PWD/etc/x"`) names a
   * file inside the root too, and is read there rather than on the host.
   */
  #targetParts(target: string): string {
    if (!this.live && target.startsWith(`${this.#root}/`)) return target.slice(this.#root.length);
    return target;
  }

  #fail(path: string, error: unknown, record: boolean): Located {
    const problem = problemFromError(path, error);
    if (problem.kind !== 'absent' && record) this.#record(problem);
    return { ok: false, problem };
  }

  #refuse(path: string, kind: FileProblem['kind'], reason: string, errno: string | undefined, record: boolean): Located {
    const problem = made(kind, path, reason, errno);
    if (record) this.#record(problem);
    return { ok: false, problem };
  }

  #record(problem: FileProblem): void {
    if (!this.#refusals.has(problem.path)) this.#refusals.set(problem.path, { problem, reported: false });
  }

  /**
   * The text of a regular file (after links), read once per run whatever the number of readers
   * and inclusions asking for it; or why not. Problems other than absence and directories are
   * kept as refusals (see unreportedRefusals).
   */
  load(systemPath: string): RootText {
    const normal = normalSystemPath(systemPath);
    const cached = this.#texts.get(normal);
    if (cached) return cached;
    const text = this.#load(normal);
    this.#texts.set(normal, text);
    return text;
  }

  #load(normal: string): RootText {
    const located = this.#locate(normal);
    if (!located.ok) return located;
    // The same text as `normal` for most files: that string is then used, whose hash the maps
    // already know (a new string is hashed at its first lookup: 15,000 job files).
    const path = located.path === normal ? normal : located.path;
    if (DISCARDING_DEVICES.has(path)) {
      return { ok: false, problem: made('not-regular', normal, `${path}, a device that keeps nothing: not read`) };
    }
    // A file its directory's listing showed as regular needs no lstat, and is not under a missing path.
    const listedRegular = located.listed === true || this.#listedRegular(path);
    const absent = listedRegular ? undefined : this.#missingErrno(path);
    if (absent !== undefined) return { ok: false, problem: problemFromError(normal, { code: absent }) };
    const read = (path === normal ? undefined : this.#texts.get(path)) ?? this.#readListed(path, normal, listedRegular);
    if (path !== normal && !this.#texts.has(path)) this.#texts.set(path, read.ok ? { ...read, path } : read);
    if (!read.ok) {
      if (read.problem.kind !== 'absent' && read.problem.kind !== 'directory') this.#record(read.problem);
      return read;
    }
    return { ok: true, text: read.text, path };
  }


  /** Whether the listing of the (resolved) directory of a resolved path showed it as a regular file. */
  #listedRegular(path: string): boolean {
    const [dir, name] = parentAndName(path);
    return this.#regularNames.get(dir)?.has(name) === true;
  }

  /** Reads a located file, taking its text from a read ahead when one has it. */
  #readListed(path: string, shown: string, listedRegular: boolean): FileText {
    if (listedRegular) {
      for (const ahead of this.#readAheads) {
        const text = ahead.take(path);
        if (text !== undefined) return { ok: true, text };
      }
    }
    return readRegularFile(this.host(path), shown, this.maxFileSize, listedRegular);
  }

  /**
   * Starts reading these files on a worker thread, in this order, when there are hundreds of
   * them (thousands of job files): their system calls then overlap with the reader's parsing of
   * the ones before. Only files their directory's listing showed as regular are read ahead, as
   * load would read them (not following a link, non-blocking, within the size limit); what the
   * worker has not read when it is loaded, load reads itself. Nothing else changes: each file is
   * still located, refused or reported as by load. Files are named by runs of names in one
   * directory; a directory not listed yet is left to load.
   */
  readAhead(runs: { dir: string; names: string[] }[]): void {
    const keys: string[] = [];
    const hosts: string[] = [];
    for (const { dir, names } of runs) {
      // Without a side effect: no lstat, nothing located or refused that load would not.
      const located = this.#located.get(normalSystemPath(dir));
      const regular = located?.ok === true ? this.#regularNames.get(located.path) : undefined;
      if (located?.ok !== true || regular === undefined) continue;
      const hostDir = this.host(located.path);
      for (const name of names) {
        if (!regular.has(name)) continue;
        keys.push(childPath(located.path, name));
        hosts.push(`${hostDir}/${name}`);
      }
    }
    const ahead = ReadAhead.start(keys, hosts, this.maxFileSize);
    if (ahead !== undefined) this.#readAheads.unshift(ahead);
  }

  /** The errno lstat gives for a path at or under one a walk found missing; undefined otherwise. */
  #missingErrno(path: string): string | undefined {
    if (this.#missing.size === 0) return undefined;
    for (let at = path; ; at = posix.dirname(at)) {
      const errno = this.#missing.get(at);
      if (errno !== undefined) return at === path || errno === 'ENOTDIR' ? errno : 'ENOENT';
      if (at === '/') return undefined;
    }
  }

  /**
   * The text of a file named by its path on this machine (a job's file, a discovered config): read
   * as its system path, so a link in it is followed inside the root. A path not under the root is
   * refused.
   */
  loadHost(hostPath: string): RootText {
    const systemPath = this.system(hostPath);
    if (systemPath !== undefined) return this.load(systemPath);
    return { ok: false, problem: { ...made('outside-root', hostPath, 'not under --root: not read'), host: hostPath } };
  }

  /**
   * What `parse` makes of a file's text, computed once per run for each distinct file (after
   * links) and parser, however many times the file is included: a config that includes the same
   * snippets from every server block, or files that include each other level after level, costs
   * one parse per file. `parser` names the parse, so two readers of one file keep their own
   * results. The result is shared: callers must not change it.
   */
  parsed<T>(loaded: { text: string; path: string }, parser: string, parse: (text: string) => T): T {
    const key = `${parser}\0${loaded.path}`;
    if (this.#parsed.has(key)) return this.#parsed.get(key) as T;
    const result = parse(loaded.text);
    this.#parsed.set(key, result);
    return result;
  }

  /**
   * A result derived from several files of this run (a unit and its drop-ins, the scripts a
   * command reaches), worked out once per run for each key of a table: `parsed` keeps what one
   * file's text gives; this keeps what readers compute across files, for as long as the run.
   */
  remembered<T>(table: string, key: string, compute: () => T): T {
    let entries = this.#remembered.get(table);
    if (entries === undefined) this.#remembered.set(table, (entries = new Map<string, unknown>()));
    const known = entries.get(key);
    if (known !== undefined || entries.has(key)) return known as T;
    const result = compute();
    entries.set(key, result);
    return result;
  }

  /**
   * Counts one inclusion of `systemPath` (an Include, import or include_config_file being
   * followed). Past MAX_INCLUSIONS it is refused: the reader reports the problem at the referring
   * line, and the claims that depend on what the file holds cannot be verified.
   */
  include(systemPath: string): FileProblem | undefined {
    if (++this.#inclusions <= MAX_INCLUSIONS) return undefined;
    const refused = made(
      'include-limit',
      normalSystemPath(systemPath),
      `not read: this run already followed ${MAX_INCLUSIONS.toLocaleString('en-US')} inclusions (files that include each other level after level); what it configures is not known`,
    );
    this.#record(refused);
    return refused;
  }

  /** The text of a regular file (after links), or undefined when it cannot be read (see load). */
  read(systemPath: string): string | undefined {
    const loaded = this.load(systemPath);
    return loaded.ok ? loaded.text : undefined;
  }

  /** Sorted entry names of a directory (after links), or why it cannot be listed. */
  listing(systemPath: string): Listing {
    const normal = normalSystemPath(systemPath);
    const cached = this.#listings.get(normal);
    if (cached) return cached;
    const located = this.#locate(normal);
    let listing: Listing;
    if (!located.ok) listing = located;
    // Missing from its listed directory: readdir would fail with ENOENT.
    else if (this.#listedMissing(normal)) listing = { ok: false, problem: problemFromError(normal, { code: 'ENOENT' }) };
    else {
      try {
        // With the entries' types (from the directory itself, no extra system call), so that
        // reading the regular files listed needs no lstat of each first.
        const entries = readdirSync(this.host(located.path), { withFileTypes: true });
        this.#regularNames.set(located.path, new Set(entries.filter((e) => e.isFile()).map((e) => e.name)));
        listing = { ok: true, names: entries.map((e) => e.name).sort() };
      } catch (error) {
        const problem = problemFromError(normal, error);
        if (problem.kind === 'permission' || problem.kind === 'io') this.#record(problem);
        listing = { ok: false, problem };
      }
    }
    this.#listings.set(normal, listing);
    return listing;
  }

  /** Sorted entry names of a directory, or undefined when it cannot be listed. */
  list(systemPath: string): string[] | undefined {
    const listing = this.listing(systemPath);
    return listing.ok ? listing.names : undefined;
  }

  /** The file's status after links, or undefined when it cannot be found; asked once per file per run. */
  stat(systemPath: string): Stats | undefined {
    const located = this.locate(systemPath);
    if (!located.ok || DISCARDING_DEVICES.has(located.path)) return undefined;
    if (this.#stats.has(located.path)) return this.#stats.get(located.path);
    let stats: Stats | undefined;
    try {
      stats = lstatSync(this.host(located.path));
    } catch {
      stats = undefined;
    }
    this.#stats.set(located.path, stats);
    return stats;
  }

  /** What the path is after links: a regular file, a directory, something else, or nothing. */
  kind(systemPath: string): 'file' | 'directory' | 'other' | undefined {
    const stats = this.stat(systemPath);
    if (!stats) return undefined;
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other';
  }

  /** Whether the file (after links) has any execute bit set. */
  executable(systemPath: string): boolean {
    return ((this.stat(systemPath)?.mode ?? 0) & 0o111) !== 0;
  }

  /** Whether a directory entry exists (a dangling symlink counts: systemd only needs the name). */
  exists(systemPath: string): boolean {
    // Resolve the directory inside the root first, so that a linked parent (`lib -> /usr/lib`)
    // is followed chroot-style rather than by the host's filesystem.
    const dir = this.locate(posix.dirname(normalSystemPath(systemPath)));
    if (!dir.ok || DISCARDING_DEVICES.has(dir.path)) return false;
    try {
      lstatSync(this.host(posix.join(dir.path, posix.basename(systemPath))));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Whether a log written to this path is kept nowhere: /dev/null and the other devices that
   * discard what is written, by name or through a link, or any character device under the root
   * that is not a terminal. /dev/stdout and /dev/stderr are not: they go to the service's output.
   */
  discards(systemPath: string): boolean {
    const normal = normalSystemPath(systemPath);
    if (DISCARDING_DEVICES.has(normal)) return true;
    if (/^\/dev\/(std(out|err|in)|fd\/|tty|console|log$|pts\/)/.test(normal)) return false;
    // A log path is not a file the run reads: what cannot be resolved is not a refusal.
    const located = this.#walk(normal, false);
    if (!located.ok) return false;
    if (DISCARDING_DEVICES.has(located.path)) return true;
    if (/^\/dev\/(tty|console|pts\/)/.test(located.path)) return false;
    try {
      return lstatSync(this.host(located.path)).isCharacterDevice();
    } catch {
      return false;
    }
  }

  /** What a non-regular file is ("a FIFO (named pipe)"), for messages. */
  describe(systemPath: string): string | undefined {
    const stats = this.stat(systemPath);
    return stats ? typeOf(stats) : undefined;
  }

  /**
   * Why a file that is there is not read (a FIFO, no permission, a link leaving the root, too
   * large), or undefined when it reads, is absent or is a directory.
   */
  refused(systemPath: string): FileProblem | undefined {
    const loaded = this.load(systemPath);
    if (loaded.ok || loaded.problem.kind === 'absent' || loaded.problem.kind === 'directory') return undefined;
    return loaded.problem;
  }

  /** Marks a refusal as reported by a reader at the line that referred to the file. */
  reported(problem: FileProblem): void {
    const entry = this.#refusals.get(problem.path);
    if (entry) entry.reported = true;
  }

  /** Every refusal so far (permission, I/O, non-regular, too large, outside the root, loops). */
  refusals(): FileProblem[] {
    return [...this.#refusals.values()].map((r) => r.problem);
  }

  /** Refusals that no reader reported at a referring line: the engine reports them at the file. */
  unreportedRefusals(): FileProblem[] {
    return [...this.#refusals.values()].filter((r) => !r.reported).map((r) => r.problem);
  }
}
