import { retentionItems } from '../src/engine/categories.js';
import { defineRule } from '../src/engine/define-rule.js';
import { judgeRetention } from '../src/engine/judge-retention.js';
import { practicesOf } from '../src/inventory/inventory.js';

export default defineRule({
  meta: {
    id: 'offline-message-retention',
    claims: ['offlineMessages.retention'],
    defaultSeverity: 'error',
    description: 'Messages stored for offline users must not be kept longer than declared.',
    docs: {
      rationale: 'Policies promise "offline messages are stored for 90 days". A message to a user who never logs in again waits in the offline store as long as the server lets it.',
      checks: [
        'Prosody: mod_offline is auto-loaded on every VirtualHost and has no expiry option in 0.12 or 13.0: messages wait until delivered, forever if never. Only `modules_disabled = { "offline" }` turns it off (with mod_mam, clients still fetch missed messages from the archive).',
        'ejabberd: mod_offline keeps messages until delivered; only a scheduled `ejabberdctl delete_old_messages DAYS` (or `delete_old_messages_batch HOST DAYS …`) bounds it.',
      ],
      examples: [{ language: 'lua', compliant: 'modules_disabled = { "offline" }\nmodules_enabled = { "mam" }\narchive_expires_after = "89d"', violating: '-- mod_offline auto-loaded: kept until delivered' }],
      sources: ['Prosody 0.12 core/modulemanager.lua:31-40', 'Prosody 0.12 modules/mod_offline.lua:13-50'],
    },
  },
  check(ctx) {
    const stores = practicesOf(ctx.inventory, 'offline-messages');
    if (stores.length === 0) return;
    const active = stores.filter((p) => p.enabled !== false);
    if (active.length === 0) {
      ctx.notApplicable('offlineMessages.retention', stores.flatMap((p) => p.evidence), 'offline storage disabled');
      return;
    }
    judgeRetention(ctx, 'offlineMessages.retention', retentionItems(ctx.inventory, 'offlineMessages.retention'));
  },
});
