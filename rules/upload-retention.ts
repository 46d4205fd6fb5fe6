import { retentionItems } from '../src/engine/categories.js';
import { defineRule } from '../src/engine/define-rule.js';
import { judgeRetention } from '../src/engine/judge-retention.js';
import { absenceEvidence, XMPP_SERVERS } from '../src/engine/source-evidence.js';
import { practicesOf } from '../src/inventory/inventory.js';

export default defineRule({
  meta: {
    id: 'upload-retention',
    claims: ['fileUploads.retention'],
    defaultSeverity: 'error',
    description: 'Files shared through HTTP upload must be deleted within the declared retention.',
    docs: {
      rationale: 'Policies promise "file uploads are stored for at most 31 days". Uploaded files stay on disk as long as the upload service keeps them.',
      checks: [
        'Prosody mod_http_file_share: `http_file_share_expires_after`. 0.12 reads it only as a number of seconds (default 7*86400; a string such as "1w" makes the module fail to load; negative = never). 13.0 takes a period (default "1w"; "never", false or negative = forever). Files behind `http_file_share_base_url` are never pruned by Prosody. Deletion runs daily: up to one day longer.',
        'Community mod_http_upload: `http_upload_expire_after` in seconds, unset = never expire; expiry runs only when the same user asks for a new upload slot, so the worst case is forever.',
        'Community mod_http_upload_external: files are stored by the service behind `http_upload_external_base_url`, which Prosody never prunes: unverified, naming what to check (that service\'s expiry, or a job deleting old files from its storage).',
        'ejabberd: mod_http_upload keeps files forever unless mod_http_upload_quota has `max_days` (swept daily: worst case one day more) or a job deletes old files from the upload directory (`find DIR -mtime +N -delete`). `jid_in_url: node` is reported as a config-warning.',
      ],
      examples: [
        { language: 'lua', compliant: 'Component "upload.example.org" "http_file_share"\n  http_file_share_expires_after = 30 * 24 * 60 * 60', violating: 'Component "upload.example.org" "http_file_share"\n  http_file_share_expires_after = -1' },
      ],
      sources: ['Prosody 0.12 modules/mod_http_file_share.lua:39,43,453,467', 'Prosody 13.0 plugins/mod_http_file_share.lua:42,481,495', 'prosody-modules mod_http_upload/mod_http_upload.lua:43,120-150,192'],
    },
  },
  check(ctx) {
    const uploads = practicesOf(ctx.inventory, 'file-upload').filter((p) => p.enabled !== false);
    if (uploads.length === 0) {
      const evidence = absenceEvidence(ctx.inventory, 'no HTTP upload service configured', XMPP_SERVERS);
      if (evidence.length > 0) ctx.notApplicable('fileUploads.retention', evidence, 'no upload service configured');
      return;
    }
    judgeRetention(ctx, 'fileUploads.retention', retentionItems(ctx.inventory, 'fileUploads.retention'));
  },
});
