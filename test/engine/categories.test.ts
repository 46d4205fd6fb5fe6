import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { CATEGORY_NAMES } from '../../src/engine/categories.js';
import { formatJson } from '../../src/reporters/json.js';
import { lintFixture, repoRoot } from '../helpers/lint-fixture.js';

/** The `categories` key of the JSON report on the demo server, as a script reads it. */
async function demoCategories(): Promise<{ category: string; claims: Record<string, unknown>[] }[]> {
  const result = await lintFixture('prosody-only');
  const text = formatJson(result, { cwd: repoRoot, chalk: new Chalk({ level: 0 }), env: {} });
  return (JSON.parse(text) as { categories: { category: string; claims: Record<string, unknown>[] }[] }).categories;
}

function claimIn(categories: Awaited<ReturnType<typeof demoCategories>>, category: string, claim: string): Record<string, unknown> {
  const found = categories.find((c) => c.category === category)?.claims.find((c) => c.claim === claim);
  if (!found) throw new Error(`${category}/${claim} not in the report`);
  return found;
}

describe('JSON report: per-category figures', () => {
  it('lists every category in the seeds\' order, push and transport without duration claims', async () => {
    const categories = await demoCategories();
    expect(categories.map((c) => c.category)).toEqual([
      'accounts', 'ipAddresses', 'loginTimes', 'messageArchive', 'offlineMessages', 'fileUploads', 'logs', 'backups', 'push', 'transport',
    ]);
    expect(CATEGORY_NAMES).toEqual(categories.map((c) => c.category));
    expect(categories.find((c) => c.category === 'push')?.claims).toEqual([]);
    expect(categories.find((c) => c.category === 'messageArchive')?.claims.map((c) => c.claim)).toEqual(['messageArchive.retention', 'groupchatArchive.retention']);
  });

  it('gives the archive its nominal and worst-case figures, evidence and the declared limit', async () => {
    const archive = claimIn(await demoCategories(), 'messageArchive', 'messageArchive.retention');
    // archive_expires_after = "3w": Prosody 0.12.3 modules/mod_mam/mod_mam.lua:510 multiplies "w" by
    // day * 7, so 3 * 7 * 86400 = 1,814,400 s; its cleanup runs daily, so a message can live one day
    // more: 1,814,400 + 86,400 = 1,900,800 s.
    expect(archive).toMatchObject({
      measure: 'retention',
      places: 1,
      declared: { text: '21d', seconds: 1_814_400, file: 'fixtures/prosody-only/privacy-lint.config.yaml', line: 13, column: 5 },
      longest: {
        label: 'message archive of example.org',
        bound: 'time',
        nominal: { seconds: 1_814_400, text: '21d' },
        worstCase: { seconds: 1_900_800, text: '22d' },
      },
    });
    const evidence = (archive.longest as { evidence: { file: string; line: number; note: string }[] }).evidence;
    expect(evidence[0]).toMatchObject({ file: 'fixtures/prosody-only/etc/prosody/prosody.cfg.lua', line: 21, note: 'archive_expires_after = "3w" (global, inherited by example.org)' });
  });

  it('says "30 minutes" is 930 days for the group chat archive of Prosody 0.12', async () => {
    const groupchat = claimIn(await demoCategories(), 'messageArchive', 'groupchatArchive.retention');
    // Prosody 0.12.3 modules/mod_muc_mam.lua:475-482 keeps only the unit's first letter: "m" is
    // 31 * day, so 30 * 31 * 86400 = 80,352,000 s; plus the daily cleanup, 86,400 s more.
    expect(groupchat).toMatchObject({ longest: { nominal: { seconds: 80_352_000 }, worstCase: { seconds: 80_438_400 } } });
  });

  it('writes a figure without a time bound with its reason, and one that cannot be told with why', async () => {
    const categories = await demoCategories();
    const offline = claimIn(categories, 'offlineMessages', 'offlineMessages.retention');
    expect(offline).toMatchObject({ places: 1, declared: { text: '90d', seconds: 7_776_000 }, longest: { bound: 'traffic' } });
    expect((offline.longest as { reason: string }).reason).toMatch(/only when its recipient comes online/);
    expect(offline.longest).not.toHaveProperty('nominal');
    const ips = claimIn(categories, 'ipAddresses', 'ipAddresses.retention');
    // The demo has no logrotate configuration: how long the debug log is kept cannot be told.
    expect(ips).toMatchObject({ longest: { bound: 'unknown', label: 'IP addresses in /var/log/prosody/debug.log' } });
    expect(ips).not.toHaveProperty('declared');
  });
});
