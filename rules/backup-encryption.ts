import { defineRule } from '../src/engine/define-rule.js';
import { practicesOf } from '../src/inventory/inventory.js';

export default defineRule({
  meta: {
    id: 'backup-encryption',
    claims: ['backups.encrypted'],
    looksAt: ['backup', 'cron'],
    defaultSeverity: 'error',
    description: 'Every backup must be encrypted when the policy says so.',
    docs: {
      rationale: '"All backups will be encrypted", "GPG encrypted before they are saved": a backup copies every archive, account and upload; unencrypted, it is the easiest copy to lose.',
      checks: [
        'borg / borgmatic: the repository\'s encryption mode (`borg init --encryption=…`, borgmatic `encryption`); `none` and `authenticated*` do not encrypt.',
        'restic: always encrypted unless `--insecure-no-password`. duplicity / duply: encrypted unless `--no-encryption` / `GPG_KEY=\'disabled\'`. rsnapshot: never encrypted.',
        'Home-made dump scripts: encrypted when the dump is piped to `gpg`, `age` or `openssl enc`; written to a file as is, not encrypted; a script the reader cannot follow is unverified, with what could not be read.',
      ],
      sources: [
        'borg 1.2 docs `borg init --encryption` (none and authenticated modes do not encrypt)',
        'restic 0.17.0 CHANGELOG (--insecure-no-password)',
        'borgmatic borgmatic/config/schema.yaml (encryption_passphrase, encryption_passcommand)',
        'duplicity 0.8.22 duplicity(1) --no-encryption, --encrypt-key; duply 2.4.1 duply(1) GPG_KEY, GPG_PW',
        'rsnapshot 1.4.5 rsnapshot(1) (plain hard-linked copies)',
      ],
    },
  },
  check(ctx) {
    const claim = ctx.claim<boolean>('backups.encrypted');
    if (!claim) return;
    for (const backup of practicesOf(ctx.inventory, 'backup')) {
      const at = backup.evidence[0] ?? claim.position;
      const observed = `${backup.tool}: ${backup.encryption}`;
      if (!claim.value || backup.encrypted === true) ctx.honours('backups.encrypted', backup.evidence, observed);
      else if (backup.encrypted === false) {
        ctx.breaks('backups.encrypted', {
          message: `${backup.tool} backup ${backup.subject.name} is not encrypted (${backup.encryption}); the policy declares backups encrypted`,
          at,
          evidence: backup.evidence.slice(1),
          suggestion: backup.encryptFix,
          observed,
        });
      } else {
        ctx.cannotTell('backups.encrypted', { message: `Cannot tell whether ${backup.tool} backup ${backup.subject.name} is encrypted: ${backup.encryption}`, at, observed });
      }
    }
  },
});
