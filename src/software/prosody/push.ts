import type { EditProposal } from '../../inventory/edit.js';
import type { ProsodyContext } from './context.js';
import { PROSODY_DEFAULTS } from './defaults.js';
import { optionValueEdit } from './option-edit.js';

/**
 * Push notifications (XEP-0357) via mod_cloud_notify: community module in 0.12, bundled in 13.0.
 * push_notification_with_body / _with_sender default to false (0.12 prosody-modules
 * mod_cloud_notify/mod_cloud_notify.lua:19-20; 13.0 plugins/mod_cloud_notify.lua:19-20).
 */
export function interpretPush(ctx: ProsodyContext): void {
  for (const host of ctx.activeSections('host')) {
    const enabled = ctx.loaded(host, 'cloud_notify');
    const evidence = ctx.moduleEvidence(host, 'cloud_notify');
    const body = ctx.read(host, 'push_notification_with_body', PROSODY_DEFAULTS.push_notification_with_body, 'mod_cloud_notify');
    const sender = ctx.read(host, 'push_notification_with_sender', PROSODY_DEFAULTS.push_notification_with_sender, 'mod_cloud_notify');
    ctx.emit({
      kind: 'push-notifications',
      subject: ctx.subject(host),
      enabled,
      includesBody: body.unknown ? 'unknown' : truthy(body.scalar),
      includesSender: sender.unknown ? 'unknown' : truthy(sender.scalar),
      bodyEvidence: [body.evidence],
      senderEvidence: [sender.evidence],
      bodyFix: 'push_notification_with_body = false',
      senderFix: 'push_notification_with_sender = false',
      ...editIf('bodyEdit', optionValueEdit(body, 'false')),
      ...editIf('senderEdit', optionValueEdit(sender, 'false')),
      evidence,
    });
  }
}

/** get_option_boolean: true, "true" and 1 are true (0.12 core/moduleapi.lua:239-257). */
function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === 1;
}

function editIf<K extends string>(key: K, edit: EditProposal | undefined): Partial<Record<K, EditProposal>> {
  return edit ? ({ [key]: edit } as Partial<Record<K, EditProposal>>) : {};
}
