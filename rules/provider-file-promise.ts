import { defineRule } from '../src/engine/define-rule.js';

/** Findings of this id are made by the engine itself (src/engine/provider-promises.ts); this module documents them. */
export default defineRule({
  meta: {
    id: 'provider-file-promise',
    claims: [],
    defaultSeverity: 'error',
    description: 'An XMPP Providers provider file promises less storage time than the configuration keeps.',
    docs: {
      rationale: 'Clients such as Conversations, Monal and Kaidan recommend providers from their provider files (/.well-known/xmpp-provider-v2.json). Its storage fields are promises to users; a field that promises 7 days while the archive keeps 21 misleads every user who picked the provider for it.',
      checks: [
        'With `--policy xmpp-provider-v2.json`, maximumMessageArchiveManagementStorageTime becomes the messageArchive.retention claim and maximumHttpFileUploadStorageTime the fileUploads.retention claim (days; 0 = no limit; -1 = less than a day). When the claim is violated, this error is reported at the field\'s line in the provider file, beside the retention rule\'s error at the config\'s line.',
      ],
      sources: ['XMPP Providers, provider file properties (maximum…StorageTime: "number in days, 0 for no limit or -1 for less than 1 day")', 'ejabberd 25.08 src/mod_providers.erl (mod_doc, file_json/1)'],
    },
  },
  check() {},
});
