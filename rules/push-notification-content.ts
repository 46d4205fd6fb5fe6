import type { EditProposal } from '../src/inventory/edit.js';
import type { ClaimName } from '../src/config/types.js';
import { defineRule } from '../src/engine/define-rule.js';
import type { RuleContext } from '../src/engine/types.js';
import type { PushNotificationPractice } from '../src/inventory/practice.js';
import { practicesOf } from '../src/inventory/inventory.js';

export default defineRule({
  meta: {
    id: 'push-notification-content',
    claims: ['pushNotifications.body', 'pushNotifications.sender'],
    defaultSeverity: 'error',
    description: 'Push notifications must not carry the message text or the sender when the policy says they do not.',
    docs: {
      rationale: 'Push services (Apple, Google, app push servers) see whatever the XMPP server puts in the notification. Policies promise they "never see your messages" nor "who you are chatting with".',
      checks: [
        'Prosody mod_cloud_notify (community in 0.12, bundled in 13.0): `push_notification_with_body` and `push_notification_with_sender`, both false by default; read per host. Hosts without the module send no push notifications.',
        'ejabberd mod_push: `include_body` defaults to the placeholder "New message" (true = the real text), `include_sender` to false.',
      ],
      examples: [{ language: 'lua', compliant: 'modules_enabled = { "cloud_notify" }', violating: 'modules_enabled = { "cloud_notify" }\npush_notification_with_body = true' }],
      sources: ['prosody-modules mod_cloud_notify/mod_cloud_notify.lua:19-20', 'Prosody 13.0 plugins/mod_cloud_notify.lua:19-20,371-377'],
    },
  },
  check(ctx) {
    const pushes = practicesOf(ctx.inventory, 'push-notifications');
    judge(ctx, pushes, 'pushNotifications.body', 'includesBody', 'bodyEvidence', 'message text', 'bodyFix');
    judge(ctx, pushes, 'pushNotifications.sender', 'includesSender', 'senderEvidence', 'sender address', 'senderFix');
  },
});

function judge(
  ctx: RuleContext,
  pushes: PushNotificationPractice[],
  claimName: ClaimName,
  field: 'includesBody' | 'includesSender',
  evidenceField: 'bodyEvidence' | 'senderEvidence',
  what: string,
  fixField: 'bodyFix' | 'senderFix',
): void {
  const claim = ctx.claim<boolean>(claimName);
  if (!claim) return;
  for (const push of pushes) {
    const host = push.subject.name;
    if (push.enabled === false) {
      ctx.notApplicable(claimName, push.evidence, `no push notifications (${pushModule(ctx, host)} not loaded on ${host})`);
      continue;
    }
    const value = push[field];
    const evidence = push[evidenceField];
    const at = evidence[0] ?? claim.position;
    if (claim.value || value === false) {
      ctx.honours(claimName, [...evidence, ...push.evidence], value === false ? `no ${what} in push notifications` : `${what} included`);
    } else if (value === true && push.enabled === true) {
      ctx.breaks(claimName, { message: `${host} puts the ${what} into push notifications, which push services can read; the policy declares it does not`, at, evidence: push.evidence, suggestion: push[fixField], ...editOf(push, fixField), observed: `${what} included` });
    } else {
      ctx.cannotTell(claimName, { message: `Cannot tell whether ${host} puts the ${what} into push notifications: it depends on values known only at runtime`, at, evidence: push.evidence, observed: 'unknown' });
    }
  }
}

function editOf(push: PushNotificationPractice, fixField: 'bodyFix' | 'senderFix'): { edit?: EditProposal } {
  const edit = fixField === 'bodyFix' ? push.bodyEdit : push.senderEdit;
  return edit ? { edit } : {};
}

/**
 * The module that would send push notifications on this host, named as the host's own server
 * calls it: ejabberd's is mod_push, Prosody's mod_cloud_notify. Read from the config models, so
 * the advice follows the server the host was found in.
 */
function pushModule(ctx: RuleContext, host: string): string {
  return ctx.configs.ejabberd.hosts.some((h) => h.name === host) ? 'mod_push' : 'mod_cloud_notify';
}
