import type { ProsodyContext } from './context.js';
import { nothingKept, trafficBound } from '../../inventory/retention.js';

/**
 * Offline messages: mod_offline is auto-loaded on every VirtualHost (core/modulemanager.lua:31-40)
 * and has no expiry option in either release (0.12 modules/mod_offline.lua:13-50, 13.0
 * plugins/mod_offline.lua): a message waits until the recipient logs in, forever if they never do.
 * Only `modules_disabled = { "offline" }` turns it off.
 */
export function interpretOfflineMessages(ctx: ProsodyContext): void {
  for (const host of ctx.activeSections('host')) {
    const enabled = ctx.loaded(host, 'offline');
    const evidence = ctx.moduleEvidence(host, 'offline', true);
    ctx.emit({
      kind: 'offline-messages',
      subject: ctx.subject(host),
      enabled,
      retention:
        enabled === false
          ? nothingKept('offline storage disabled', { evidence })
          : trafficBound(
              'mod_offline has no expiry option: a message is deleted only when its recipient comes online to receive it',
              'offline messages kept until delivered',
              { fixTemplate: 'modules_disabled = { "offline" } -- with mod_mam enabled, clients still fetch missed messages from the archive', evidence },
            ),
      evidence,
    });
  }
}
