import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readCalendar } from '../../../src/software/scheduled-jobs/systemd-time.js';
import { findProgram, programsMissing, requireOracle } from '../../helpers/require-program.js';

/** Gaps between the next `n` elapses that `systemd-analyze calendar --iterations` prints (it works offline). */
function oracleGaps(expression: string, n: number): { elapses: number; longest: number; shortest: number; normalized: string } {
  const out = execFileSync(findProgram('systemd-analyze') as string, ['calendar', `--iterations=${n}`, expression], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  const times = [...out.matchAll(/(?:Next elapse|Iter\. #\d+): \w+ (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC/g)].map((m) => Date.parse(`${m[1]!.replace(' ', 'T')}Z`) / 1000);
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  return { elapses: times.length, longest: Math.max(...gaps), shortest: Math.min(...gaps), normalized: /Normalized form: (.*)/.exec(out)![1]! };
}

describe('OnCalendar intervals agree with systemd-analyze calendar', () => {
  if (!requireOracle(programsMissing('systemd-analyze'), ['systemd'])) return;
  // Enough iterations to see every gap: a monthly rule needs at least a year's worth.
  const cases: Array<[string, number]> = [
    ['minutely', 200],
    ['hourly', 60],
    ['daily', 30],
    ['weekly', 20],
    ['monthly', 30],
    ['quarterly', 12],
    ['semiannually', 8],
    ['*-*-* 03:00:00', 20],
    ['Mon *-*-* 03:00', 20],
    ['Mon..Fri 03:00', 30],
    ['Sat,Sun 04:30', 30],
    ['*:0/15', 200],
    ['*-*-01,15 02:00', 60],
    ['*-*-* 02,08:00', 30],
  ];
  for (const [expression, n] of cases) {
    it(expression, () => {
      const ours = readCalendar(expression);
      const oracle = oracleGaps(expression, n);
      // --iterations=n prints n elapses: the gaps compared come from all of them.
      expect(oracle.elapses).toBe(n);
      expect(ours?.gaps?.longest).toBe(oracle.longest);
      expect(ours?.gaps?.shortest).toBe(oracle.shortest);
    });
  }
});
