import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { specialTree } from '../helpers/special-tree.js';

/**
 * The advice names the module of the host's own server: ejabberd's push module is mod_push
 * (ejabberd src/mod_push.erl), Prosody's is mod_cloud_notify (prosody-modules, bundled in 13.0).
 */
async function observed(files: Record<string, string>): Promise<string | undefined> {
  const root = specialTree({ ...files, 'policy.yaml': 'policy:\n  pushNotifications:\n    body: false\n' }, 'privacy-lint-push-');
  const result = await lint({ cwd: root, root, paths: [], ruleOverrides: [], configFile: path.join(root, 'policy.yaml') });
  const claim = result.claims.find((c) => c.claim === 'pushNotifications.body');
  return claim && `${claim.verdict}: ${claim.observed}`;
}

describe('push-notification-content on a host without push', () => {
  it('an ejabberd host names mod_push', async () => {
    expect(await observed({ 'etc/ejabberd/ejabberd.yml': 'hosts:\n  - example.org\nmodules:\n  mod_mam: {}\n' })).toBe(
      'not-applicable: no push notifications (mod_push not loaded on example.org)',
    );
  });

  it('a Prosody host names mod_cloud_notify', async () => {
    expect(await observed({ 'etc/prosody/prosody.cfg.lua': 'VirtualHost "example.org"\n' })).toBe(
      'not-applicable: no push notifications (mod_cloud_notify not loaded on example.org)',
    );
  });
});
