import type { RootFiles } from '../files/root-files.js';

/**
 * The families of systems whose layouts and daemons differ in what privacy-lint reads: where
 * the web server's main file is, which cron daemon runs jobs and which file names it skips.
 */
export type DistributionFamily = 'debian' | 'rhel' | 'suse' | 'alpine' | 'freebsd' | 'unknown';

export interface Distribution {
  family: DistributionFamily;
  /** How it was recognised, for messages: "etc/os-release ID=fedora". */
  basis: string;
}

/** os-release(5) IDs (and ID_LIKE words) of each family. */
const FAMILY_OF_ID: Record<string, DistributionFamily> = {
  debian: 'debian',
  ubuntu: 'debian',
  raspbian: 'debian',
  rhel: 'rhel',
  fedora: 'rhel',
  centos: 'rhel',
  rocky: 'rhel',
  almalinux: 'rhel',
  ol: 'rhel',
  suse: 'suse',
  opensuse: 'suse',
  'opensuse-leap': 'suse',
  'opensuse-tumbleweed': 'suse',
  sles: 'suse',
  sled: 'suse',
  alpine: 'alpine',
  freebsd: 'freebsd',
};

/** Files only one family ships, for a tree without os-release (an old system, a partial copy). */
const MARKERS: { file: string; family: DistributionFamily }[] = [
  { file: '/etc/debian_version', family: 'debian' },
  { file: '/etc/redhat-release', family: 'rhel' },
  { file: '/etc/fedora-release', family: 'rhel' },
  { file: '/etc/SUSE-brand', family: 'suse' },
  { file: '/etc/alpine-release', family: 'alpine' },
  // FreeBSD's rc.conf(5) and newsyslog.conf(5) are in its base system; Linux has neither.
  { file: '/etc/newsyslog.conf', family: 'freebsd' },
];

/**
 * Which system the tree under --root is: os-release(5) (/etc/os-release, else
 * /usr/lib/os-release) by ID, then ID_LIKE; else a file only that family ships; else unknown,
 * which the readers treat as Debian (privacy-lint's reference system) and say so.
 */
export function detectDistribution(files: RootFiles): Distribution {
  for (const file of ['/etc/os-release', '/usr/lib/os-release']) {
    const text = files.read(file);
    if (text === undefined) continue;
    const fields = parseOsRelease(text);
    const ids = [fields.get('ID') ?? '', ...(fields.get('ID_LIKE') ?? '').split(/\s+/)].map((id) => id.toLowerCase());
    for (const id of ids) {
      const family = FAMILY_OF_ID[id] ?? (id.startsWith('opensuse') ? 'suse' : undefined);
      if (family) return { family, basis: `${file.slice(1)} ID=${fields.get('ID') ?? ''}` };
    }
  }
  for (const marker of MARKERS) {
    if (files.exists(marker.file)) return { family: marker.family, basis: marker.file.slice(1) };
  }
  return { family: 'unknown', basis: 'no etc/os-release' };
}

/** KEY=value lines, values optionally in single or double quotes (os-release(5) is shell-compatible). */
function parseOsRelease(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    const raw = (m[2] ?? '').trim();
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    fields.set(m[1] as string, quoted ? (quoted[2] ?? '').replace(/\\(["\\$`])/g, '$1') : raw);
  }
  return fields;
}
