import { posix } from 'node:path';
import type { RootFiles } from '../../files/root-files.js';
import type { SourcePosition } from '../../inventory/evidence.js';

/** Where an ejabberd installation writes its log, and why privacy-lint thinks so. */
export interface EjabberdLogLocation {
  /** System path of ejabberd.log. */
  file: string;
  /** For evidence notes: "LOGS_DIR=/srv/logs in ejabberdctl.cfg", "the ProcessOne installer's logs directory". */
  why: string;
  /** The ejabberdctl.cfg line that set it, when one did. */
  at?: SourcePosition;
}

/**
 * Each layout's LOGS_DIR when ejabberdctl.cfg does not set one: ejabberdctl (ejabberd 23.01,
 * ejabberdctl.template) sources CONFIG_DIR/ejabberdctl.cfg, then takes
 * `EJABBERD_LOG_PATH:=$LOGS_DIR/ejabberd.log`, LOGS_DIR defaulting to the `{{logs_dir}}` the
 * build filled in: /var/log/ejabberd for distribution packages (Debian's ejabberdctl line 60),
 * `<release>/logs` for ProcessOne's installers and containers, whose release sits beside conf/
 * (/opt/ejabberd/logs, /opt/ejabberd-<version>/logs, /home/ejabberd/logs in ejabberd/ecs).
 */
function defaultLogsDir(confDir: string): { dir: string; why: string } {
  if (/^\/opt\/ejabberd(-[^/]+)?\/conf$/.test(confDir) || confDir === '/home/ejabberd/conf') {
    return { dir: posix.join(posix.dirname(confDir), 'logs'), why: `the logs directory beside ${confDir} (ProcessOne's installers and containers)` };
  }
  return { dir: '/var/log/ejabberd', why: "ejabberdctl's LOGS_DIR for distribution packages" };
}

/**
 * The log file of the ejabberd whose main config is `main` (a system path): EJABBERD_LOG_PATH
 * or LOGS_DIR from the ejabberdctl.cfg beside it (ejabberdctl sources it before applying its
 * defaults), else the layout's default.
 */
export function ejabberdLogLocation(files: RootFiles, main: string | undefined): EjabberdLogLocation {
  const confDir = main === undefined ? '/etc/ejabberd' : posix.dirname(main);
  const ctlPath = posix.join(confDir, 'ejabberdctl.cfg');
  const text = files.read(ctlPath);
  const fallback = defaultLogsDir(confDir);
  let logsDir: { value: string; at: SourcePosition } | undefined;
  let logPath: { value: string; at: SourcePosition } | undefined;
  (text ?? '').split('\n').forEach((line, index) => {
    const m = /^\s*(?:export\s+)?(LOGS_DIR|EJABBERD_LOG_PATH)=(?:"([^"$`]*)"|'([^']*)'|([^\s"'$`;#]+))\s*(?:#.*)?$/.exec(line);
    if (!m) return;
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    const at = { file: files.host(ctlPath), line: index + 1, column: line.indexOf(m[1] as string) + 1 };
    if (m[1] === 'LOGS_DIR') logsDir = { value, at };
    else logPath = { value, at };
  });
  if (logPath !== undefined && logPath.value.startsWith('/')) {
    return { file: posix.normalize(logPath.value), why: `EJABBERD_LOG_PATH in ${ctlPath}`, at: logPath.at };
  }
  if (logsDir !== undefined && logsDir.value.startsWith('/')) {
    return { file: posix.join(posix.normalize(logsDir.value), 'ejabberd.log'), why: `LOGS_DIR in ${ctlPath}`, at: logsDir.at };
  }
  return { file: posix.join(fallback.dir, 'ejabberd.log'), why: fallback.why };
}
