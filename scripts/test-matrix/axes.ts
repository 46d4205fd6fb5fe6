/**
 * The axes of the end-to-end test matrix (README, "Development"): every software privacy-lint
 * reads, every rule that judges a claim, and the cells that cannot hold a test because the
 * software cannot touch the claim. Tests declare the cells they prove with
 * `cell(software, rule, kind)` (test/helpers/matrix.ts); table.ts scans for those calls.
 */
export const SOFTWARE = [
  'nginx', 'apache', 'caddyfile', 'caddy-json', 'logrotate', 'journald', 'fail2ban',
  'borgmatic', 'borg', 'restic', 'autorestic', 'duplicity', 'duply', 'rsnapshot', 'dump-scripts',
  'prosody', 'ejabberd',
] as const;
export type Software = (typeof SOFTWARE)[number];

export const RULES = [
  'log-retention', 'ip-address-retention', 'ip-address-storage', 'website-third-party-resources',
  'backup-encryption', 'backup-retention', 'backup-interval', 'backup-extends-retention',
  'message-archive-retention', 'message-archive-default', 'groupchat-archive-retention',
  'upload-retention', 'offline-message-retention', 'log-message-content', 'login-times',
  'inactive-accounts', 'password-storage', 'push-notification-content', 'transport-encryption',
] as const;
export type MatrixRule = (typeof RULES)[number];

/** compliant → verified; violating → violated at file:line:column; worst-case → verified with a warning, violated under strictRetention. */
export const KINDS = ['compliant', 'violating', 'worst-case'] as const;
export type Kind = (typeof KINDS)[number];

const WEB: Software[] = ['nginx', 'apache', 'caddyfile', 'caddy-json'];
const BACKUP: Software[] = ['borgmatic', 'borg', 'restic', 'autorestic', 'duplicity', 'duply', 'rsnapshot', 'dump-scripts'];
const XMPP: Software[] = ['prosody', 'ejabberd'];
const BACKUP_RULES: MatrixRule[] = ['backup-encryption', 'backup-retention', 'backup-interval', 'backup-extends-retention'];
const XMPP_RULES: MatrixRule[] = [
  'message-archive-retention', 'message-archive-default', 'groupchat-archive-retention', 'upload-retention',
  'offline-message-retention', 'log-message-content', 'login-times', 'inactive-accounts', 'password-storage',
  'push-notification-content', 'transport-encryption',
];

/** Why a cell cannot hold a test, or undefined when it can. */
export function impossible(software: Software, rule: MatrixRule): string | undefined {
  if (BACKUP_RULES.includes(rule) && !BACKUP.includes(software)) return 'makes no backups';
  if (XMPP_RULES.includes(rule) && !XMPP.includes(software)) return 'holds no XMPP data';
  if (rule === 'website-third-party-resources' && !WEB.includes(software)) return 'serves no web pages';
  if (BACKUP.includes(software) && !BACKUP_RULES.includes(rule)) {
    return 'writes no logs and no IP addresses of its own; what a backup copies is judged by backup-extends-retention';
  }
  if (rule === 'ip-address-storage' && software === 'logrotate') return 'only deletes logs; whether they hold IPs is the writing server\'s cell';
  if (rule === 'ip-address-storage' && software === 'journald') return 'stores what the units log; whether they log IPs is the writing server\'s cell';
  return undefined;
}

/** Rules whose claims are a duration: only they have a worst case (POLICY.md, Verdicts). */
const TIMED: MatrixRule[] = [
  'log-retention', 'ip-address-retention', 'backup-retention', 'backup-interval', 'backup-extends-retention',
  'message-archive-retention', 'groupchat-archive-retention', 'upload-retention', 'offline-message-retention',
  'inactive-accounts',
];

export const NO_WORST_CASE = 'the claim is not a duration, so there is no worst case';

/** Why one kind of a possible cell cannot exist, or undefined when it can. */
export function impossibleKind(software: Software, rule: MatrixRule, kind: Kind): string | undefined {
  if (kind === 'worst-case' && !TIMED.includes(rule)) return NO_WORST_CASE;
  if (software === 'rsnapshot' && rule === 'backup-encryption' && kind === 'compliant') return 'rsnapshot has no encryption: it stores plain hard-linked copies';
  if (software === 'prosody' && rule === 'offline-message-retention' && kind !== 'violating') {
    return 'Prosody\'s mod_offline deletes a message only when it is delivered (no time bound); without it the claim is not-applicable';
  }
  if (software === 'prosody' && rule === 'inactive-accounts') {
    return 'Prosody has no option that deletes inactive accounts and privacy-lint recognises no job that does: the claim is always unverified (test/rules/privacy-rules.test.ts)';
  }
  return undefined;
}
