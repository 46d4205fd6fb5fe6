import { posix } from 'node:path';
import { parseLogrotate, type LogrotateBlock, type LogrotateDirective } from '../../formats/logrotate/parse-logrotate.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import type { SoftwareReading } from '../../inventory/log-retention.js';
import type { FileProblem } from '../../files/file-problem.js';
import type { RootFiles } from '../../files/root-files.js';
import { applyDirective } from './apply-directive.js';
import { blockRetention } from './block-retention.js';
import { rotationSchedule, type RotationSchedule } from './rotation-schedule.js';
import { compiledDefaults, copySettings, type RotationSettings } from './rotation-settings.js';
import { appendAll } from '../../arrays/append-all.js';
import { releaseOf, type OtherSoftware } from '../../config/software-releases.js';
import { compileGlob } from '../../discover/glob-match.js';

/** logrotate 3.21.0 config.c:998 MAX_NESTING: deeper includes are refused. */
const MAX_NESTING = 16;

/**
 * logrotate 3.21.0 config.c:126-146 defTabooExts: files in an included directory whose names
 * end so are skipped.
 */
const TABOO_ENDINGS = [',v', '.bak', '.cfsaved', '.disabled', '.dpkg-bak', '.dpkg-del', '.dpkg-dist', '.dpkg-new', '.dpkg-old', '.dpkg-tmp', '.rpmnew', '.rpmorig', '.rpmsave', '.swp', '.ucf-dist', '.ucf-new', '.ucf-old', '~'];

function isTaboo(name: string): boolean {
  return TABOO_ENDINGS.some((e) => name.endsWith(e)) || /\.rhn-cfg-tmp-.*$/.test(name);
}

/** A block as logrotate resolved it: its patterns and the settings it ended with. */
export interface ResolvedBlock {
  patterns: string[];
  settings: RotationSettings;
  at: SourcePosition;
}

/** A reading with the resolved blocks, for callers (and tests) that need the settings themselves. */
export type LogrotateReading = SoftwareReading & { blocks: ResolvedBlock[] };

interface Reader {
  files: RootFiles;
  out: LogrotateReading;
  schedule: RotationSchedule;
  /** The current defaults every later block copies. */
  defaults: RotationSettings;
  /** System paths of the files being read, for include cycles. */
  stack: string[];
  /** Literal (glob-free) log paths of earlier blocks, for logrotate's "duplicate log entry". */
  literal: Map<string, SourcePosition>;
}

function replaceSettings(target: RotationSettings, from: RotationSettings): void {
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- empties the object in place: the keys are its own
  for (const key of Object.keys(target) as Array<keyof RotationSettings>) delete target[key];
  Object.assign(target, from);
}

/** Whether `systemPath` is a criterion directive name (a period or `size`). */
function isCriterion(name: string): boolean {
  return ['hourly', 'daily', 'weekly', 'monthly', 'yearly', 'size'].includes(name);
}

function include(r: Reader, d: LogrotateDirective, fromFile: string, target: RotationSettings): void {
  const word = d.args[0];
  if (word === undefined) {
    r.out.diagnostics.push({ code: 'parse-error', message: '"include" needs a file or directory', position: d.at });
    return;
  }
  const systemPath = word.text.startsWith('/') ? posix.normalize(word.text) : posix.join(posix.dirname(fromFile), word.text);
  if (r.stack.includes(systemPath)) {
    r.out.diagnostics.push({
      code: 'include-error',
      message: `Include cycle: ${[...r.stack, systemPath].join(' → ')}; logrotate stops after ${MAX_NESTING} levels`,
      position: word.at,
    });
    return;
  }
  if (r.stack.length > MAX_NESTING) {
    r.out.diagnostics.push({ code: 'include-error', message: 'Include nesting too deep (logrotate allows 16 levels)', position: word.at });
    return;
  }
  includePath(r, systemPath, word.at, target);
}

/** The include-error for a file or directory that is there but cannot be read. */
function notRead(r: Reader, problem: FileProblem, at: SourcePosition): void {
  r.files.reported(problem);
  r.out.diagnostics.push({ code: 'include-error', message: `${problem.message}; the logrotate settings in it are unknown`, position: at });
}

/** Reads an included file, or every file of an included directory (config.c:1000-1045). */
function includePath(r: Reader, systemPath: string, at: SourcePosition, target: RotationSettings): void {
  const kind = r.files.kind(systemPath);
  if (kind === undefined) {
    const located = r.files.locate(systemPath);
    if (!located.ok && located.problem.kind !== 'absent') notRead(r, located.problem, at);
    else r.out.diagnostics.push({ code: 'include-error', message: `Included path ${systemPath} does not exist under the root: logrotate reports "cannot stat"`, position: at });
    return;
  }
  r.out.searched.push(systemPath);
  if (kind !== 'directory') {
    readFile(r, systemPath, target, true, [], at);
    return;
  }
  const listing = r.files.listing(systemPath);
  if (!listing.ok) {
    notRead(r, listing.problem, at);
    return;
  }
  const names = listing.names.filter((n) => !isTaboo(n));
  // config.c:489 compar: strcoll; in the C locale of a timer run that is byte order.
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  names.forEach((name, i) => {
    const path = posix.join(systemPath, name);
    const backup = copySettings(r.defaults);
    // config.c:734-748: the defaults are restored only when the file has an error.
    if (!readFile(r, path, target, true, names.slice(i + 1), at)) replaceSettings(r.defaults, backup);
  });
}

/**
 * Reads one file: its top-level directives change `target` (the defaults, or a block when the
 * file is included from inside one), its blocks become log retention entries. Returns false
 * when logrotate would give up on the file (a bad value outside any block).
 */
function readFile(r: Reader, systemPath: string, target: RotationSettings, included: boolean, laterFiles: string[], at?: SourcePosition): boolean {
  const host = r.files.host(systemPath);
  // Resolved inside the root first: statting the host path would follow links out of it.
  if (r.files.resolve(systemPath) === '/dev/null') return true;
  const over = included ? r.files.include(systemPath) : undefined;
  if (over) {
    notRead(r, over, at ?? { file: host, line: 1, column: 1 });
    return true;
  }
  const loaded = r.files.load(systemPath);
  if (!loaded.ok) {
    // A missing file or a directory is skipped as logrotate does; anything else is said.
    if (loaded.problem.kind !== 'absent' && loaded.problem.kind !== 'directory') notRead(r, loaded.problem, at ?? { file: host, line: 1, column: 1 });
    return true;
  }
  const text = loaded.text;
  const mode = r.files.stat(systemPath)?.mode ?? 0;
  if (mode & 0o022) {
    // config.c:1060: run as root, logrotate ignores a config file writable by group or others.
    // Only the live system has the modes logrotate will see: a copy or a git checkout (which
    // keeps no group bits) may not, so there the file is read, with the warning.
    r.out.diagnostics.push({
      code: 'config-warning',
      message: r.files.live
        ? `${systemPath} is writable by group or others (mode ${(mode & 0o777).toString(8)}): logrotate ignores it`
        : `${systemPath} is writable by group or others (mode ${(mode & 0o777).toString(8)}) in this copy: logrotate ignores such a file on the live system, so make sure it is not writable there; it is read here`,
      position: { file: host, line: 1, column: 1 },
      suggestion: `chmod 644 ${systemPath}`,
    });
    if (r.files.live) return true;
  }
  r.out.files.push(host);
  // Parsed once per run however often it is included; its syntax errors are reported once.
  let first = false as boolean; // set inside the parse callback
  const parsed = r.files.parsed(loaded, 'logrotate', () => {
    first = true;
    return parseLogrotate(text, host);
  });
  if (first) appendAll(r.out.diagnostics, parsed.diagnostics);
  r.stack.push(systemPath);
  try {
    for (const st of parsed.statements) {
      if (st.kind === 'block') {
        readBlock(r, st.block, systemPath);
        continue;
      }
      const d = st.directive;
      if (d.name === 'include') {
        include(r, d, systemPath, target);
        continue;
      }
      const result = applyDirective(target, d);
      if (result.kind === 'ignored') r.out.diagnostics.push({ code: 'parse-error', message: result.message, position: d.at });
      else if (result.kind === 'error') {
        r.out.diagnostics.push({ code: 'parse-error', message: `${result.message}; logrotate stops reading ${systemPath} here`, position: d.at });
        return false;
      } else if (result.changed && included && target === r.defaults) {
        const later = laterFiles.length > 0 ? `the files read after it (${laterFiles.join(', ')}) and ` : '';
        r.out.diagnostics.push({
          code: 'config-warning',
          message: `"${d.argText === '' ? d.name : `${d.name} ${d.argText}`}" outside any block in an included file changes logrotate's defaults for ${later}the rest of the including file, not only for ${posix.basename(systemPath)}`,
          position: d.at,
          suggestion: 'Move it inside the block(s) of this file',
        });
      }
    }
  } finally {
    r.stack.pop();
  }
  return true;
}

function readBlock(r: Reader, block: LogrotateBlock, systemPath: string): void {
  const settings = copySettings(r.defaults);
  let dropped: SourcePosition | undefined;
  let lastCriterion: LogrotateDirective | undefined;
  for (const d of block.directives) {
    if (d.name === 'include') {
      include(r, d, systemPath, settings);
      continue;
    }
    const result = applyDirective(settings, d);
    if (result.kind === 'ignored') {
      r.out.diagnostics.push({ code: 'parse-error', message: result.message, position: d.at });
      continue;
    }
    if (result.kind === 'error') {
      r.out.diagnostics.push({ code: 'parse-error', message: `${result.message}; logrotate skips this whole block`, position: d.at });
      dropped ??= d.at;
      continue;
    }
    if (!isCriterion(d.name)) continue;
    if (lastCriterion && (lastCriterion.name === 'size') !== (d.name === 'size')) {
      // config.c:641 set_criterium: the last criterion replaces the earlier one.
      const said = (x: LogrotateDirective): string => (x.argText === '' ? x.name : `${x.name} ${x.argText}`);
      const warning: Diagnostic = {
        code: 'config-warning',
        message: d.name === 'size'
          ? `"${said(d)}" after "${said(lastCriterion)}" replaces it: logrotate rotates this log only when it grows past the size, however old it is (the last criterion wins)`
          : `"${said(d)}" after "${said(lastCriterion)}" replaces the size criterion: only the period counts (the last criterion wins)`,
        position: d.at,
      };
      if (d.name === 'size') warning.suggestion = `Use "maxsize ${d.argText}" to rotate early on size while keeping "${said(lastCriterion)}"`;
      r.out.diagnostics.push(warning);
    }
    lastCriterion = d;
  }
  if (dropped || block.patterns.length === 0) return;
  // config.c: a path already claimed by an earlier block is an error ("duplicate log entry")
  // and is left out of this block; the earlier block's settings stay in force for it. Overlaps
  // of globs depend on the files present on the served system and are not checked.
  const words = block.patterns.filter((p) => {
    if (/[*?[]/.test(p.text)) {
      const match = compileGlob(p.text);
      if (match.ok) return true;
      r.out.diagnostics.push({ code: 'config-error', message: `Log path ${match.reason}: it matches no file, so this block rotates nothing there`, position: p.at });
      return false;
    }
    const earlier = r.literal.get(p.text);
    if (earlier) {
      r.out.diagnostics.push({
        code: 'config-error',
        message: `Duplicate log entry for ${p.text}: logrotate reports an error and keeps the settings of the earlier block (${earlier.file}:${earlier.line})`,
        position: p.at,
      });
      return false;
    }
    r.literal.set(p.text, p.at);
    return true;
  });
  if (words.length === 0) {
    r.out.blocks.push({ patterns: block.patterns.map((p) => p.text), settings, at: block.at });
    return;
  }
  const patterns = words.map((p) => p.text);
  // The block as written (logrotate -d prints it so); the retention entry leaves duplicates out.
  r.out.blocks.push({ patterns: block.patterns.map((p) => p.text), settings, at: block.at });
  r.out.logRetention.push({
    mechanism: 'logrotate',
    patterns,
    destinations: [],
    retention: blockRetention(settings, r.schedule, patterns.join(' '), (at) => block.directives.some((d) => d.at.file === at.file && d.at.line === at.line && d.at.column === at.column)),
  });
}


/**
 * Reads logrotate's configuration under `root` as `/etc/logrotate.conf` (what Debian's
 * logrotate.service runs) with its includes, in logrotate's order, and returns one log
 * retention entry per block. Nothing outside `root` is read.
 */
export function readLogrotate(files: RootFiles, versions: Partial<Record<OtherSoftware, string>> = {}): SoftwareReading {
  const { blocks: _blocks, ...reading } = readLogrotateFrom(files, '/etc/logrotate.conf', versions);
  return reading;
}

/**
 * The same for another main file (a path on the served system), e.g. a single logrotate.d file.
 * `versions` names the logrotate release whose compiled-in defaults apply; messages that rest on them say which.
 */
export function readLogrotateFrom(files: RootFiles, systemPath: string, versions: Partial<Record<OtherSoftware, string>> = {}): LogrotateReading {
  const out: LogrotateReading = { files: [], searched: [], diagnostics: [], practices: [], logRetention: [], blocks: [] };
  out.searched.push(systemPath);
  const host = files.host(systemPath);
  const r: Reader = {
    files,
    out,
    schedule: rotationSchedule(files, host),
    defaults: compiledDefaults({ file: host, line: 1, column: 1 }, releaseOf(versions, 'logrotate')),
    stack: [],
    literal: new Map(),
  };
  const main = files.load(systemPath);
  const fallback = '/etc/logrotate.d';
  if (!main.ok && main.problem.kind === 'absent' && systemPath === '/etc/logrotate.conf' && files.kind(fallback) === 'directory') {
    // Every distribution's logrotate.conf ends with `include /etc/logrotate.d` (Debian logrotate
    // 3.21.0-1 debian/logrotate.conf), and packages drop their blocks there: read them, with
    // logrotate's compiled-in defaults for what the missing file would set.
    const at = { file: files.host(fallback), line: 1, column: 1 };
    out.diagnostics.push({
      code: 'config-warning',
      message: `${systemPath} is absent: ${fallback} is read as the distribution's logrotate.conf would include it, with logrotate's compiled-in defaults for the settings that file would make`,
      position: at,
    });
    includePath(r, fallback, at, r.defaults);
  } else if (!main.ok) {
    if (main.problem.kind !== 'absent') notRead(r, main.problem, { file: host, line: 1, column: 1 });
    return out;
  } else readFile(r, systemPath, r.defaults, false, []);
  if (r.schedule.notEnabled) {
    // Debian's /etc/cron.daily/logrotate exits when systemd runs the system, so the timer is what rotates.
    out.diagnostics.push({
      code: 'config-warning',
      message: 'logrotate.timer is not enabled (no link to it in a *.wants/ directory): on a systemd system nothing runs logrotate, so no log is rotated',
      position: r.schedule.notEnabled,
      suggestion: 'systemctl enable --now logrotate.timer',
    });
  }
  appendAll(out.files, r.schedule.files);
  return out;
}
