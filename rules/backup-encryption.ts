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
      sources: ['shared/research/backups.md §1–8, §10(a)'],
    },
  },
  check(ctx) {
    const claim = ctx.claim<boolean>('backups.encrypted');
    if (!claim) return;
    for (const backup of practicesOf(ctx.inventory, 'backup')) {
      const at = backup.evidence[0] ?? claim.position;
      const observed = `${backup.tool}: ${backup.encryption}`;
      if (claim.value === false || backup.encrypted === true) ctx.honours('backups.encrypted', backup.evidence, observed);
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
