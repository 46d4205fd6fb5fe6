import type { Diagnostic } from '../../../inventory/diagnostic.js';
import type { SourcePosition } from '../../../inventory/evidence.js';

/** One `retain NAME COUNT` (or deprecated `interval NAME COUNT`) line. */
export interface RsnapshotLevel {
  name: string;
  count: number;
  at: SourcePosition;
}

export interface RsnapshotConf {
  file: string;
  snapshotRoot?: { value: string; at: SourcePosition };
  levels: RsnapshotLevel[];
  syncFirst: boolean;
  /** `backup SRC DEST` sources that are local paths. */
  sources: Array<{ value: string; at: SourcePosition }>;
  /** `backup_script` / remote `backup` sources: contents the reader cannot list. */
  opaqueSources: Array<{ value: string; at: SourcePosition }>;
  /** `include_conf` targets (read by the caller). */
  includes: Array<{ value: string; at: SourcePosition }>;
  /** Set by the caller when an include_conf could not be read: it may hold more levels. */
  unreadInclude?: boolean;
  diagnostics: Diagnostic[];
}

// rsnapshot 1.4.5 /usr/bin/rsnapshot parse_config_file: each line is split on /\t+/ and a line
// whose parameter is not known is a config error; `interval` is the deprecated name of `retain`.
const KNOWN = new Set([
  'config_version', 'snapshot_root', 'include_conf', 'no_create_root', 'cmd_cp', 'cmd_rm', 'cmd_rsync', 'cmd_ssh',
  'cmd_logger', 'cmd_du', 'cmd_rsnapshot_diff', 'cmd_preexec', 'cmd_postexec', 'linux_lvm_cmd_lvcreate',
  'linux_lvm_cmd_lvremove', 'linux_lvm_cmd_mount', 'linux_lvm_cmd_umount', 'linux_lvm_snapshotsize',
  'linux_lvm_snapshotname', 'linux_lvm_vgpath', 'linux_lvm_mountpath', 'retain', 'interval', 'verbose', 'loglevel',
  'logfile', 'lockfile', 'stop_on_stale_lockfile', 'rsync_short_args', 'rsync_long_args', 'ssh_args', 'du_args',
  'one_fs', 'include', 'exclude', 'include_file', 'exclude_file', 'link_dest', 'sync_first', 'use_lazy_deletes',
  'rsync_numtries', 'backup', 'backup_script', 'backup_exec',
]);

/** Reads one rsnapshot config text statically (tabs separate fields, `#` starts a comment line). */
export function readRsnapshotConf(file: string, text: string): RsnapshotConf {
  const conf: RsnapshotConf = { file, levels: [], syncFirst: false, sources: [], opaqueSources: [], includes: [], diagnostics: [] };
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const lineNo = index + 1;
    if (/^\s*(#|$)/.test(line)) return;
    const fields: Array<{ value: string; column: number }> = [];
    const re = /[^\t]+/g;
    for (let m = re.exec(line); m; m = re.exec(line)) fields.push({ value: m[0], column: m.index + 1 });
    const key = fields[0];
    if (!key) return;
    const at = (column: number): SourcePosition => ({ file, line: lineNo, column });
    if (!KNOWN.has(key.value)) {
      const word = key.value.split(/\s+/)[0] ?? '';
      const spaced = KNOWN.has(word);
      conf.diagnostics.push({
        code: 'config-error',
        message: spaced
          ? `rsnapshot needs TABs between fields: "${key.value}" is separated by spaces, and rsnapshot rejects the line`
          : `Unknown rsnapshot parameter "${key.value}"`,
        position: at(key.column),
        ...(spaced ? { suggestion: `Replace the spaces after "${word}" with a TAB` } : {}),
      });
      return;
    }
    const value = fields[1];
    const arg = (i: number) => fields[i];
    if (key.value === 'snapshot_root' && value) conf.snapshotRoot = { value: value.value, at: at(value.column) };
    else if ((key.value === 'retain' || key.value === 'interval') && value) {
      const count = arg(2);
      const n = count ? Number(count.value.trim()) : NaN;
      if (!count || !Number.isInteger(n) || n < 1) {
        conf.diagnostics.push({
          code: 'config-error',
          message: `${key.value} ${value.value}: the count must be a positive whole number`,
          position: at((count ?? value).column),
        });
        return;
      }
      conf.levels.push({ name: value.value.trim(), count: n, at: at(key.column) });
    } else if (key.value === 'sync_first' && value) conf.syncFirst = value.value.trim() === '1';
    else if (key.value === 'include_conf' && value) conf.includes.push({ value: value.value.trim(), at: at(value.column) });
    else if (key.value === 'backup' && value) {
      const src = value.value.trim();
      // Remote sources are `host:/path` or `rsync://`; they live on another machine.
      if (/^[^/]*:/.test(src)) conf.opaqueSources.push({ value: src, at: at(value.column) });
      else conf.sources.push({ value: src.replace(/(.)\/$/, '$1'), at: at(value.column) });
    } else if ((key.value === 'backup_script' || key.value === 'backup_exec') && value) {
      conf.opaqueSources.push({ value: value.value.trim(), at: at(value.column) });
    } else if (!value && key.value !== 'no_create_root') {
      conf.diagnostics.push({ code: 'config-error', message: `rsnapshot parameter "${key.value}" has no value (fields are TAB-separated)`, position: at(key.column) });
    }
  });
  return conf;
}
