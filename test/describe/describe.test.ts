import { describe, expect, it } from 'vitest';
import { withoutCredentials } from '../../src/describe/describe.js';
import { repoRoot } from '../helpers/lint-fixture.js';
import { runCli } from '../helpers/run-cli.js';

/** `privacy-lint describe` as a user runs it, from the repository. */
async function describeFixture(dir: string, lang: 'en' | 'de', withConfig = true): Promise<string> {
  const args = ['describe', '--root', `fixtures/${dir}`, '--lang', lang, ...(withConfig ? ['--config', `fixtures/${dir}/privacy-lint.config.yaml`] : [])];
  const { code, stdout, stderr } = await runCli(args, repoRoot);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return stdout;
}

/** The footnote that follows `sentence` in the text. */
function footnoteOf(text: string, sentence: string): string {
  const at = text.indexOf(sentence);
  if (at < 0) throw new Error(`not in the text: ${sentence}\n${text}`);
  const ref = /^\[\^(\d+)\]/.exec(text.slice(at + sentence.length));
  if (!ref) throw new Error(`no footnote after: ${sentence}`);
  const number = ref[1] as string; // the group is not optional
  const line = text.split('\n').find((l) => l.startsWith(`[^${number}]: `));
  if (!line) throw new Error(`footnote ${number} missing`);
  return line;
}

function headings(text: string): string[] {
  return text.split('\n').filter((l) => l.startsWith('#'));
}

describe('privacy-lint describe on the demo (Prosody 0.12)', () => {
  // archive_expires_after = "3w": Prosody 0.12.3 modules/mod_mam/mod_mam.lua:510 counts a week as
  // day * 7, so 3 * 7 = 21 days; the cleanup runs once a day, so one day more: 22 days.
  it('English: one paragraph per category in the seeds\' order, figures in words, evidence in footnotes', async () => {
    const text = await describeFixture('demo', 'en');
    expect(headings(text)).toEqual([
      '## What we store and for how long',
      '### Account data and passwords',
      '### IP addresses',
      '### Login times',
      '### Message archive (one-to-one and group chats)',
      '### Offline messages',
      '### Uploaded files',
      '### Server logs',
      '### Backups',
      '### Push notifications',
      '### Transport encryption',
    ]);
    const archive = 'Messages in the archive are deleted after 21 days; because of how the deletion runs, a message can stay up to 22 days.';
    expect(footnoteOf(text, archive)).toContain('`/etc/prosody/prosody.cfg.lua:21`: archive\\_expires\\_after = "3w" (global, inherited by example.org).');
    expect(footnoteOf(text, archive)).toContain('Worst case: Prosody deletes expired data in a daily job');
    // "30 minutes" in muc_log_expires_after: 0.12.3 modules/mod_muc_mam.lua:475-482 keeps only the
    // "m", a month of 31 days: 30 * 31 = 930 days, 931 with the daily cleanup.
    expect(text).toContain('Group chat messages in the archive are deleted after 930 days; because of how the deletion runs, a message can stay up to 931 days.');
    // mod_offline is auto-loaded and has no expiry (0.12.3 core/modulemanager.lua:31-40, modules/mod_offline.lua).
    const offline = 'These messages are kept without a time limit: when they are deleted depends on use, not on time.';
    expect(footnoteOf(text, offline)).toContain('(default of prosody 0.12 (core/modulemanager.lua:31-40))');
    // http_file_share_expires_after = 2592000 seconds = 30 * 86400: 30 days, 31 with the daily cleanup.
    expect(text).toContain('Uploaded files are deleted after 30 days; because of how the deletion runs, a file can stay up to 31 days.');
    expect(text).toContain('They can contain the text of your messages. They do not contain the sender.');
  });

  // A server that is only its Prosody config (the demo before it grew a web server, logrotate and backups).
  it('English: what the configs cannot tell is "to be completed", naming what to check', async () => {
    const text = await describeFixture('prosody-only', 'en');
    const logs = 'The server writes a log to `/var/log/prosody/prosody.log`. **To be completed:** how long entries in this log are kept cannot be told from the configuration; the footnote says what to check.';
    expect(footnoteOf(text, logs)).toContain('To check: no logrotate configuration was found under --root (looked for etc/logrotate.conf)');
    const backups = '**To be completed:** no backup configuration was found; if backups are made, say how often, whether they are encrypted and how long they are kept.';
    expect(footnoteOf(text, backups)).toContain('Looked for: `/etc/borgmatic/config.yaml`');
    expect(footnoteOf(text, 'The time you log in is not stored.')).toBe(
      '[^4]: Read: `/etc/prosody/prosody.cfg.lua`, `/etc/prosody/conf.d/example.org.cfg.lua`; none of them sets this up.',
    );
  });

  it('German: the same facts in German words, durations in the dative', async () => {
    const text = await describeFixture('demo', 'de');
    expect(headings(text)[0]).toBe('## Was wir speichern und wie lange');
    expect(headings(text)).toContain('### Nachrichtenarchiv (Einzel- und Gruppenchats)');
    const archive = 'Nachrichten im Archiv werden nach 21 Tagen gelöscht; weil die Löschung nur in Abständen läuft, kann eine Nachricht bis zu 22 Tagen gespeichert bleiben.';
    expect(footnoteOf(text, archive)).toContain('`/etc/prosody/prosody.cfg.lua:21`');
    expect(text).toContain('Gruppenchat-Nachrichten im Archiv werden nach 930 Tagen gelöscht');
    expect(footnoteOf(text, 'Für diese Nachrichten gibt es keine zeitliche Grenze: Wann sie gelöscht werden, hängt von der Nutzung ab, nicht von der Zeit.')).toContain(
      '(Standardwert von prosody 0.12 (core/modulemanager.lua:31-40))',
    );
    // Inactive accounts: Prosody 0.12 has no option that deletes them (modules/mod_auth_internal_hashed.lua keeps an account until it is deleted).
    expect(text).toContain('**Zu ergänzen:** Wie lange nicht mehr genutzte Konten gespeichert bleiben, lässt sich aus der Konfiguration nicht ablesen');
    // borgmatic.timer OnCalendar=*-*-* 02:30:00 with systemd's default AccuracySec=1min (systemd.timer(5)): daily, up to 1 day 1 minute apart.
    expect(text).toContain('Sicherungen (`borgmatic`) werden jeden Tag (zwischen zwei Sicherungen können bis zu 1 Tag und 1 Minute liegen) erstellt. Sie sind verschlüsselt.');
    expect(text).toContain('Verbindungen zwischen Ihrer App und dem Server sind immer verschlüsselt.');
  });
});

describe('privacy-lint describe on ejabberd (systemd timer and mod_cron)', () => {
  // ejabberd-purge.service runs `ejabberdctl delete_old_mam_messages all 20` (days) from a timer
  // with OnCalendar=daily and no AccuracySec= (systemd.timer(5): default 1min): 20 days, and up to
  // 20 + 1 days + 1 minute when a message turns 20 days old just after a run.
  it('English', async () => {
    const text = await describeFixture('ejabberd/purged', 'en');
    const archive = 'Messages in the archive are deleted after 20 days; because of how the deletion runs, a message can stay up to 21 days and 1 minute.';
    expect(footnoteOf(text, archive)).toContain('`/etc/systemd/system/ejabberd-purge.service:7`');
    expect(text).toContain('Your messages are archived only if you turn the archive on in your client.');
    // mod_cron task every 1 day running delete_old_messages 30 (ejabberd.yml:43-49): 30 + 1 days.
    expect(footnoteOf(text, 'These messages are deleted after 30 days; because of how the deletion runs, a message can stay up to 31 days.')).toContain('`/etc/ejabberd/ejabberd.yml:45`');
    // ejabberd rotates its own log by size only (log_rotate_size default 10485760 bytes, ejabberd 23.01).
    const log = 'Entries in this log are kept without a time limit: when they are deleted depends on use, not on time.';
    expect(footnoteOf(text, log)).toContain('(default of ejabberd 23.01 (src/ejabberd\\_options.erl options/0))');
  });

  it('German', async () => {
    const text = await describeFixture('ejabberd/purged', 'de');
    expect(text).toContain('Nachrichten im Archiv werden nach 20 Tagen gelöscht; weil die Löschung nur in Abständen läuft, kann eine Nachricht bis zu 21 Tagen und 1 Minute gespeichert bleiben.');
    expect(text).toContain('Ihre Nachrichten werden nur archiviert, wenn Sie das Archiv in Ihrem Client einschalten.');
    expect(text).toContain('Sie enthalten weder den Text Ihrer Nachrichten noch deren Absender.');
  });
});

describe('privacy-lint describe on a web server alone (nginx)', () => {
  it('English: says what the access log keeps, and that the XMPP server\'s part is to be completed', async () => {
    const text = await describeFixture('web/nginx/violating', 'en');
    const ips = 'The IP addresses of all connections are written to the log `/var/log/nginx/access.log`. **To be completed:** how long these records are kept cannot be told from the configuration; the footnote says what to check.';
    expect(footnoteOf(text, ips)).toContain('`/etc/nginx/nginx.conf:5`: access\\_log /var/log/nginx/access.log combined');
    const missing = '**To be completed:** no configuration of the XMPP server (Prosody or ejabberd) was read, so what it keeps here cannot be told.';
    expect(footnoteOf(text, missing)).toContain('Looked for: `/etc/prosody/prosody.cfg.lua`');
    // No "no archive" claim without the XMPP server's config: only what was found, and the gap.
    expect(text).not.toContain('The server keeps no archive');
  });

  it('German', async () => {
    const text = await describeFixture('web/nginx/violating', 'de');
    expect(text).toContain('Die IP-Adressen aller Verbindungen werden in das Protokoll `/var/log/nginx/access.log` geschrieben. **Zu ergänzen:** Wie lange diese Einträge gespeichert bleiben');
    expect(text).toContain('**Zu ergänzen:** Es wurde keine Konfiguration des XMPP-Servers (Prosody oder ejabberd) gelesen');
  });
});

describe('privacy-lint describe on a backup (duplicity)', () => {
  // dup.sh runs `duplicity remove-all-but-n-full 2` daily at 03:00 and the fulls are weekly
  // (cron `0 2 * * 0`): two chains of 7 days = 14 days (duplicity(1) remove-all-but-n-full keeps
  // the chains of the last n fulls); the removal runs once a day, so up to 15 days.
  it('English', async () => {
    const text = await describeFixture('backups/duplicity/fulljob', 'en', false);
    const sentence = 'Backups (`duplicity`) are made every day. **To be completed:** whether they are encrypted cannot be told from the configuration. Backups are deleted after 14 days; because of how the deletion runs, a backup can stay up to 15 days.';
    const note = footnoteOf(text, sentence);
    expect(note).toContain('`/usr/local/sbin/dup.sh:5`: remove-all-but-n-full 2.');
    // The text is for publishing: the key in the backup target's URL is not.
    expect(note).toContain('b2://…@');
    expect(note).not.toContain('appkey');
  });

  it('German', async () => {
    const text = await describeFixture('backups/duplicity/fulljob', 'de', false);
    expect(text).toContain('Sicherungen (`duplicity`) werden jeden Tag erstellt. **Zu ergänzen:** Ob sie verschlüsselt sind, lässt sich aus der Konfiguration nicht ablesen. Sicherungen werden nach 14 Tagen gelöscht; weil die Löschung nur in Abständen läuft, kann eine Sicherung bis zu 15 Tagen gespeichert bleiben.');
  });
});

describe('withoutCredentials', () => {
  it('keeps scheme, host and path of a URL and drops its user and password', () => {
    expect(withoutCredentials('sftp://backup:s3cret@host.example/srv and https://example.org/x')).toBe('sftp://…@host.example/srv and https://example.org/x');
  });
});

describe('privacy-lint describe: usage', () => {
  it('refuses a language it has no texts for (exit 2)', async () => {
    const { code, stderr } = await runCli(['describe', '--root', 'fixtures/demo', '--lang', 'fr'], repoRoot);
    expect(code).toBe(2);
    expect(stderr).toContain('expected one of en, de');
  });
});
