import type { SourcePosition } from '../../inventory/evidence.js';

/**
 * Debian's /etc/apache2/envvars: a shell fragment sourced by apache2ctl and the systemd unit,
 * exporting APACHE_LOG_DIR and friends that apache2.conf uses as `${APACHE_LOG_DIR}`
 * (Debian apache2 2.4.71-1~deb12u1 /etc/apache2/envvars). Only simple `[export] K=V` lines are
 * read; `$SUFFIX` is empty for the main instance /etc/apache2 (the file's own `if` sets it only
 * for /etc/apache2-NAME).
 */
export interface EnvValue {
  value: string;
  at: SourcePosition;
}

export function readEnvvars(text: string, file: string): Map<string, EnvValue> {
  const vars = new Map<string, EnvValue>();
  const known = new Map<string, string>([['SUFFIX', '']]);
  text.split('\n').forEach((line, i) => {
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)=(\S*)\s*$/.exec(line);
    if (!m) return;
    const name = m[2] as string;
    if (name === 'SUFFIX') return;
    let raw = m[3] as string;
    if ((raw.startsWith('"') && raw.endsWith('"')) || (raw.startsWith("'") && raw.endsWith("'"))) raw = raw.slice(1, -1);
    const value = raw.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, v: string) => known.get(v) ?? '');
    known.set(name, value);
    vars.set(name, { value, at: { file, line: i + 1, column: (m[1] as string).length + 1 } });
  });
  return vars;
}

/**
 * What Debian's envvars sets when the file is not under --root (apache2 2.4.71-1~deb12u1
 * /etc/apache2/envvars), used with an 'unknown-value' notice so vhost files read alone resolve.
 */
export const DEBIAN_ENVVARS_DEFAULTS: Record<string, string> = {
  APACHE_LOG_DIR: '/var/log/apache2',
  APACHE_RUN_DIR: '/var/run/apache2',
  APACHE_LOCK_DIR: '/var/lock/apache2',
  APACHE_PID_FILE: '/var/run/apache2/apache2.pid',
  APACHE_RUN_USER: 'www-data',
  APACHE_RUN_GROUP: 'www-data',
};
