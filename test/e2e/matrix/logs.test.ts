/**
 * The matrix (README, "End-to-end test matrix") for the software that keeps or deletes logs:
 * each cell's tree is fixtures/matrix/<software>/<rule>/<kind>. Figures follow POLICY.md
 * "Verdicts"; each worst-case tree states where its extra time comes from.
 */
import { describe } from 'vitest';
import { cell } from '../../helpers/matrix.js';
import { verifies, violates, worstCase } from '../../helpers/matrix-cases.js';

const LOGS = 'serverLogs.retention';

describe('logrotate', () => {
  // logrotate(8): daily + rotate 7 keeps 7 rotated days (nominal 7d); the live file adds at
  // most 1 day and Debian's logrotate.timer AccuracySec=1h: 8d 1h, within 14d.
  verifies(cell('logrotate', 'log-retention', 'compliant'), LOGS, 'daily, rotate 7 against 14d');
  // weekly × rotate 4 = 28 days nominal.
  violates(cell('logrotate', 'log-retention', 'violating'), LOGS, 'weekly, rotate 4 = 28d against 14d',
    { file: 'etc/logrotate.d/prosody', needle: 'weekly' }, '28d, longer than the declared 14d');
  // daily × rotate 14 = 14d nominal; + 1d live file + 1h timer accuracy = 15d 1h worst case.
  worstCase(cell('logrotate', 'log-retention', 'worst-case'), LOGS, "Debian's daily, rotate 14 against 14d",
    { file: 'etc/logrotate.d/prosody', needle: 'daily' }, 'in the worst case data lives 15d 1h');
});

// The web servers' trees: logrotate daily + rotate 7 (7d; worst 8d 1h) or rotate 14 (14d; worst
// 15d 1h, as above) covers the files, and journald keeps stderr output (MaxRetentionSec=1week,
// MaxFileSec=1day: worst case 8d, journald.conf(5) deletes whole files).
describe('nginx', () => {
  verifies(cell('nginx', 'log-retention', 'compliant'), LOGS, 'access and error logs rotated daily, 7 copies');
  violates(cell('nginx', 'log-retention', 'violating'), LOGS, 'an access log no logrotate block covers grows forever',
    { file: 'etc/nginx/nginx.conf', needle: 'access_log' }, 'is never rotated and grows forever');
  worstCase(cell('nginx', 'log-retention', 'worst-case'), LOGS, 'daily, rotate 14 against 14d',
    { file: 'etc/logrotate.d/web', needle: 'daily' }, 'in the worst case data lives 15d 1h');
});

describe('Apache', () => {
  // rotatelogs(8): -n 7 with a new file every 86400 s is a ring of 7 daily files = 7 days.
  verifies(cell('apache', 'log-retention', 'compliant'), LOGS, 'rotatelogs -n 7 … 86400 and a logrotated error log');
  violates(cell('apache', 'log-retention', 'violating'), LOGS, 'rotatelogs by size (10M): no time bound',
    { file: 'etc/apache2/apache2.conf', needle: '"|/usr/bin/rotatelogs' }, 'deletion depends on traffic, not time');
  worstCase(cell('apache', 'log-retention', 'worst-case'), LOGS, 'daily, rotate 14 against 14d',
    { file: 'etc/logrotate.d/web', needle: 'daily' }, 'in the worst case data lives 15d 1h');
});

describe('Caddyfile', () => {
  verifies(cell('caddyfile', 'log-retention', 'compliant'), LOGS, 'roll_disabled and logrotate daily, 7 copies');
  // Caddy's roller (lumberjack) rolls at roll_size only: no time bound.
  violates(cell('caddyfile', 'log-retention', 'violating'), LOGS, "Caddy's roller: no time bound",
    { file: 'etc/caddy/Caddyfile', needle: 'output file' }, 'deletion depends on traffic, not time');
  worstCase(cell('caddyfile', 'log-retention', 'worst-case'), LOGS, 'roll_disabled and logrotate daily, rotate 14',
    { file: 'etc/logrotate.d/web', needle: 'daily' }, 'in the worst case data lives 15d 1h');
});

describe('Caddy JSON', () => {
  verifies(cell('caddy-json', 'log-retention', 'compliant'), LOGS, '"roll": false and logrotate daily, 7 copies');
  violates(cell('caddy-json', 'log-retention', 'violating'), LOGS, "Caddy's roller: no time bound",
    { file: 'etc/caddy/caddy.json', needle: '{ "output"' }, 'deletion depends on traffic, not time');
  worstCase(cell('caddy-json', 'log-retention', 'worst-case'), LOGS, '"roll": false and logrotate daily, rotate 14',
    { file: 'etc/logrotate.d/web', needle: 'daily' }, 'in the worst case data lives 15d 1h');
});

describe('journald (Prosody logging to syslog)', () => {
  // journald.conf(5): MaxRetentionSec=1week, and whole files of MaxFileSec=1day: 8d worst case.
  verifies(cell('journald', 'log-retention', 'compliant'), LOGS, 'MaxRetentionSec=1week, MaxFileSec=1day');
  violates(cell('journald', 'log-retention', 'violating'), LOGS, 'no MaxRetentionSec=, only SystemMaxUse=: no time bound',
    { file: 'etc/systemd/journald.conf', needle: '[Journal]' }, 'deletion depends on traffic, not time');
  // MaxRetentionSec=2week = 14d nominal; a file spans up to MaxFileSec=1day more: 15d.
  worstCase(cell('journald', 'log-retention', 'worst-case'), LOGS, 'MaxRetentionSec=2week, MaxFileSec=1day',
    { file: 'etc/systemd/journald.conf', needle: '2week' }, 'in the worst case data lives 15d');
});

describe("fail2ban's own log", () => {
  verifies(cell('fail2ban', 'log-retention', 'compliant'), LOGS, 'logtarget rotated daily, 7 copies');
  violates(cell('fail2ban', 'log-retention', 'violating'), LOGS, 'a logtarget no logrotate block covers grows forever',
    { file: 'etc/fail2ban/fail2ban.conf', needle: '/srv/fail2ban' }, 'is never rotated and grows forever');
  worstCase(cell('fail2ban', 'log-retention', 'worst-case'), LOGS, 'logtarget rotated daily, rotate 14',
    { file: 'etc/logrotate.d/fail2ban', needle: 'daily' }, 'in the worst case data lives 15d 1h');
});

describe("Prosody's log files", () => {
  verifies(cell('prosody', 'log-retention', 'compliant'), LOGS, 'both sinks rotated daily, 7 copies');
  violates(cell('prosody', 'log-retention', 'violating'), LOGS, 'an error sink no logrotate block covers grows forever',
    { file: 'etc/prosody/prosody.cfg.lua', needle: '"/var/log/prosody/prosody.err"', comment: '--' }, 'is never rotated and grows forever');
  worstCase(cell('prosody', 'log-retention', 'worst-case'), LOGS, 'both sinks rotated daily, rotate 14',
    { file: 'etc/logrotate.d/prosody', needle: 'daily' }, 'in the worst case data lives 15d 1h');
});

describe("ejabberd's log", () => {
  verifies(cell('ejabberd', 'log-retention', 'compliant'), LOGS, 'log_rotate_size: infinity, logrotate daily, 7 copies');
  // ejabberd's own rotation cuts at log_rotate_size only (ejabberd_logger.erl): no time bound.
  violates(cell('ejabberd', 'log-retention', 'violating'), LOGS, 'its own rotation by log_rotate_size: no time bound',
    { file: 'etc/ejabberd/ejabberd.yml', needle: 'log_rotate_size' }, 'deletion depends on traffic, not time');
  worstCase(cell('ejabberd', 'log-retention', 'worst-case'), LOGS, 'log_rotate_size: infinity, logrotate daily, rotate 14',
    { file: 'etc/logrotate.d/ejabberd', needle: 'daily' }, 'in the worst case data lives 15d 1h');
});
