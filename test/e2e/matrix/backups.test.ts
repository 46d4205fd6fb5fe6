/**
 * The backup rules in the matrix, on the backup trees under fixtures/backups (written for the
 * research examples, see test/rules/backup-rules.test.ts), each judged against a policy given
 * here: backups encrypted, kept 7d, taken daily (or every 2h, to break an interval), and a 21-day
 * message archive that a long-lived backup would extend. The figures are each tool's own
 * (borg/restic keep rules, duplicity chains, find -mtime); each worst case says where it arises.
 */
import { describe } from 'vitest';
import { cell } from '../../helpers/matrix.js';
import { verifies, violates, worstCase } from '../../helpers/matrix-cases.js';

interface Declared {
  retention?: string;
  interval?: string;
  archive?: string;
}
const policy = ({ retention = '7d', interval = '1d', archive = '21d' }: Declared): string =>
  `policy:\n  backups:\n    encrypted: true\n    retention: ${retention}\n    interval: ${interval}\n  messageArchive:\n    retention: ${archive}\n`;
/** A backup tree under fixtures/backups, judged against the default policy or with some figures changed. */
const on = (tree: string, declared: Declared | string = {}) =>
  ({ tree: `backups/${tree}`, config: policy(typeof declared === 'string' ? { interval: declared } : declared) });
const ENC = 'backups.encrypted';
const RET = 'backups.retention';
const INT = 'backups.interval';
const ARCHIVE = 'messageArchive.retention';
const SH = '//'; // shell scripts: their "#!" line is not a comment to skip

describe('borgmatic', () => {
  verifies(cell('borgmatic', 'backup-encryption', 'compliant'), ENC, 'encryption_passphrase set', on('borgmatic/drop-in-fix'));
  violates(cell('borgmatic', 'backup-encryption', 'violating'), ENC, 'unknown_unencrypted_repo_access_is_ok, no passphrase',
    { file: 'etc/borgmatic.d/prosody.yaml', needle: 'location:' }, 'is not encrypted', on('borgmatic/e2-sectioned'));
  // keep_daily: 7 with a daily timer = 7d; RandomizedDelaySec=3h + AccuracySec=1min and the day a
  // skipped run leaves: 8d 3h 1min.
  worstCase(cell('borgmatic', 'backup-retention', 'worst-case'), RET, 'keep_daily: 7, daily timer with RandomizedDelaySec=3h',
    { file: 'etc/borgmatic.d/prosody.yaml', needle: 'keep_daily' }, 'keep counts skip periods without a backup', on('borgmatic/drop-in-fix'));
  violates(cell('borgmatic', 'backup-retention', 'violating'), RET, 'keep_daily 7, keep_weekly 4, keep_monthly 6',
    { file: 'etc/borgmatic/config.yaml', needle: 'keep_daily' }, 'longer than the declared 7d', on('borgmatic/e1-flat'));
  worstCase(cell('borgmatic', 'backup-interval', 'worst-case'), INT, 'OnCalendar=daily plus RandomizedDelaySec=3h against 1d',
    { file: 'lib/systemd/system/borgmatic.timer', needle: 'daily' }, 'RandomizedDelaySec=3h', on('borgmatic/e1-flat'));
  violates(cell('borgmatic', 'backup-interval', 'violating'), INT, 'a daily timer against every 2h',
    { file: 'lib/systemd/system/borgmatic.timer', needle: 'daily' }, 'OnCalendar=daily', on('borgmatic/e1-flat', '2h'));
  verifies(cell('borgmatic', 'backup-extends-retention', 'compliant'), ARCHIVE, 'keep_daily: 7 within the 21d archive', on('borgmatic/drop-in-fix'));
  violates(cell('borgmatic', 'backup-extends-retention', 'violating'), ARCHIVE, 'months of archives hold the 21d archive',
    { file: 'etc/borgmatic/config.yaml', needle: 'keep_daily' }, 'longer than the declared 21d', on('borgmatic/e1-flat'));
});

describe('borg scripts', () => {
  verifies(cell('borg', 'backup-encryption', 'compliant'), ENC, 'borg init --encryption repokey-blake2', on('borg/init-prune'));
  violates(cell('borg', 'backup-encryption', 'violating'), ENC, 'BORG_PASSPHRASE empty',
    { file: 'etc/cron.daily/borg', needle: 'borg create', comment: SH }, 'is not encrypted', on('borg/empty-pass'));
  violates(cell('borg', 'backup-retention', 'violating'), RET, '--keep-within 2d -d 7 -w 4 add up to 37d',
    { file: 'usr/local/sbin/borg-backup.sh', needle: '2d -d 7', comment: SH }, 'longer than the declared 7d', on('borg/init-prune'));
  verifies(cell('borg', 'backup-interval', 'compliant'), INT, '/etc/cron.daily against 1d', on('borg/empty-pass'));
  // OnCalendar=daily = 1d nominal; systemd.timer(5): RandomizedDelaySec=2h delays each run by up to
  // 2h and AccuracySec defaults to 1min, so two runs can be 1d + 2h + 1min apart.
  worstCase(cell('borg', 'backup-interval', 'worst-case'), INT, 'a daily timer with RandomizedDelaySec=2h against 1d',
    { file: 'etc/systemd/system/borg-backup.timer', needle: 'daily' }, 'two runs can be 1d 2h 1min apart', on('borg/randomized-timer'));
  violates(cell('borg', 'backup-interval', 'violating'), INT, '/etc/cron.daily against every 2h',
    { file: 'etc/cron.daily/borg', needle: '#!/bin/sh', comment: SH }, 'less often than the declared every 2h', on('borg/empty-pass', '2h'));
  violates(cell('borg', 'backup-extends-retention', 'violating'), ARCHIVE, 'prune without compact keeps the data',
    { file: 'etc/cron.daily/borg', needle: 'borg prune', comment: SH }, 'borg compact never does', on('borg/empty-pass'));
});

describe('restic', () => {
  verifies(cell('restic', 'backup-encryption', 'compliant'), ENC, 'every restic repository is encrypted', on('restic/e4-timer'));
  violates(cell('restic', 'backup-encryption', 'violating'), ENC, '--insecure-no-password',
    { file: 'etc/cron.d/restic', needle: 'restic -r' }, 'is not encrypted', on('restic/e5-insecure'));
  worstCase(cell('restic', 'backup-retention', 'worst-case'), RET, '--keep-within 7d --keep-daily 7, a backup every 2h',
    { file: 'usr/local/sbin/backup-db.sh', needle: '7d --keep-daily', comment: SH }, 'in the worst case', on('restic/e4-timer'));
  violates(cell('restic', 'backup-retention', 'violating'), RET, 'no restic forget: kept for ever',
    { file: 'etc/cron.d/restic', needle: 'restic -r' }, 'no restic forget runs', on('restic/e5-insecure'));
  verifies(cell('restic', 'backup-interval', 'compliant'), INT, 'every 2h against 1d', on('restic/e4-timer'));
  // OnCalendar every 2 hours + AccuracySec=1min (default) against 2h.
  worstCase(cell('restic', 'backup-interval', 'worst-case'), INT, 'every 2h plus the timer accuracy against 2h',
    { file: 'etc/systemd/system/backup-db.timer', needle: '*-*-*' }, 'AccuracySec=1min', on('restic/e4-timer', '2h'));
  verifies(cell('restic', 'backup-extends-retention', 'compliant'), ARCHIVE, '7 days of snapshots within the 21d archive', on('restic/e4-timer'));
  violates(cell('restic', 'backup-extends-retention', 'violating'), ARCHIVE, 'no restic forget: the archive kept for ever',
    { file: 'etc/cron.d/restic', needle: 'restic -r' }, 'longer than the declared 21d', on('restic/e5-insecure'));
});

describe('autorestic', () => {
  verifies(cell('autorestic', 'backup-encryption', 'compliant'), ENC, 'restic backends', on('autorestic/e6-forget-yes'));
  violates(cell('autorestic', 'backup-encryption', 'violating'), ENC, 'insecure-no-password in options',
    { file: 'root/.config/autorestic/.autorestic.yml', needle: 'uploads:' }, 'is not encrypted', on('autorestic/prune'));
  violates(cell('autorestic', 'backup-retention', 'violating'), RET, 'forget: yes without prune',
    { file: 'root/.autorestic.yml', needle: 'forget: yes' }, 'only forgets snapshots', on('autorestic/e6-forget-yes'));
  verifies(cell('autorestic', 'backup-interval', 'compliant'), INT, 'every 2h against 1d', on('autorestic/e6-forget-yes'));
  violates(cell('autorestic', 'backup-interval', 'violating'), INT, 'a weekly location against 1d',
    { file: 'root/.config/autorestic/.autorestic.yml', needle: "'30 3 * * 1'" }, 'weekly on Monday', on('autorestic/prune'));
  violates(cell('autorestic', 'backup-extends-retention', 'violating'), ARCHIVE, 'forget: yes without prune keeps the archive',
    { file: 'root/.autorestic.yml', needle: 'forget: yes' }, 'longer than the declared 21d', on('autorestic/e6-forget-yes'));
});

describe('duplicity', () => {
  verifies(cell('duplicity', 'backup-encryption', 'compliant'), ENC, '--encrypt-key', on('duplicity/e8'));
  violates(cell('duplicity', 'backup-encryption', 'violating'), ENC, '--no-encryption',
    { file: 'etc/cron.d/duplicity', needle: 'duplicity --no-encryption' }, 'is not encrypted', on('duplicity/plain'));
  // remove-older-than 7D = 7d nominal; duplicity deletes a set only with its whole chain: 15d.
  worstCase(cell('duplicity', 'backup-retention', 'worst-case'), RET, 'remove-older-than 7D, whole chains',
    { file: 'usr/local/sbin/duplicity-prosody.sh', needle: 'duplicity remove-older-than', comment: SH }, 'in the worst case data lives 15d', on('duplicity/e8'));
  violates(cell('duplicity', 'backup-retention', 'violating'), RET, 'no full backup forced: a single chain never removed',
    { file: 'etc/cron.d/duplicity', needle: 'duplicity remove-older-than 1M' }, 'no full backup is ever forced', on('duplicity/plain'));
  verifies(cell('duplicity', 'backup-interval', 'compliant'), INT, 'daily cron against 1d', on('duplicity/e8'));
  // `0 3,23 * * *` (crontab(5)): runs at 03:00 and 23:00, gaps of 20h and 4h; two runs a day = 12h
  // nominal (24h / 2), the longest gap 20h.
  worstCase(cell('duplicity', 'backup-interval', 'worst-case'), INT, 'cron at 03:00 and 23:00 against 12h',
    { file: 'etc/cron.d/duplicity', needle: '0 3,23' }, 'two runs can be 20h apart', on('duplicity/uneven-hours', '12h'));
  violates(cell('duplicity', 'backup-interval', 'violating'), INT, 'daily cron against every 2h',
    { file: 'etc/cron.d/duplicity', needle: '15 3 * * *' }, 'less often than the declared every 2h', on('duplicity/e8', '2h'));
  violates(cell('duplicity', 'backup-extends-retention', 'violating'), ARCHIVE, 'one chain holds the archive for ever',
    { file: 'etc/cron.d/duplicity', needle: 'duplicity remove-older-than 1M' }, 'longer than the declared 21d', on('duplicity/plain'));
});

describe('duply', () => {
  verifies(cell('duply', 'backup-encryption', 'compliant'), ENC, 'GPG_KEY set', on('duply/keyed'));
  violates(cell('duply', 'backup-encryption', 'violating'), ENC, 'no key: duply turns encryption off',
    { file: 'etc/duply/prosody/conf', needle: 'TARGET=' }, 'duply disables encryption', on('duply/e7'));
  verifies(cell('duply', 'backup-retention', 'compliant'), RET, 'MAX_AGE within 7d', on('duply/shadowed'));
  violates(cell('duply', 'backup-retention', 'violating'), RET, 'MAX_AGE=2W against 7d',
    { file: 'etc/cron.d/duply', needle: '/usr/bin/duply xmpp purge' }, '14d, longer than the declared 7d', on('duply/keyed'));
  verifies(cell('duply', 'backup-interval', 'compliant'), INT, 'daily cron against 1d', on('duply/keyed'));
  // `0 3,23 * * *`: gaps of 20h and 4h, 12h nominal (24h / 2 runs), 20h at worst.
  worstCase(cell('duply', 'backup-interval', 'worst-case'), INT, 'cron at 03:00 and 23:00 against 12h',
    { file: 'etc/cron.d/duply', needle: '0 3,23' }, 'two runs can be 20h apart', on('duply/uneven-hours', '12h'));
  violates(cell('duply', 'backup-interval', 'violating'), INT, 'daily cron against every 2h',
    { file: 'etc/cron.d/duply', needle: '30 2 * * *' }, 'less often than the declared every 2h', on('duply/keyed', '2h'));
  verifies(cell('duply', 'backup-extends-retention', 'compliant'), ARCHIVE, 'MAX_AGE within the 21d archive', on('duply/shadowed'));
  // MAX_AGE=2W = 14d nominal; whole chains of weekly fulls: 28d.
  worstCase(cell('duply', 'backup-extends-retention', 'worst-case'), ARCHIVE, 'MAX_AGE=2W, whole chains: 28d against the 21d archive',
    { file: 'etc/cron.d/duply', needle: '/usr/bin/duply xmpp purge' }, 'in the worst case data lives 28d', on('duply/keyed'));
  violates(cell('duply', 'backup-extends-retention', 'violating'), ARCHIVE, 'no full backup forced: one chain for ever',
    { file: 'etc/cron.d/duply', needle: 'duply prosody backup_purge' }, 'longer than the declared 21d', on('duply/e7'));
});

describe('rsnapshot', () => {
  violates(cell('rsnapshot', 'backup-encryption', 'violating'), ENC, 'plain hard-linked copies',
    { file: 'etc/rsnapshot.conf', needle: '/srv/rsnapshot/' }, 'it has no encryption', on('rsnapshot/e9'));
  verifies(cell('rsnapshot', 'backup-retention', 'compliant'), RET, 'retain … within 7d', on('rsnapshot/include'));
  worstCase(cell('rsnapshot', 'backup-retention', 'worst-case'), RET, 'retain alpha 12 × 2h + beta 7 × 1d',
    { file: 'etc/rsnapshot.conf', needle: 'retain' }, 'in the worst case data lives 8d', on('rsnapshot/e9'));
  verifies(cell('rsnapshot', 'backup-interval', 'compliant'), INT, 'every 2h against 1d', on('rsnapshot/e9'));
  // The lowest retain level runs at 03:00 and 23:00: gaps of 20h and 4h, 12h nominal, 20h at worst.
  worstCase(cell('rsnapshot', 'backup-interval', 'worst-case'), INT, 'the lowest level at 03:00 and 23:00 against 12h',
    { file: 'etc/cron.d/rsnapshot', needle: '/usr/bin/rsnapshot twice' }, 'two runs can be 20h apart', on('rsnapshot/uneven-hours', '12h'));
  verifies(cell('rsnapshot', 'backup-extends-retention', 'compliant'), ARCHIVE, 'a week of snapshots within the 21d archive', on('rsnapshot/e9'));
});

describe('dump scripts', () => {
  verifies(cell('dump-scripts', 'backup-encryption', 'compliant'), ENC, 'piped to age', on('dump-scripts/timer'));
  violates(cell('dump-scripts', 'backup-encryption', 'violating'), ENC, 'tar output in plain text',
    { file: 'etc/cron.daily/ejabberd-backup', needle: 'tar czf', comment: SH }, 'is not encrypted', on('dump-scripts/daily'));
  verifies(cell('dump-scripts', 'backup-retention', 'compliant'), RET, 'a dump kept a week', on('dump-scripts/timer'));
  // find -mtime +6 = 6d nominal; find rounds to whole days and the job runs every 2h: 7d 2h.
  worstCase(cell('dump-scripts', 'backup-retention', 'worst-case'), RET, 'find -mtime +6 every 2h',
    { file: 'usr/local/sbin/dbbackup.sh', needle: 'find /backup', comment: SH }, 'is within the declared 7d', on('dump-scripts/e10'));
  violates(cell('dump-scripts', 'backup-retention', 'violating'), RET, 'find -mtime +13 against 7d',
    { file: 'etc/cron.daily/xmpp-db', needle: 'find /var/backups/xmpp', comment: SH }, 'longer than the declared 7d', on('dump-scripts/intermediate'));
  verifies(cell('dump-scripts', 'backup-interval', 'compliant'), INT, 'a timer every 6h against 1d', on('dump-scripts/timer'));
  violates(cell('dump-scripts', 'backup-interval', 'violating'), INT, 'a timer every 6h against every 2h',
    { file: 'etc/systemd/system/prosody-backup.timer', needle: '*-*-*' }, 'OnCalendar=*-*-* 00/6:00:00', on('dump-scripts/timer', '2h'));
  verifies(cell('dump-scripts', 'backup-extends-retention', 'compliant'), ARCHIVE, 'a week of dumps within the 21d archive', on('dump-scripts/timer'));
});

describe('the same trees against other figures: compliant and worst-case cells', () => {
  // keep_daily: 7 = 7d, worst case 8d 3h 1min (above): within 14d; beyond a 7d archive claim.
  verifies(cell('borgmatic', 'backup-retention', 'compliant'), RET, 'keep_daily: 7 against 14d', on('borgmatic/drop-in-fix', { retention: '14d' }));
  worstCase(cell('borgmatic', 'backup-extends-retention', 'worst-case'), ARCHIVE, 'keep_daily: 7 against a 7d archive',
    { file: 'etc/borgmatic.d/prosody.yaml', needle: 'keep_daily' }, 'keep counts skip periods without a backup', on('borgmatic/drop-in-fix', { archive: '7d' }));
  // --keep-within 2d, -d 7, -w 4 with a backup every 6h add up to 37d.
  verifies(cell('borg', 'backup-retention', 'compliant'), RET, '37d of archives against 60d', on('borg/init-prune', { retention: '60d' }));
  verifies(cell('borg', 'backup-extends-retention', 'compliant'), ARCHIVE, '37d of archives against a 60d archive', on('borg/init-prune', { archive: '60d' }));
  verifies(cell('restic', 'backup-retention', 'compliant'), RET, '--keep-within 7d --keep-daily 7 against 14d', on('restic/e4-timer', { retention: '14d' }));
  worstCase(cell('restic', 'backup-extends-retention', 'worst-case'), ARCHIVE, '--keep-within 7d against a 7d archive',
    { file: 'usr/local/sbin/backup-db.sh', needle: '7d --keep-daily', comment: SH }, 'in the worst case', on('restic/e4-timer', { archive: '7d' }));
  // autorestic cron "30 3 * * 1" = weekly; the check timer adds its delay: 7d 16min.
  worstCase(cell('autorestic', 'backup-interval', 'worst-case'), INT, 'a weekly location against 1w',
    { file: 'root/.config/autorestic/.autorestic.yml', needle: "'30 3 * * 1'" }, 'weekly on Monday', on('autorestic/prune', { retention: '30d', interval: '1w', archive: '30d' }));
  // remove-older-than 7D, whole chains: 15d worst case (above).
  verifies(cell('duplicity', 'backup-retention', 'compliant'), RET, 'remove-older-than 7D against 21d', on('duplicity/e8', { retention: '21d' }));
  verifies(cell('duplicity', 'backup-extends-retention', 'compliant'), ARCHIVE, 'remove-older-than 7D against a 21d archive', on('duplicity/e8'));
  worstCase(cell('duplicity', 'backup-extends-retention', 'worst-case'), ARCHIVE, 'remove-older-than 7D against a 7d archive',
    { file: 'usr/local/sbin/duplicity-prosody.sh', needle: 'duplicity remove-older-than', comment: SH }, 'in the worst case data lives 15d', on('duplicity/e8', { archive: '7d' }));
  // MAX_AGE=2W = 14d; whole chains of weekly fulls: 28d.
  worstCase(cell('duply', 'backup-retention', 'worst-case'), RET, 'MAX_AGE=2W against 14d',
    { file: 'etc/cron.d/duply', needle: '/usr/bin/duply xmpp purge' }, 'in the worst case data lives 28d', on('duply/keyed', { retention: '14d' }));
  worstCase(cell('rsnapshot', 'backup-extends-retention', 'worst-case'), ARCHIVE, 'retain … = 7d against a 7d archive',
    { file: 'etc/rsnapshot.conf', needle: 'retain' }, 'in the worst case data lives 8d', on('rsnapshot/e9', { archive: '7d' }));
  // find -mtime +6 = 6d; whole-day rounding and a job every 2h: 7d 2h.
  worstCase(cell('dump-scripts', 'backup-extends-retention', 'worst-case'), ARCHIVE, 'find -mtime +6 against a 7d archive',
    { file: 'usr/local/sbin/dbbackup.sh', needle: 'find /backup', comment: SH }, 'in the worst case data lives 7d 2h', on('dump-scripts/e10', { archive: '7d' }));
});

describe('the same trees against figures at their edge', () => {
  // --keep-within 2d, -d 7, -w 4 = 37d nominal; a backup every 6h: the last kept archive can be 6h older.
  worstCase(cell('borg', 'backup-retention', 'worst-case'), RET, '37d of archives against 37d',
    { file: 'usr/local/sbin/borg-backup.sh', needle: '2d -d 7', comment: SH }, 'worst case', on('borg/init-prune', { retention: '37d' }));
  worstCase(cell('borg', 'backup-extends-retention', 'worst-case'), ARCHIVE, '37d of archives against a 37d archive',
    { file: 'usr/local/sbin/borg-backup.sh', needle: '2d -d 7', comment: SH }, 'worst case', on('borg/init-prune', { archive: '37d' }));
  // OnCalendar=daily + RandomizedDelaySec=3h + AccuracySec=1min = 1d 3h 1min at most, within 2d.
  verifies(cell('borgmatic', 'backup-interval', 'compliant'), INT, 'a daily timer against every 2d', on('borgmatic/drop-in-fix', { interval: '2d' }));
  violates(cell('restic', 'backup-interval', 'violating'), INT, 'every 2h against every 1h',
    { file: 'etc/systemd/system/backup-db.timer', needle: '*-*-*' }, 'OnCalendar=*-*-* 00/2:00:00', on('restic/e4-timer', '1h'));
  // OnCalendar every 6h + RandomizedDelaySec=30min + AccuracySec=1min: 6h 31min.
  worstCase(cell('dump-scripts', 'backup-interval', 'worst-case'), INT, 'every 6h with RandomizedDelaySec=30min against 6h',
    { file: 'etc/systemd/system/prosody-backup.timer', needle: '*-*-*' }, 'RandomizedDelaySec=30min', on('dump-scripts/timer', '6h'));
  // retain alpha 12 × 2h + retain beta 7 × 1d = 7d; cron "0 */2 * * *" = every 2h.
  violates(cell('rsnapshot', 'backup-retention', 'violating'), RET, 'a week of snapshots against 3d',
    { file: 'etc/rsnapshot.conf', needle: 'retain' }, 'longer than the declared 3d', on('rsnapshot/e9', { retention: '3d' }));
  violates(cell('rsnapshot', 'backup-interval', 'violating'), INT, 'every 2h against every 1h',
    { file: 'etc/cron.d/rsnapshot', needle: '/usr/bin/rsnapshot alpha' }, 'less often than the declared every 1h', on('rsnapshot/e9', '1h'));
  violates(cell('rsnapshot', 'backup-extends-retention', 'violating'), ARCHIVE, 'a week of snapshots against a 3d archive',
    { file: 'etc/rsnapshot.conf', needle: 'retain' }, 'longer than the declared 3d', on('rsnapshot/e9', { archive: '3d' }));
});

describe('dump scripts holding the archive', () => {
  // find -mtime +13 = 13d of dumps, past a 7d archive.
  violates(cell('dump-scripts', 'backup-extends-retention', 'violating'), ARCHIVE, 'find -mtime +13 against a 7d archive',
    { file: 'etc/cron.daily/xmpp-db', needle: 'find /var/backups/xmpp', comment: SH }, 'longer than the declared 7d', on('dump-scripts/intermediate', { archive: '7d' }));
});

describe('autorestic with forget: prune (fixtures/matrix/autorestic/backup-retention/compliant)', () => {
  const tree = 'matrix/autorestic/backup-retention/compliant';
  const YML = 'root/.config/autorestic/.autorestic.yml';
  const at = (declared: Declared) => ({ tree, config: policy(declared) });
  // keep-daily: 7 with a daily location cron = 7d; the check timer (every 15 min) and a missed
  // day of backups make it 9d 16min at worst; the interval is 1d, 1d 16min at worst.
  verifies(cell('autorestic', 'backup-retention', 'compliant'), RET, 'keep-daily: 7 against 14d', at({ retention: '14d', interval: '2d' }));
  verifies(cell('autorestic', 'backup-extends-retention', 'compliant'), ARCHIVE, 'keep-daily: 7 against a 21d archive', at({ retention: '14d', interval: '2d' }));
  worstCase(cell('autorestic', 'backup-retention', 'worst-case'), RET, 'keep-daily: 7 against 7d',
    { file: YML, needle: 'keep-daily' }, 'in the worst case', at({ retention: '7d', interval: '2d' }));
  worstCase(cell('autorestic', 'backup-extends-retention', 'worst-case'), ARCHIVE, 'keep-daily: 7 against a 7d archive',
    { file: YML, needle: 'keep-daily' }, 'in the worst case', at({ retention: '14d', interval: '2d', archive: '7d' }));
});
