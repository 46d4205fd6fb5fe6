import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../helpers/lint-fixture.js';

/** fixtures/suppressions/every-language: one config per language, each with one known finding. */
export const FIXTURE = path.join(repoRoot, 'fixtures', 'suppressions', 'every-language');

/** A language, the file of the fixture written in it, the line holding a finding and its rule. */
export interface LanguageCase {
  language: string;
  file: string;
  /** The finding's line, trimmed, exactly as in the file. */
  target: string;
  rule: string;
  /** The comment marker of the language. */
  marker: string;
}

export const LANGUAGES: LanguageCase[] = [
  { language: 'Lua (Prosody)', file: 'etc/prosody/prosody.cfg.lua', target: 'http_file_share_expires_after = "never"', rule: 'upload-retention', marker: '--' },
  { language: 'YAML (ejabberd)', file: 'etc/ejabberd/ejabberd.yml', target: 'loglevel: info', rule: 'ip-address-storage', marker: '#' },
  { language: 'nginx', file: 'etc/nginx/nginx.conf', target: 'access_log /var/log/nginx/xmpp.log;', rule: 'ip-address-storage', marker: '#' },
  { language: 'Apache', file: 'etc/apache2/apache2.conf', target: 'CustomLog /var/log/apache2/access.log combined', rule: 'log-retention', marker: '#' },
  { language: 'Caddyfile', file: 'etc/caddy/Caddyfile', target: 'output file /var/log/caddy/access.log', rule: 'log-retention', marker: '#' },
  { language: 'logrotate', file: 'etc/logrotate.d/nginx', target: 'weekly', rule: 'log-retention', marker: '#' },
  { language: 'crontab', file: 'etc/cron.d/ejabberd', target: '0 4 * * * ejabberd ejabberdctl delete_old_mam_messages all 30', rule: 'message-archive-retention', marker: '#' },
  { language: 'systemd unit', file: 'etc/systemd/system/restic.service', target: 'Environment=RESTIC_PASSWORD=', rule: 'config-error', marker: ';' },
  { language: 'fail2ban', file: 'etc/fail2ban/fail2ban.conf', target: 'logtarget = /var/log/fail2ban.log', rule: 'log-retention', marker: '#' },
  { language: 'journald', file: 'etc/systemd/journald.conf', target: 'MaxRetentionSec=2w', rule: 'config-warning', marker: '#' },
  { language: 'shell script (cron.daily)', file: 'etc/cron.daily/borg', target: 'borg create /mnt/usb/borg::daily-$(date +%F) /etc/ejabberd', rule: 'backup-encryption', marker: '#' },
];

/** 1-based line of the case's target in a text. */
export function lineOf(text: string, target: string): number {
  const index = text.split('\n').findIndex((l) => l.trim() === target);
  if (index < 0) throw new Error(`"${target}" not in the text`);
  return index + 1;
}

/**
 * A copy of the fixture in a temporary directory, with `lines(case)` inserted before each case's
 * target line and `after(case)` after it (indented like it; `{}` in a line becomes the case's
 * comment marker).
 */
export async function copyWithComments(lines: (c: LanguageCase) => string[], after: (c: LanguageCase) => string[] = () => []): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'privacy-lint-suppress-'));
  await cp(FIXTURE, root, { recursive: true, verbatimSymlinks: true });
  for (const c of LANGUAGES) {
    const file = path.join(root, c.file);
    const text = await readFile(file, 'utf8');
    const all = text.split('\n');
    const at = lineOf(text, c.target) - 1;
    const indent = /^\s*/.exec(all[at] as string)?.[0] ?? '';
    const indented = (l: string): string => (l === '' ? '' : indent + l.replaceAll('{}', c.marker));
    all.splice(at + 1, 0, ...after(c).map(indented));
    all.splice(at, 0, ...lines(c).map(indented));
    await writeFile(file, all.join('\n'));
  }
  return root;
}
