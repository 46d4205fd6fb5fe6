import { beforeAll, describe, expect, it } from 'vitest';
import type { LintResult } from '../../../src/engine/types.js';
import { chartRows } from '../../../src/reporters/html/chart-rows.js';
import type { ChartRow } from '../../../src/reporters/html/retention-chart.js';
import { lintFixture } from '../../helpers/lint-fixture.js';

let result: LintResult;
let rows: ChartRow[];
const row = (label: string): ChartRow | undefined => rows.find((r) => r.label === label);

beforeAll(async () => {
  result = await lintFixture('demo');
  rows = chartRows(result.categories ?? []);
  // The whole demo server is read: a budget for a machine shared with other jobs, not a measure.
}, 60_000);

describe("the retention chart's rows on the demo server", () => {
  it('has one row per retention claim, in the categories\' order; how often backups run is not a retention', () => {
    expect(rows.map((r) => r.label)).toEqual([
      'unused accounts',
      'IP addresses',
      'message archive',
      'group chat archive',
      'offline messages',
      'uploaded files',
      'server logs',
      'backups',
    ]);
  });

  it('shows the declared limit, the nominal figure and the worst case of the place that keeps longest', () => {
    // "30 minutes" is 30 months of 31 days in Prosody 0.12 (930d); its daily cleanup adds a day.
    expect(row('group chat archive')).toEqual({
      label: 'group chat archive',
      place: 'group chat archive of conference.example.org',
      declared: { seconds: 21 * 86400, text: '21d' },
      nominal: { seconds: 930 * 86400, text: '930d' },
      worst: { seconds: 931 * 86400, text: '931d' },
    });
    // mod_offline has no expiry: no time bound, drawn to the axis end.
    expect(row('offline messages')).toMatchObject({ nominal: { seconds: Infinity, text: 'no time bound' }, worst: { seconds: Infinity } });
    // bantime = -1: fail2ban never purges the ban, so the IP is kept forever.
    expect(row('IP addresses')).toMatchObject({ declared: { text: '7d' }, nominal: { seconds: Infinity, text: 'forever' } });
  });

  it('says what cannot be told instead of drawing it: Prosody 0.12 has no expiry of unused accounts the configs show', () => {
    const because = 'cannot be told: Prosody 0.12 has no option that deletes inactive accounts, and privacy-lint recognises no scheduled job that deletes Prosody accounts';
    expect(row('unused accounts')).toMatchObject({ nominal: { seconds: undefined, text: because }, worst: { seconds: undefined, text: because } });
    expect(row('unused accounts')!.declared).toBeUndefined();
  });
});
