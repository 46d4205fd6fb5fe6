import type { SourceKind } from '../inventory/inventory.js';

/**
 * Where each distribution puts the main config, relative to --root (DESIGN.md "discover").
 * Debian/Ubuntu/Fedora/Arch: /etc/prosody; FreeBSD ports: /usr/local/etc/prosody;
 * the upstream tarball's default prefix: /usr/local/etc/prosody as well.
 */
export const STANDARD_LOCATIONS: Partial<Record<SourceKind, string[]>> = {
  prosody: ['etc/prosody/prosody.cfg.lua', 'usr/local/etc/prosody/prosody.cfg.lua'],
  // Debian/Ubuntu: /etc/ejabberd; ProcessOne's .deb/.rpm/.run installers and the
  // ghcr.io/processone/ejabberd container: /opt/ejabberd/conf (older installers:
  // /opt/ejabberd-<version>/conf, found by listing /opt); the ejabberd/ecs container:
  // /home/ejabberd/conf; FreeBSD ports: /usr/local/etc/ejabberd (DESIGN.md "discover").
  ejabberd: [
    'etc/ejabberd/ejabberd.yml',
    'opt/ejabberd/conf/ejabberd.yml',
    'home/ejabberd/conf/ejabberd.yml',
    'usr/local/etc/ejabberd/ejabberd.yml',
  ],
};

/** `/opt/ejabberd-<version>/conf/ejabberd.yml`, the layout of ProcessOne's versioned installs. */
export const VERSIONED_EJABBERD = /^ejabberd-\d[\w.-]*$/;

/**
 * A software's configuration directories: when one holds config files but the main file is
 * not found, the server would not start as given and its files were skipped, so the claims
 * they could decide are unverified, never verified by omission.
 */
export const CONFIG_DIRECTORIES: { kind: SourceKind; dirs: string[]; configFile: RegExp; main: string }[] = [
  { kind: 'prosody', dirs: ['etc/prosody', 'usr/local/etc/prosody'], configFile: /\.lua$/, main: 'prosody.cfg.lua' },
  { kind: 'ejabberd', dirs: ['etc/ejabberd', 'opt/ejabberd/conf', 'home/ejabberd/conf', 'usr/local/etc/ejabberd'], configFile: /\.ya?ml$/, main: 'ejabberd.yml' },
  { kind: 'nginx', dirs: ['etc/nginx', 'usr/local/etc/nginx'], configFile: /\.conf$|(^|\/)sites-enabled\//, main: 'nginx.conf' },
  { kind: 'apache', dirs: ['etc/apache2', 'etc/httpd', 'usr/local/etc/apache24'], configFile: /\.conf$|(^|\/)sites-enabled\//, main: 'apache2.conf or httpd.conf' },
  { kind: 'caddy', dirs: ['etc/caddy'], configFile: /(^|\/)Caddyfile[^/]*$|\.caddy(file)?$|\.json$/, main: 'Caddyfile' },
];


/** Where backup tools keep their configuration (borgmatic, borg, restic, autorestic, duply and rsnapshot: each tool's documented default paths). */
export const BACKUP_PLACES = [
  'etc/borgmatic/config.yaml',
  'etc/borgmatic.d',
  'etc/restic',
  'root/.autorestic.yml',
  'etc/duply',
  'root/.duply',
  'etc/rsnapshot.conf',
];
