import type { SourceKind } from '../inventory/inventory.js';

/**
 * Where each distribution puts the main config, relative to --root (DESIGN.md "discover").
 * Debian/Ubuntu/Fedora/Arch: /etc/prosody; FreeBSD ports: /usr/local/etc/prosody;
 * the upstream tarball's default prefix: /usr/local/etc/prosody as well.
 */
export const STANDARD_LOCATIONS: Partial<Record<SourceKind, string[]>> = {
  prosody: ['etc/prosody/prosody.cfg.lua', 'usr/local/etc/prosody/prosody.cfg.lua'],
  // Debian/Ubuntu: /etc/ejabberd; the official installers and containers: /opt/ejabberd/conf;
  // FreeBSD ports: /usr/local/etc/ejabberd (DESIGN.md "discover").
  ejabberd: ['etc/ejabberd/ejabberd.yml', 'opt/ejabberd/conf/ejabberd.yml', 'usr/local/etc/ejabberd/ejabberd.yml'],
};

/** What a file given on the command line is, judged by its name. */
export function kindOfFile(fileName: string): SourceKind | undefined {
  if (/\.cfg\.lua$/.test(fileName) || /\.lua$/.test(fileName)) return 'prosody';
  if (/\.ya?ml$/.test(fileName)) return 'ejabberd';
  return undefined;
}
