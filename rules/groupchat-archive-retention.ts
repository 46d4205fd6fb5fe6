import { retentionItems } from '../src/engine/categories.js';
import { defineRule } from '../src/engine/define-rule.js';
import { judgeRetention } from '../src/engine/judge-retention.js';
import type { RuleContext } from '../src/engine/types.js';
import { absenceEvidence, XMPP_SERVERS } from '../src/engine/source-evidence.js';
import { practicesOf } from '../src/inventory/inventory.js';

export default defineRule({
  meta: {
    id: 'groupchat-archive-retention',
    claims: ['groupchatArchive.retention'],
    defaultSeverity: 'error',
    description: 'Group chat archives (MUC MAM, room logs) must expire within the declared retention.',
    docs: {
      rationale: 'Group chat messages are personal data of every participant; policies that promise a retention for archives cover rooms too.',
      checks: [
        'Prosody: for every MUC Component, mod_muc_mam must be listed under the Component itself (global modules are not inherited by components); its `muc_log_expires_after` (default "1w") is parsed by the release\'s rules, like archive_expires_after.',
        'Community mod_muc_log keeps room logs with no expiry at all: forever.',
        'Worst case: the daily cleanup job adds up to a day.',
        'ejabberd: rooms are archived by mod_mam (when `mod_muc.default_room_options.mam` is on, or owners switch it on); retention from a scheduled `delete_old_mam_messages all|groupchat DAYS`. mod_muc_log writes room logs to disk with no expiry.',
      ],
      examples: [
        {
          language: 'lua',
          compliant: 'Component "conference.example.org" "muc"\n  modules_enabled = { "muc_mam" }\n  muc_log_expires_after = "20d"',
          violating: 'Component "conference.example.org" "muc"\n  modules_enabled = { "muc_mam" }\n  muc_log_expires_after = "never"',
        },
      ],
      sources: ['Prosody 0.12 modules/mod_muc_mam.lua:37,50-51,470-484', 'Prosody 0.12 core/modulemanager.lua:41-50', 'prosody-modules mod_muc_log/mod_muc_log.lua:15-16'],
    },
  },
  check(ctx) {
    const archives = practicesOf(ctx.inventory, 'message-archive').filter((p) => p.scope === 'groupchat');
    const active = archives.filter((p) => p.enabled !== false);
    if (archives.length > 0 && active.length === 0) {
      ctx.notApplicable('groupchatArchive.retention', archives.flatMap((p) => p.evidence), 'no group chat archive (no archiving module loaded for the group chat service)');
      return;
    }
    if (active.length === 0) {
      notApplicableWithoutMuc(ctx);
      return;
    }
    judgeRetention(ctx, 'groupchatArchive.retention', retentionItems(ctx.inventory, 'groupchatArchive.retention'));
  },
});

/** A server with no MUC component keeps no group chat archive. */
function notApplicableWithoutMuc(ctx: RuleContext): void {
  const evidence = absenceEvidence(ctx.inventory, 'no MUC component configured', XMPP_SERVERS);
  if (evidence.length > 0) ctx.notApplicable('groupchatArchive.retention', evidence, 'no group chat service (no MUC component)');
}
