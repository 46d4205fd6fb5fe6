import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';

/**
 * The advice names the module of the host's own server: ejabberd's push module is mod_push
 * (ejabberd src/mod_push.erl), Prosody's is mod_cloud_notify (prosody-modules, bundled in 13.0).
 */
const roots: string[] = [];
async function observed(files: Record<string, string>): Promise<string | undefined> {
  const root = await mkdtemp(path.join(tmpdir(), 'privacy-lint-push-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  await writeFile(path.join(root, 'policy.yaml'), 'policy:\n  pushNotifications:\n    body: false\n');
  const result = await lint({ cwd: root, root, paths: [], ruleOverrides: [], configFile: path.join(root, 'policy.yaml') });
  const claim = result.claims.find((c) => c.claim === 'pushNotifications.body');
  return claim && `${claim.verdict}: ${claim.observed}`;
}
afterAll(() => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

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
