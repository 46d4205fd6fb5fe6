/**
 * The software privacy-lint reads, each with the release its readers assume when `versions:`
 * does not name one: Debian 12 (bookworm)'s package, as `dpkg-query -W` reports it there.
 * Prosody and ejabberd have their own tables of defaults by release (PROSODY_RELEASES,
 * DEFAULT_EJABBERD_RELEASE); the others' readers follow the release named here.
 */
export const ASSUMED_RELEASES = {
  nginx: { release: '1.22.1', source: 'Debian 12 package nginx 1.22.1-9+deb12u11' },
  apache: { release: '2.4.71', source: 'Debian 12 package apache2 2.4.71-1~deb12u1' },
  caddy: { release: '2.6.2', source: 'Debian 12 package caddy 2.6.2-5' },
  logrotate: { release: '3.21.0', source: 'Debian 12 package logrotate 3.21.0-1' },
  systemd: { release: '252', source: 'Debian 12 package systemd 252.39-1~deb12u2' },
  fail2ban: { release: '1.0.2', source: 'Debian 12 package fail2ban 1.0.2-2' },
  borgmatic: { release: '1.7.7', source: 'Debian 12 package borgmatic 1.7.7-1' },
  borg: { release: '1.2.4', source: 'Debian 12 package borgbackup 1.2.4-1' },
  restic: { release: '0.14.0', source: 'Debian 12 package restic 0.14.0-1+b5' },
  duplicity: { release: '0.8.22', source: 'Debian 12 package duplicity 0.8.22-1+b3' },
  duply: { release: '2.4.1', source: 'Debian 12 package duply 2.4.1-1' },
  rsnapshot: { release: '1.4.5', source: 'Debian 12 package rsnapshot 1.4.5-1' },
} as const;

export type OtherSoftware = keyof typeof ASSUMED_RELEASES;
export const OTHER_SOFTWARE = Object.keys(ASSUMED_RELEASES) as OtherSoftware[];

/** A release as people write them: 1.22.1, 2.8, 252, 0.14.0-rc1. */
export const RELEASE_TEXT = /^\d+(\.\d+)*([-~+][0-9A-Za-z.~+-]+)?$/;

/** The release a reader judges `software` for, and how to say it in a finding. */
export function releaseOf(versions: Partial<Record<OtherSoftware, string>>, software: OtherSoftware): { release: string; note: string } {
  const named = versions[software];
  if (named !== undefined) return { release: named, note: `${software} ${named} (versions.${software})` };
  const assumed = ASSUMED_RELEASES[software];
  return { release: assumed.release, note: `${software} ${assumed.release} assumed (${assumed.source}; set versions.${software} if it differs)` };
}
