import { describe, it } from 'vitest';
import groupchatArchiveRetention from '../../rules/groupchat-archive-retention.js';
import passwordStorage from '../../rules/password-storage.js';
import transportEncryption from '../../rules/transport-encryption.js';
import uploadRetention from '../../rules/upload-retention.js';
import { RuleTester } from '../../src/testing/rule-tester.js';

/**
 * Built-in rules tested the way a plugin author tests theirs (privacy-lint/testing): small
 * Prosody configs given inline. The fixture-based tests in privacy-rules.test.ts cover the
 * same rules on the test matrix's fixtures.
 */
RuleTester.describe = describe;
RuleTester.it = it;

const tester = new RuleTester();
const CFG = 'etc/prosody/prosody.cfg.lua';

void tester.run('password-storage', passwordStorage, {
  valid: [
    // internal_hashed is Prosody's default authentication provider (core/usermanager.lua), storing SCRAM-SHA-1.
    { name: 'the default provider', files: { [CFG]: 'VirtualHost "example.org"\n' }, policy: { passwords: 'hashed' }, verdicts: { passwords: 'verified' } },
    { name: 'plaintext allowed by the policy', files: { [CFG]: 'authentication = "internal_plain"\nVirtualHost "example.org"\n' }, policy: { passwords: 'any' } },
  ],
  invalid: [
    {
      name: 'internal_plain inherited from the global section',
      // Line 1, column 1: the global option; the host inherits it (config.get falls back to "*").
      files: { [CFG]: 'authentication = "internal_plain"\nVirtualHost "example.org"\n' },
      policy: { passwords: 'hashed' },
      errors: [{ file: CFG, line: 1, column: 1, message: 'example.org stores passwords as plaintext (internal_plain), but the policy declares them hashed' }],
      verdicts: { passwords: 'violated' },
    },
    {
      name: 'one host of two',
      files: { [CFG]: 'VirtualHost "a.example"\nVirtualHost "b.example"\n  authentication = "internal_plain"\n' },
      policy: { passwords: 'hashed' },
      // Line 3, indented by two spaces: column 3.
      errors: [{ line: 3, column: 3, message: /^b\.example stores passwords as plaintext/ }],
      verdicts: { passwords: 'violated' },
    },
  ],
});

void tester.run('transport-encryption', transportEncryption, {
  valid: [
    // c2s_require_encryption and s2s_require_encryption default to true (Prosody 0.12 and 13.0).
    { name: 'the defaults', files: { [CFG]: 'VirtualHost "example.org"\n' }, policy: { transport: { requireEncryption: true } }, verdicts: { 'transport.requireEncryption': 'verified' } },
  ],
  invalid: [
    {
      name: 'optional TLS for clients of one host',
      files: { [CFG]: 'VirtualHost "example.org"\n  c2s_require_encryption = false\n' },
      policy: { transport: { requireEncryption: true } },
      errors: [{ line: 2, column: 3, message: 'Clients of example.org may connect without TLS: the policy declares TLS required' }],
      verdicts: { 'transport.requireEncryption': 'violated' },
    },
  ],
});

const NGINX = 'etc/nginx/nginx.conf';
const WEB_ONLY = { [NGINX]: 'http {\n  server {\n    listen 443 ssl;\n    access_log off;\n  }\n}\n' };

// Only an XMPP server's config can show that it runs no MUC or upload service: a tree with only a
// web server read says nothing about either (POLICY.md "Verdicts": never a verdict by omission).
void tester.run('groupchat-archive-retention', groupchatArchiveRetention, {
  valid: [
    { name: 'a web server alone: no verdict either way', files: WEB_ONLY, policy: { groupchatArchive: { retention: '30d' } }, verdicts: { 'groupchatArchive.retention': 'unverified' } },
    { name: 'Prosody without a MUC component', files: { [CFG]: 'VirtualHost "example.org"\n' }, policy: { groupchatArchive: { retention: '30d' } }, verdicts: { 'groupchatArchive.retention': 'not-applicable' } },
  ],
  invalid: [],
});

void tester.run('upload-retention', uploadRetention, {
  valid: [
    { name: 'a web server alone: no verdict either way', files: WEB_ONLY, policy: { fileUploads: { retention: '30d' } }, verdicts: { 'fileUploads.retention': 'unverified' } },
    { name: 'Prosody without an upload component', files: { [CFG]: 'VirtualHost "example.org"\n' }, policy: { fileUploads: { retention: '30d' } }, verdicts: { 'fileUploads.retention': 'not-applicable' } },
  ],
  invalid: [],
});
