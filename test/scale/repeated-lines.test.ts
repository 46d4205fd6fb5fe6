/**
 * One line of a config repeated thousands of times (the fuzzer's repeat-line inputs): the verdicts
 * and figures must be those of the file with the line once, and the run must end.
 *
 * Backups: a cron.d file whose backup line, or a unit whose ExecStart= line, is repeated. cron runs each line (crontab(5)), so the same backup runs that many times at the same
 * minute: what is kept, how, and how often, is unchanged. A crash test, not a timed one; each
 * tree hung before its fix (20,000 lines: rsnapshot 11 s of CPU, duply 9.5 s, restic 74 s, borg 297 s), as
 * lists of runs were copied at every line, the crontab's environment was read again for each job,
 * and every borg create looked through every command of its repository.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';

const COPIES = 3_000;
/** `ownPolicy`: judge with the tree's own privacy-lint.config.yaml instead of the backup policy. */
const cases: { tree: string; crontab: string; needle: string; ownPolicy?: boolean; claims?: string; policy?: string }[] = [
  // systemd runs each ExecStart= line of a oneshot service in turn (systemd.service(5)): the same
  // borgmatic run 3,000 times; its unit's conditions were read again for each line.
  { tree: 'demo', crontab: 'etc/systemd/system/borgmatic.service', needle: 'ExecStart=', ownPolicy: true },
  { tree: 'backups/rsnapshot/e9', crontab: 'etc/cron.d/rsnapshot', needle: 'rsnapshot alpha' },
  { tree: 'backups/borg/unencrypted', crontab: 'etc/cron.d/borg', needle: 'borg create' },
  { tree: 'backups/restic/bad-flags', crontab: 'etc/cron.d/restic', needle: 'restic' },
  { tree: 'backups/duply/e7', crontab: 'etc/cron.d/duply', needle: 'duply' },
  { tree: 'backups/autorestic/e6-forget-yes', crontab: 'etc/cron.d/autorestic', needle: 'autorestic' },
  // Web servers, found by the fuzzer on 2026-12-03 (20,000 copies did not end in 60 s): a
  // snippet with a log imported again and again made every sink weigh every other sink's
  // rotation; a repeated CSP header weighed every copy against every other.
  { tree: 'web/caddyfile/compliant', crontab: 'etc/caddy/Caddyfile', needle: 'import anonymised_log', ownPolicy: true, claims: '' },
  { tree: 'web/caddyfile/compliant', crontab: 'etc/caddy/Caddyfile', needle: "default-src 'self' https://cdn", ownPolicy: true, claims: '' },
  // Found by the same run: a piped CustomLog repeated (one note at thousands of lines made the
  // evidence de-duplication quadratic), and ExecStart= lines of a service whose jobs each read the
  // unit's Environment= lines again.
  { tree: 'matrix/apache/log-retention/compliant', crontab: 'etc/apache2/apache2.conf', needle: 'CustomLog "|/usr/bin/rotatelogs', ownPolicy: true, claims: '' },
  { tree: 'backups/borg/randomized-timer', crontab: 'etc/systemd/system/borg-backup.service', needle: 'ExecStart=' },
  // A repeated duplicity job gave each removal's figure its own copy of every removal's evidence
  // (1.5 GB at 20,000 lines); a repeated dump line looked through every later line for each dump.
  { tree: 'backups/duplicity/e8', crontab: 'etc/cron.d/duplicity', needle: 'duplicity-prosody.sh' },
  { tree: 'backups/dump-scripts/intermediate', crontab: 'etc/cron.daily/xmpp-db', needle: 'pg_dump' },
  // Each duplicity line of a script read the script's assignments again.
  { tree: 'backups/duplicity/fulljob', crontab: 'usr/local/sbin/dup.sh', needle: 'remove-all-but-n-full' },
  // ejabberd merges a repeated list option (econf:group_dups/1): the merged list was copied at each repeat.
  { tree: 'ejabberd-reader/macros', crontab: 'etc/ejabberd/ejabberd.yml', needle: 'hosts: HOSTS_LIST', claims: 'messageArchive.', policy: 'policy:\n  messageArchive:\n    retention: 7d\n' },
];

const BACKUP_POLICY = 'policy:\n  backups:\n    encrypted: true\n    retention: 7d\n    interval: 1d\n';
const verdicts = (r: LintResult): string[] => r.claims.map((c) => `${c.claim}: ${c.verdict} (${c.observed})`);
const work: string[] = [];
afterAll(() => Promise.all(work.map((w) => rm(w, { recursive: true, force: true }))));

for (const { tree, crontab, needle, ownPolicy = false, claims = 'backups.', policy: policyText = BACKUP_POLICY } of cases) {
  describe(`${tree}: its ${needle} line repeated ${COPIES.toLocaleString('en-US')} times in ${crontab}`, () => {
    let once: LintResult;
    let repeated: LintResult;

    beforeAll(async () => {
      const root = await mkdtemp(path.join(tmpdir(), 'privacy-lint-cron-lines-'));
      work.push(root);
      await cp(path.resolve('fixtures', tree), root, { recursive: true });
      const file = path.join(root, crontab);
      const lines = (await readFile(file, 'utf8')).split('\n');
      const job = lines.findIndex((l) => l.includes(needle) && !l.trimStart().startsWith('#'));
      expect(job).toBeGreaterThanOrEqual(0);
      lines.splice(job, 0, ...Array.from({ length: COPIES - 1 }, () => lines[job] ?? ''));
      await writeFile(file, lines.join('\n'));
      const policy = path.join(root, ownPolicy ? 'privacy-lint.config.yaml' : 'policy.yaml');
      if (!ownPolicy) await writeFile(policy, policyText);
      const options = (r: string) => ({ cwd: r, root: r, paths: [], ruleOverrides: [], configFile: policy });
      once = await lint(options(path.resolve('fixtures', tree)));
      repeated = await lint(options(root));
    }, 600_000);

    it(`judges the ${claims || 'policy'} claims`, () => {
      expect(repeated.claims.filter((c) => c.claim.startsWith(claims) && c.verdict !== 'unverified').length).toBeGreaterThan(0);
    });

    it('gives every claim the verdict and figure of the file with one line', () => {
      expect(verdicts(repeated)).toEqual(verdicts(once));
    });
  });
}
