/**
 * provider-file-promise on ejabberd's mod_providers, which publishes the provider file from its
 * options (ejabberd 25.08 src/mod_providers.erl): a promise shorter than what the same host keeps
 * is an error at the option's line. Fixtures: fixtures/provider-file/ejabberd-*.
 */
import { describe, expect, it } from 'vitest';
import { placeOf } from '../helpers/lint-fixture.js';
import { providerFileTrees } from '../helpers/provider-file-trees.js';

const lintTree = providerFileTrees();

describe('provider-file-promise on ejabberd', { timeout: 60_000 }, () => {
  it('mod_providers promising 7 days while the purge keeps 21 is an error at the option, with the value that holds', async () => {
    const result = await lintTree('ejabberd-mod-providers');
    const found = result.findings.filter((f) => f.ruleId === 'provider-file-promise');
    expect(found.map((f) => [placeOf(result, f), f.severity, f.message, f.suggestion])).toEqual([
      [
        // ejabberd.yml:32 `maximumMessageArchiveManagementStorageTime: 7`; the mod_cron task deletes
        // archived messages older than 21 days once a day: 21d nominal, 22d worst case.
        'etc/ejabberd/ejabberd.yml:32:5',
        'error',
        'maximumMessageArchiveManagementStorageTime promises 7 days while the message archive keeps 21d on example.net',
        'maximumMessageArchiveManagementStorageTime: 22',
      ],
    ]);
    // The upload field is left to its default, mod_http_upload_quota's max_days (30): it holds.
    expect(result.summary.errors).toBe(1);
  });

  it('without mod_providers nothing is published and nothing is reported', async () => {
    const result = await lintTree('ejabberd-without');
    expect(result.findings.filter((f) => f.ruleId === 'provider-file-promise')).toEqual([]);
  });
});
