/**
 * Prosody's and ejabberd's retention cells that the rule tests (test/rules) leave open: the same
 * trees judged against a tighter or looser claim given here, so that the nominal figure meets
 * the claim exactly and only the worst case (Prosody's daily expiry job, mod_http_upload_quota's
 * daily sweep, a daily timer's accuracy) passes it, or stays within it.
 */
import { describe } from 'vitest';
import { cell } from '../../helpers/matrix.js';
import { verifies, worstCase } from '../../helpers/matrix-cases.js';

const prosody = (tree: string, claim: string, value: string) => ({
  tree: `rules/${tree}`,
  config: `versions:\n  prosody: "13.0"\npolicy:\n  ${claim.replace('.', ':\n    ')}: ${value}\n`,
});
const ejabberd = (claim: string, value: string) => ({
  tree: 'ejabberd/purged',
  config: `versions:\n  ejabberd: "23.01"\npolicy:\n  ${claim.replace('.', ':\n    ')}: ${value}\n`,
});

describe('Prosody', () => {
  // muc_log_expires_after = "20 days" = 20d; Prosody's expiry runs daily: 21d.
  worstCase(cell('prosody', 'groupchat-archive-retention', 'worst-case'), 'groupchatArchive.retention', '"20 days" against 20d',
    { file: 'etc/prosody/prosody.cfg.lua', needle: 'muc_log_expires_after', comment: '--' }, 'in the worst case data lives 21d',
    prosody('groupchat-archive-retention/compliant', 'groupchatArchive.retention', '20d'));
  // http_file_share_expires_after = "30 days" = 30d; the daily expiry job: 31d.
  worstCase(cell('prosody', 'upload-retention', 'worst-case'), 'fileUploads.retention', '"30 days" against 30d',
    { file: 'etc/prosody/prosody.cfg.lua', needle: 'http_file_share_expires_after', comment: '--' }, 'in the worst case data lives 31d',
    prosody('upload-retention/compliant', 'fileUploads.retention', '30d'));
});

describe('ejabberd (fixtures/ejabberd/purged: a daily timer runs the purges)', () => {
  // ejabberdctl delete_old_mam_messages all 20 = 20d; daily timer, AccuracySec=1min: 21d 1min.
  verifies(cell('ejabberd', 'message-archive-retention', 'compliant'), 'messageArchive.retention', 'delete_old_mam_messages all 20 against 22d',
    ejabberd('messageArchive.retention', '22d'));
  worstCase(cell('ejabberd', 'message-archive-retention', 'worst-case'), 'messageArchive.retention', 'delete_old_mam_messages all 20 against 20d',
    { file: 'etc/systemd/system/ejabberd-purge.service', needle: '/usr/sbin/ejabberdctl delete_old_mam_messages' }, 'in the worst case data lives 21d 1min',
    ejabberd('messageArchive.retention', '20d'));
  // mod_http_upload_quota max_days: 30, swept daily: 31d.
  worstCase(cell('ejabberd', 'upload-retention', 'worst-case'), 'fileUploads.retention', 'max_days: 30 against 30d',
    { file: 'etc/ejabberd/ejabberd.yml', needle: 'max_days' }, 'in the worst case data lives 31d', ejabberd('fileUploads.retention', '30d'));
  // mod_cron runs delete_old_messages 30 every day: 31d.
  worstCase(cell('ejabberd', 'offline-message-retention', 'worst-case'), 'offlineMessages.retention', 'a daily mod_cron task, 30 days, against 30d',
    { file: 'etc/ejabberd/ejabberd.yml', needle: 'time: 1' }, 'in the worst case data lives 31d', ejabberd('offlineMessages.retention', '30d'));
  // delete_old_users 364 from the daily timer: 365d 1min.
  worstCase(cell('ejabberd', 'inactive-accounts', 'worst-case'), 'inactiveAccounts.deleteAfter', 'delete_old_users 364 against 364d',
    { file: 'etc/systemd/system/ejabberd-purge.service', needle: '/usr/sbin/ejabberdctl delete_old_users' }, 'in the worst case data lives 365d 1min',
    ejabberd('inactiveAccounts.deleteAfter', '364d'));
});

describe('ejabberd group chat archives (fixtures/matrix/ejabberd/groupchat-archive-retention/compliant)', () => {
  // The purged tree plus mod_muc with archived rooms: delete_old_mam_messages all 20 purges
  // group chat archives too (ejabberdctl help delete_old_mam_messages: type all|chat|groupchat).
  const tree = 'matrix/ejabberd/groupchat-archive-retention/compliant';
  const claim = (value: string) => ({ tree, config: `versions:\n  ejabberd: "23.01"\npolicy:\n  groupchatArchive:\n    retention: ${value}\n` });
  verifies(cell('ejabberd', 'groupchat-archive-retention', 'compliant'), 'groupchatArchive.retention', 'purged after 20 days, against 22d', claim('22d'));
  worstCase(cell('ejabberd', 'groupchat-archive-retention', 'worst-case'), 'groupchatArchive.retention', 'purged after 20 days, against 20d',
    { file: 'etc/systemd/system/ejabberd-purge.service', needle: '/usr/sbin/ejabberdctl delete_old_mam_messages' }, 'in the worst case data lives 21d 1min', claim('20d'));
});
