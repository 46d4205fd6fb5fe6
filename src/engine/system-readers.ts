import type { ResolvedConfig } from '../config/types.js';
import type { RootFiles } from '../files/root-files.js';
import type { SourceKind } from '../inventory/inventory.js';
import type { SoftwareReading } from '../inventory/log-retention.js';
import { APACHE_MAIN_FILES } from '../software/apache/main-files.js';
import { CADDY_SERVICE_PLACES } from '../software/caddy/config-location.js';

/** A reader of one software; `main` is a main file (system path) named by the user, else its standard places. */
export type SystemReader = (files: RootFiles, config: ResolvedConfig, main?: string) => SoftwareReading;

export interface SystemReaderEntry {
  kind: SourceKind;
  /** Standard places under --root (relative); the reader runs when one exists or a main file is named. */
  files: string[];
  /** Whether a main file can be named for it (`sources:`, the command line); the others read their places. */
  takesMainFile: boolean;
  load: () => Promise<SystemReader>;
}

/** FreeBSD's port: /usr/local/etc/nginx (RHEL, Alpine and openSUSE use /etc/nginx too). */
const NGINX_MAIN_FILES = ['etc/nginx/nginx.conf', 'usr/local/etc/nginx/nginx.conf'];

/**
 * The software around the XMPP server, each read from its standard place under --root: web
 * servers (whose logs hold client IPs) and the mechanisms that decide how long logs live.
 * A reader's module is loaded only when one of its files exists: a run on a Prosody-only tree
 * does not pay for parsing nginx (cold start is measured in bench/).
 */
export const SYSTEM_READERS: SystemReaderEntry[] = [
  {
    kind: 'nginx',
    files: NGINX_MAIN_FILES,
    takesMainFile: true,
    load: async () => {
      const { readNginx } = await import('../software/nginx/read-nginx.js');
      return (files, config, main) => readNginx(files, main ?? NGINX_MAIN_FILES.find((f) => files.exists(`/${f}`)), config.versions);
    },
  },
  {
    kind: 'apache',
    files: APACHE_MAIN_FILES,
    takesMainFile: true,
    load: async () => {
      const { readApache } = await import('../software/apache/read-apache.js');
      return (files, config, main) => readApache(files, main, config.versions);
    },
  },
  {
    kind: 'caddy',
    files: ['etc/caddy/Caddyfile', 'etc/caddy/caddy.json', ...CADDY_SERVICE_PLACES],
    takesMainFile: true,
    load: async () => {
      const { readCaddy } = await import('../software/caddy/read-caddy.js');
      return (files, config, main) => readCaddy(files, main, config.versions.caddy);
    },
  },
  {
    kind: 'logrotate',
    files: ['etc/logrotate.conf', 'etc/logrotate.d'],
    takesMainFile: false,
    load: async () => {
      const { readLogrotate } = await import('../software/logrotate/read-logrotate.js');
      return (files, config) => readLogrotate(files, config.versions);
    },
  },
  {
    kind: 'journald',
    files: ['etc/systemd/journald.conf', 'etc/systemd/journald.conf.d', 'usr/lib/systemd/journald.conf.d'],
    takesMainFile: false,
    load: async () => {
      const { readJournald } = await import('../software/journald/read-journald.js');
      return (files, config) => readJournald(files, config.versions);
    },
  },
  {
    kind: 'fail2ban',
    files: ['etc/fail2ban/fail2ban.conf', 'etc/fail2ban/jail.conf', 'etc/fail2ban/jail.local'],
    takesMainFile: false,
    load: async () => {
      const { readFail2ban } = await import('../software/fail2ban/read-fail2ban.js');
      return (files, config) => readFail2ban(files, config.versions);
    },
  },
];
