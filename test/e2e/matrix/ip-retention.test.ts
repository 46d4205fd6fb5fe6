/**
 * ip-address-retention in the matrix: the logs that carry client addresses (web access and error
 * logs, Prosody at debug level, ejabberd at info, fail2ban's log) live as long as what deletes
 * them. Each cell runs on the log-retention cell's tree, whose policy declares both claims
 * (serverLogs and ipAddresses retention 14d), so one tree shows the two claims agree; the
 * figures are explained in logs.test.ts.
 */
import { describe } from 'vitest';
import { cell, onTreeOf } from '../../helpers/matrix.js';
import { verifies, violates, worstCase } from '../../helpers/matrix-cases.js';

const IPS = 'ipAddresses.retention';
const R = 'log-retention';
const LIVES_15D_1H = 'in the worst case data lives 15d 1h';
const ROTATE_14 = { file: 'etc/logrotate.d/web', needle: 'daily' };

describe('web servers', () => {
  verifies(onTreeOf(cell('nginx', 'ip-address-retention', 'compliant'), R), IPS, 'access log rotated daily, 7 copies');
  violates(onTreeOf(cell('nginx', 'ip-address-retention', 'violating'), R), IPS, 'an access log no logrotate block covers',
    { file: 'etc/nginx/nginx.conf', needle: 'access_log' }, 'is never rotated and grows forever');
  worstCase(onTreeOf(cell('nginx', 'ip-address-retention', 'worst-case'), R), IPS, 'daily, rotate 14', ROTATE_14, LIVES_15D_1H);

  verifies(onTreeOf(cell('apache', 'ip-address-retention', 'compliant'), R), IPS, 'rotatelogs -n 7 … 86400');
  violates(onTreeOf(cell('apache', 'ip-address-retention', 'violating'), R), IPS, 'rotatelogs by size',
    { file: 'etc/apache2/apache2.conf', needle: '"|/usr/bin/rotatelogs' }, 'deletion depends on traffic, not time');
  worstCase(onTreeOf(cell('apache', 'ip-address-retention', 'worst-case'), R), IPS, 'daily, rotate 14', ROTATE_14, LIVES_15D_1H);

  verifies(onTreeOf(cell('caddyfile', 'ip-address-retention', 'compliant'), R), IPS, 'roll_disabled, logrotate daily, 7 copies');
  violates(onTreeOf(cell('caddyfile', 'ip-address-retention', 'violating'), R), IPS, "Caddy's roller",
    { file: 'etc/caddy/Caddyfile', needle: 'output file' }, 'deletion depends on traffic, not time');
  worstCase(onTreeOf(cell('caddyfile', 'ip-address-retention', 'worst-case'), R), IPS, 'roll_disabled, daily, rotate 14', ROTATE_14, LIVES_15D_1H);

  verifies(onTreeOf(cell('caddy-json', 'ip-address-retention', 'compliant'), R), IPS, '"roll": false, logrotate daily, 7 copies');
  violates(onTreeOf(cell('caddy-json', 'ip-address-retention', 'violating'), R), IPS, "Caddy's roller",
    { file: 'etc/caddy/caddy.json', needle: '{ "output"' }, 'deletion depends on traffic, not time');
  worstCase(onTreeOf(cell('caddy-json', 'ip-address-retention', 'worst-case'), R), IPS, '"roll": false, daily, rotate 14', ROTATE_14, LIVES_15D_1H);
});

describe('the log keepers (Prosody logging at debug, which carries every connection\'s address)', () => {
  verifies(onTreeOf(cell('logrotate', 'ip-address-retention', 'compliant'), R), IPS, 'daily, rotate 7');
  violates(onTreeOf(cell('logrotate', 'ip-address-retention', 'violating'), R), IPS, 'weekly, rotate 4 = 28d',
    { file: 'etc/logrotate.d/prosody', needle: 'weekly' }, '28d, longer than the declared 14d');
  worstCase(onTreeOf(cell('logrotate', 'ip-address-retention', 'worst-case'), R), IPS, 'daily, rotate 14',
    { file: 'etc/logrotate.d/prosody', needle: 'daily' }, LIVES_15D_1H);

  verifies(onTreeOf(cell('journald', 'ip-address-retention', 'compliant'), R), IPS, 'MaxRetentionSec=1week, MaxFileSec=1day');
  violates(onTreeOf(cell('journald', 'ip-address-retention', 'violating'), R), IPS, 'only SystemMaxUse=: no time bound',
    { file: 'etc/systemd/journald.conf', needle: '[Journal]' }, 'deletion depends on traffic, not time');
  worstCase(onTreeOf(cell('journald', 'ip-address-retention', 'worst-case'), R), IPS, 'MaxRetentionSec=2week, MaxFileSec=1day',
    { file: 'etc/systemd/journald.conf', needle: '2week' }, 'in the worst case data lives 15d');

  verifies(onTreeOf(cell('prosody', 'ip-address-retention', 'compliant'), R), IPS, 'debug log rotated daily, 7 copies');
  worstCase(onTreeOf(cell('prosody', 'ip-address-retention', 'worst-case'), R), IPS, 'debug log rotated daily, rotate 14',
    { file: 'etc/logrotate.d/prosody', needle: 'daily' }, LIVES_15D_1H);
});

describe('fail2ban and ejabberd', () => {
  // fail2ban's log names every banned address; its database keeps them dbpurgeage = 1d.
  verifies(onTreeOf(cell('fail2ban', 'ip-address-retention', 'compliant'), R), IPS, 'log rotated daily, 7 copies; dbpurgeage = 1d');
  violates(onTreeOf(cell('fail2ban', 'ip-address-retention', 'violating'), R), IPS, 'a logtarget no logrotate block covers',
    { file: 'etc/fail2ban/fail2ban.conf', needle: '/srv/fail2ban' }, 'is never rotated and grows forever');
  worstCase(onTreeOf(cell('fail2ban', 'ip-address-retention', 'worst-case'), R), IPS, 'log rotated daily, rotate 14',
    { file: 'etc/logrotate.d/fail2ban', needle: 'daily' }, LIVES_15D_1H);

  // ejabberd logs the peer address of each accepted connection at info.
  verifies(onTreeOf(cell('ejabberd', 'ip-address-retention', 'compliant'), R), IPS, 'log rotated daily, 7 copies');
  violates(onTreeOf(cell('ejabberd', 'ip-address-retention', 'violating'), R), IPS, 'log_rotate_size only',
    { file: 'etc/ejabberd/ejabberd.yml', needle: 'log_rotate_size' }, 'deletion depends on traffic, not time');
  worstCase(onTreeOf(cell('ejabberd', 'ip-address-retention', 'worst-case'), R), IPS, 'log rotated daily, rotate 14',
    { file: 'etc/logrotate.d/ejabberd', needle: 'daily' }, LIVES_15D_1H);
});
