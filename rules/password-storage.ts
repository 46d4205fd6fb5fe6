import { defineRule } from '../src/engine/define-rule.js';
import { practicesOf } from '../src/inventory/inventory.js';

export default defineRule({
  meta: {
    id: 'password-storage',
    claims: ['passwords'],
    defaultSeverity: 'error',
    description: 'Account passwords must be stored hashed when the policy says so.',
    docs: {
      rationale: 'Policies promise "passwords are stored as hashed SCRAM-SHA-1". A plaintext password store turns any disclosure of the data directory into account takeover.',
      checks: [
        'Prosody: `authentication` per host (default "internal_hashed": SCRAM, `password_hash` default SHA-1). "internal_plain" stores passwords in clear. Other providers (ldap, cyrus, http, ...) keep passwords outside Prosody: the claim cannot be told from Prosody\'s config.',
        'ejabberd: `auth_password_format` defaults to plain (cleartext); `scram` stores SCRAM hashes (`auth_scram_hash`: sha, sha256, sha512). ldap, external and pam keep passwords outside ejabberd.',
      ],
      examples: [{ language: 'lua', compliant: 'authentication = "internal_hashed"', violating: 'authentication = "internal_plain"' }],
      sources: ['Prosody 0.12 core/usermanager.lua:26', 'Prosody 0.12 modules/mod_auth_internal_hashed.lua:26,44-50'],
    },
  },
  check(ctx) {
    const claim = ctx.claim<string>('passwords');
    if (!claim) return;
    for (const store of practicesOf(ctx.inventory, 'password-storage')) {
      const at = store.evidence[0] ?? claim.position;
      if (claim.value === 'any' || store.hashed === true) {
        ctx.honours('passwords', store.evidence, store.scheme);
      } else if (store.hashed === false) {
        const report = { message: `${store.subject.name} stores passwords as ${store.scheme}, but the policy declares them hashed`, at, observed: store.scheme };
        ctx.breaks('passwords', { ...report, suggestion: store.suggestion, ...(store.edit ? { edit: store.edit } : {}) });
      } else {
        ctx.cannotTell('passwords', { message: `Cannot tell how ${store.subject.name} stores passwords: ${store.scheme}`, at, observed: store.scheme });
      }
    }
  },
});
