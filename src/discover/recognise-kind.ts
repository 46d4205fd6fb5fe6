import path from 'node:path';
import type { SourceKind } from '../inventory/inventory.js';

/**
 * The names a user can give a kind of configuration (`sources:` keys, `KIND:PATH` on the
 * command line): every software privacy-lint reads. The backup tools share the kind `backup`.
 */
export const NAMEABLE_KINDS: Record<string, SourceKind> = {
  prosody: 'prosody',
  ejabberd: 'ejabberd',
  nginx: 'nginx',
  apache: 'apache',
  caddy: 'caddy',
  logrotate: 'logrotate',
  journald: 'journald',
  fail2ban: 'fail2ban',
  cron: 'cron',
  systemd: 'systemd',
  borgmatic: 'backup',
  borg: 'backup',
  restic: 'backup',
  autorestic: 'backup',
  duplicity: 'backup',
  duply: 'backup',
  rsnapshot: 'backup',
  backup: 'backup',
};

export const KIND_NAMES = Object.keys(NAMEABLE_KINDS);

/** `nginx:./site.conf` → the kind and the path; undefined when the text names no known kind. */
export function splitKindPrefix(given: string): { kind: SourceKind; name: string; path: string } | undefined {
  const m = /^([a-z0-9]+):(.+)$/.exec(given);
  if (!m) return undefined;
  const kind = NAMEABLE_KINDS[m[1] as string];
  return kind === undefined ? undefined : { kind, name: m[1] as string, path: m[2] as string };
}

/** Where each kind's files sit (path fragments, as each distribution lays them out). */
const BY_LOCATION: { kind: SourceKind; test: RegExp }[] = [
  { kind: 'prosody', test: /(^|\/)prosody\/|\.cfg\.lua$/ },
  { kind: 'ejabberd', test: /(^|\/)ejabberd(-[^/]+)?\/(conf\/)?[^/]+\.ya?ml$/ },
  { kind: 'nginx', test: /(^|\/)nginx\// },
  { kind: 'apache', test: /(^|\/)(apache2|apache24|httpd)\// },
  { kind: 'caddy', test: /(^|\/)caddy\/|(^|\/)Caddyfile[^/]*$/ },
  { kind: 'logrotate', test: /(^|\/)logrotate\.(conf|d\/)/ },
  { kind: 'journald', test: /(^|\/)journald\.conf(\.d\/|$)/ },
  { kind: 'fail2ban', test: /(^|\/)fail2ban\// },
  { kind: 'systemd', test: /\.(timer|service)$/ },
  { kind: 'cron', test: /(^|\/)(crontab|cron\.(d|hourly|daily|weekly|monthly)\/|crontabs\/|cron\/tabs\/|periodic\/)/ },
  { kind: 'backup', test: /(^|\/)(borgmatic(\.d)?\/|restic\/|\.?autorestic\.ya?ml$|\.?duply\/|rsnapshot\.conf$)/ },
];

/** What a file's text looks like, for a file whose location says nothing. */
const BY_CONTENT: { kind: SourceKind; test: (text: string) => boolean }[] = [
  { kind: 'prosody', test: (t) => /^\s*(VirtualHost|Component)\s*["'(]/m.test(t) || /^\s*modules_enabled\s*=/m.test(t) },
  // An ejabberd config has `hosts:` and a `listen:` or `modules:` at the top level: a YAML
  // file is not ejabberd's because it is YAML.
  { kind: 'ejabberd', test: (t) => /^hosts\s*:/m.test(t) && /^(listen|modules)\s*:/m.test(t) },
  { kind: 'backup', test: (t) => /^(repositories|source_directories|location)\s*:/m.test(t) && /^(keep_\w+|retention|storage|encryption_passphrase)\s*:/m.test(t) },
  { kind: 'nginx', test: (t) => /^\s*(http|server|events)\s*\{/m.test(t) && /;\s*$/m.test(t) },
  { kind: 'apache', test: (t) => /^\s*<VirtualHost\b/im.test(t) || /^\s*(ServerRoot|CustomLog|DocumentRoot|IncludeOptional)\s/m.test(t) },
  { kind: 'systemd', test: (t) => /^\[(Unit|Service|Timer)\]\s*$/m.test(t) },
  { kind: 'journald', test: (t) => /^\[Journal\]\s*$/m.test(t) },
  { kind: 'fail2ban', test: (t) => /^\[(DEFAULT|Definition|sshd)\]\s*$/m.test(t) && /^\s*(bantime|findtime|dbpurgeage|logtarget)\s*=/m.test(t) },
  { kind: 'logrotate', test: (t) => /^\s*(rotate\s+\d+|maxage\s+\d+|(daily|weekly|monthly)\s*$)/m.test(t) },
  { kind: 'cron', test: (t) => /^\s*(@(daily|hourly|weekly|monthly|reboot)|([\d*,/-]+\s+){4}[\d*,/a-z-]+)\s+\S/im.test(t) },
];

/**
 * The kind of a file named on the command line, from where it is, else from what it holds;
 * undefined when neither tells (the caller asks the user to name it as KIND:PATH).
 */
export function recogniseKind(file: string, text: string | undefined): SourceKind | undefined {
  const normal = file.split(path.sep).join('/');
  const byPlace = BY_LOCATION.find((k) => k.test.test(normal));
  if (byPlace) return byPlace.kind;
  if (text === undefined) return undefined;
  return BY_CONTENT.find((k) => k.test(text))?.kind;
}
