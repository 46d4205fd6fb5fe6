/**
 * fail2ban in the matrix for ip-address-storage, and its permanent bans for ip-address-retention,
 * on the trees under fixtures/fail2ban against a policy given here. fail2ban stores the
 * addresses of failed logins only (its log's "Found <IP>"/"Ban <IP>" and the bad-IP table).
 */
import { describe } from 'vitest';
import { cell } from '../../helpers/matrix.js';
import { verifies, violates } from '../../helpers/matrix-cases.js';

const on = (tree: string, stored: string) => ({
  tree: `fail2ban/${tree}`,
  config: `policy:\n  ipAddresses:\n    stored: ${stored}\n    retention: 14d\n`,
});

describe('fail2ban', () => {
  verifies(cell('fail2ban', 'ip-address-storage', 'compliant'), 'ipAddresses.stored', 'failed logins only, against stored: failed-logins', on('typical', 'failed-logins'));
  violates(cell('fail2ban', 'ip-address-storage', 'violating'), 'ipAddresses.stored', 'its log names every failed address, against stored: never',
    { file: 'etc/fail2ban/fail2ban.conf', needle: '/var/log/fail2ban.log' }, 'fail2ban writes "Found <IP>"', on('typical', 'never'));
  // jail.conf(5): bantime = -1 bans for ever, and the database keeps a banned address as long
  // as its ban lasts (server/database.py purge): forever, at the bantime line.
  violates(cell('fail2ban', 'ip-address-retention', 'violating'), 'ipAddresses.retention', 'bantime = -1: permanent bans are never purged',
    { file: 'etc/fail2ban/jail.conf', needle: '-1' }, 'permanent bans are never purged from the database', on('permanent', 'failed-logins'));
});
