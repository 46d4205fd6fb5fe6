// The "whole Debian system" tree of the benchmark (bench/run.js): the demo server (Prosody, nginx,
// logrotate, journald, fail2ban, borgmatic, cron, systemd) with the trees of other fixtures laid
// over it, so every reader of the CLI has something to read: ejabberd, Apache, Caddy, restic,
// scheduled jobs, journald drop-ins. Files the demo already has are kept (no fixture overwrites
// another). Policy: the demo's.
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const OVERLAYS = [
  'fixtures/ejabberd/purged',
  'fixtures/apache/sites',
  'fixtures/caddy/sites',
  'fixtures/backups/restic/unit-env',
  'fixtures/jobs/debian-mixed',
  'fixtures/journald/dropins',
];

/** Copies the demo and the overlays under `dir`; returns the root and the policy file. */
export function generateSystemTree(repoRoot, dir) {
  const root = join(dir, 'system');
  cpSync(join(repoRoot, 'fixtures/demo'), root, { recursive: true });
  for (const overlay of OVERLAYS) {
    const from = join(repoRoot, overlay);
    if (!existsSync(from)) throw new Error(`${overlay} missing`);
    cpSync(from, root, {
      recursive: true,
      force: false,
      filter: (source) => !source.endsWith('privacy-lint.config.yaml'),
    });
  }
  return { root, policy: join(root, 'privacy-lint.config.yaml') };
}
