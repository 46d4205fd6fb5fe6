import type { ClaimName } from '../src/config/types.js';
import { defineRule } from '../src/engine/define-rule.js';
import { judgeRetention } from '../src/engine/judge-retention.js';
import type { BackupPractice } from '../src/inventory/practice.js';
import { practicesOf } from '../src/inventory/inventory.js';

/**
 * Where the XMPP servers keep archives and uploads: Prosody's data directory, CFG_DATADIR =
 * /var/lib/prosody in Debian's /usr/bin/prosody (prosody 0.12.3-1 on bookworm), holding the archive
 * store and http_file_share's files; ejabberd's spool dir /var/lib/ejabberd (Debian's
 * ejabberdctl SPOOL_DIR, mnesia tables and the default upload docroot @HOME@/upload,
 * ejabberd 23.01 src/mod_http_upload.erl mod_options/1).
 */
const DATA = [
  { claim: 'messageArchive.retention' as ClaimName, what: 'the message archive', dirs: ['/var/lib/prosody', '/var/lib/ejabberd'] },
  { claim: 'fileUploads.retention' as ClaimName, what: 'uploaded files', dirs: ['/var/lib/prosody', '/var/lib/ejabberd'] },
];

export default defineRule({
  meta: {
    id: 'backup-extends-retention',
    claims: ['messageArchive.retention', 'fileUploads.retention'],
    defaultSeverity: 'error',
    description: 'A backup that holds the archive or the uploads must not keep them longer than their own declared retention.',
    docs: {
      rationale: 'A message deleted from the archive after 21 days lives on for months in a weekly backup: the promise to delete fails quietly, in the backup.',
      checks: [
        'For each backup whose contents include the XMPP server\'s data directory (/var/lib/prosody, /var/lib/ejabberd, or their parents, or its database), its retention is compared with messageArchive.retention and fileUploads.retention. Reported with both evidences: the backup\'s keep rules and the declared claim.',
      ],
      sources: ['Debian bookworm prosody 0.12.3 /usr/bin/prosody (CFG_DATADIR = /var/lib/prosody)', 'Debian bookworm ejabberd 23.01 /usr/sbin/ejabberdctl (SPOOL_DIR = /var/lib/ejabberd)', 'borg 1.2 docs `borg help prune`; restic 0.14 doc/060_forget.rst'],
    },
  },
  check(ctx) {
    const backups = practicesOf(ctx.inventory, 'backup');
    for (const data of DATA) {
      // The backup's copy of the data is one more place the claim's retention applies to.
      judgeRetention(
        ctx,
        data.claim,
        backups.filter((b) => holds(b, data.dirs)).map((backup) => ({
          label: `${data.what} in the ${backup.tool} backup ${backup.subject.name}`,
          retention: backup.retention,
          evidence: backup.evidence,
        })),
      );
    }
  },
});

function holds(backup: BackupPractice, dirs: string[]): boolean {
  const paths = backup.contents.paths.map((p) => p.replace(/\/+$/, '') || '/');
  return paths.some((p) => dirs.some((d) => d === p || d.startsWith(`${p}/`) || p === '/' || p.startsWith(`${d}/`))) ||
    backup.contents.databases.some((db) => /prosody|ejabberd/i.test(db));
}
