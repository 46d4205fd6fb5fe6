import { retentionItems } from '../src/engine/categories.js';
import { defineRule } from '../src/engine/define-rule.js';
import { judgeRetention } from '../src/engine/judge-retention.js';

export default defineRule({
  meta: {
    id: 'inactive-accounts',
    claims: ['inactiveAccounts.deleteAfter'],
    defaultSeverity: 'error',
    description: 'Accounts unused for the declared time must be deleted by something that really runs.',
    docs: {
      rationale: 'Policies promise "we delete unused accounts after one year without any login". Servers do not do that by themselves.',
      checks: [
        'ejabberd: a scheduled `ejabberdctl delete_old_users DAYS` (or `delete_old_users_vhost HOST DAYS`) in cron, a systemd timer or a mod_cron task; nominal = DAYS, worst case = DAYS plus the longest gap between runs. Without mod_last the command deletes every offline account; without mod_admin_extra it fails: both are reported.',
        'Prosody 0.12 and 13.0 have no option that deletes inactive accounts, and privacy-lint does not yet recognise a job that deletes Prosody accounts: the claim stays unverified there, with the host named.',
      ],
      examples: [
        { language: 'crontab', compliant: '# /etc/cron.d/ejabberd-purge\n15 3 * * * ejabberd ejabberdctl delete_old_users 364', violating: '# no job: accounts are kept forever' },
      ],
      sources: ['ejabberd 23.01 src/mod_admin_extra.erl delete_old_users/2, delete_or_not/3', 'Prosody 13.0.1 plugins/mod_account_activity.lua (last login timestamp, no expiry)', 'prosody-modules mod_lastlog2/mod_lastlog2.lua:3,7-36'],
    },
  },
  check(ctx) {
    judgeRetention(ctx, 'inactiveAccounts.deleteAfter', retentionItems(ctx.inventory, 'inactiveAccounts.deleteAfter'));
  },
});
