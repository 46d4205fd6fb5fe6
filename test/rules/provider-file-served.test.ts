/**
 * provider-file-promise on a provider file a web server publishes: found where clients fetch it,
 * https://<domain>/.well-known/xmpp-provider-v2.json, through the nginx config under --root.
 * Fixtures: fixtures/provider-file/nginx-served*.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RootFiles } from '../../src/files/root-files.js';
import { readNginx } from '../../src/software/nginx/read-nginx.js';
import { placeOf, repoRoot } from '../helpers/lint-fixture.js';
import { providerFileTrees } from '../helpers/provider-file-trees.js';

const lintTree = providerFileTrees();

describe('provider-file-promise on a provider file nginx serves', { timeout: 60_000 }, () => {
  it('a file promising 7 days while Prosody keeps 21 is an error at the field, in the file the ^~ /.well-known/ alias serves', async () => {
    const result = await lintTree('nginx-served');
    const found = result.findings.filter((f) => f.ruleId === 'provider-file-promise');
    expect(found.map((f) => [placeOf(result, f), f.severity, f.message, f.suggestion])).toEqual([
      [
        // xmpp-provider-v2.json:5 `"maximumMessageArchiveManagementStorageTime": 7`; prosody.cfg.lua
        // archive_expires_after = "21d", and mod_mam's cleanup runs once a day (`module:daily`,
        // Prosody 0.12 plugins/mod_mam/mod_mam.lua:545): 21d nominal, 22d worst case.
        'srv/well-known/xmpp-provider-v2.json:5:3',
        'error',
        'maximumMessageArchiveManagementStorageTime promises 7 days while the message archive keeps 21d on example.net',
        'maximumMessageArchiveManagementStorageTime: 22',
      ],
    ]);
  });

  it('an honest file (30 days, more than the 21 kept) served from the server root gives no finding', async () => {
    const root = path.join(repoRoot, 'fixtures/provider-file/nginx-served-honest');
    // The file is found (root /var/www/example + the URI) and read: its promise holds.
    const promises = readNginx(new RootFiles(root)).practices.filter((p) => p.kind === 'provider-promise');
    expect(promises.map((p) => [p.subject.name, p.evidence[0]?.line, p.evidence[1]?.note])).toEqual([
      ['example.net', 4, 'nginx serves /.well-known/xmpp-provider-v2.json for server example.net from /var/www/example/.well-known/xmpp-provider-v2.json'],
    ]);
    const result = await lintTree('nginx-served-honest');
    expect(result.findings.filter((f) => f.ruleId === 'provider-file-promise')).toEqual([]);
  });

  it('Apache: the file an Alias serves, promising less than a day while Prosody keeps 21 days, is an error at the field', async () => {
    const result = await lintTree('apache-served');
    const found = result.findings.filter((f) => f.ruleId === 'provider-file-promise');
    // provider.json:4 `"maximumMessageArchiveManagementStorageTime": -1` (less than a day), against
    // archive_expires_after = "21d" with a daily cleanup: 22 days worst case, as above.
    expect(found.map((f) => [placeOf(result, f), f.message, f.suggestion])).toEqual([
      ['srv/xmpp/provider.json:4:3', 'maximumMessageArchiveManagementStorageTime promises less than a day while the message archive keeps 21d on example.net', 'maximumMessageArchiveManagementStorageTime: 22'],
    ]);
  });

  it('Caddy: the file file_server serves from the most specific root, promising 14 days while Prosody keeps 21, is an error at the field', async () => {
    const result = await lintTree('caddy-served');
    const found = result.findings.filter((f) => f.ruleId === 'provider-file-promise');
    // xmpp-provider-v2.json:4 `"maximumMessageArchiveManagementStorageTime": 14` under
    // `root /.well-known/* /srv/www` (not the site's /var/www/example); 22 days worst case as above.
    expect(found.map((f) => [placeOf(result, f), f.message, f.suggestion])).toEqual([
      ['srv/www/.well-known/xmpp-provider-v2.json:4:3', 'maximumMessageArchiveManagementStorageTime promises 14 days while the message archive keeps 21d on example.net', 'maximumMessageArchiveManagementStorageTime: 22'],
    ]);
  });
});
