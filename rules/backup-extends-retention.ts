import { formatDuration } from '../src/config/duration.js';
import type { ClaimName, Duration } from '../src/config/types.js';
import { defineRule } from '../src/engine/define-rule.js';
import type { BackupPractice } from '../src/inventory/practice.js';
import { practicesOf } from '../src/inventory/inventory.js';

/**
 * Where the XMPP servers keep archives and uploads: Prosody's data directory, CFG_DATADIR =
 * /var/lib/prosody in Debian's /usr/bin/prosody (research/prosody.md §1.1), holding the archive
 * store and http_file_share's files; ejabberd's spool dir /var/lib/ejabberd (Debian's
 * ejabberdctl SPOOL_DIR, mnesia tables and the default upload docroot @HOME@/upload,
 * research/ejabberd.md §1.4, §5).
 */
const DATA = [
  { claim: 'messageArchive.retention' as ClaimName, what: 'the message archive', dirs: ['/var/lib/prosody', '/var/lib/ejabberd'] },
  { claim: 'fileUploads.retention' as ClaimName, what: 'uploaded files', dirs: ['/var/lib/prosody', '/var/lib/ejabberd'] },
];

export default defineRule({
  meta: {
    id: 'backup-extends-retention',
    claims: ['messageArchive.retention', 'fileUploads.retention'],
    defaultSeverity: 'warning',
    description: 'A backup that holds the archive or the uploads must not keep them longer than their own declared retention.',
    docs: {
      rationale: 'A message deleted from the archive after 21 days lives on for months in a weekly backup: the promise to delete fails quietly, in the backup.',
      checks: [
        'For each backup whose contents include the XMPP server\'s data directory (/var/lib/prosody, /var/lib/ejabberd, or their parents, or its database), its retention is compared with messageArchive.retention and fileUploads.retention. Reported with both evidences: the backup\'s keep rules and the declared claim.',
      ],
      sources: ['shared/research/backups.md §0'],
    },
  },
  check(ctx) {
    for (const data of DATA) {
      const claim = ctx.claim<Duration>(data.claim);
      if (!claim) continue;
      for (const backup of practicesOf(ctx.inventory, 'backup')) {
        if (!holds(backup, data.dirs)) continue;
        const kept = backup.retention.worstCase ?? backup.retention.nominal;
        if (kept === undefined || kept <= claim.value.seconds) continue;
        ctx.report({
          claim: data.claim,
          message: `${backup.tool} backup ${backup.subject.name} contains ${data.what} and keeps it up to ${formatDuration(kept)}, longer than the declared ${data.claim} of ${claim.text}`,
          at: backup.retention.evidence[0] ?? backup.evidence[0] ?? claim.position,
          evidence: [...backup.evidence, { ...claim.position, note: `declared ${data.claim}: ${claim.text}` }],
        });
      }
    }
  },
});

function holds(backup: BackupPractice, dirs: string[]): boolean {
  const paths = backup.contents.paths.map((p) => p.replace(/\/+$/, '') || '/');
  return paths.some((p) => dirs.some((d) => d === p || d.startsWith(`${p}/`) || p === '/' || p.startsWith(`${d}/`))) ||
    backup.contents.databases.some((db) => /prosody|ejabberd/i.test(db));
}
