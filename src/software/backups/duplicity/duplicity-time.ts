/**
 * duplicity TIME intervals (duplicity(1) "TIME FORMATS"; duplicity 0.8.22 duplicity/dup_time.py
 * intstringtoseconds): digits followed by s, m, h, D, W, M, Y — m is minutes, M is 30 days,
 * Y is 365 days — combinable (`1h78m`). Absolute dates are not intervals: undefined.
 */
const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, D: 86400, W: 7 * 86400, M: 30 * 86400, Y: 365 * 86400 };

export function parseDuplicityInterval(text: string): number | undefined {
  if (!/^(\d+[smhDWMY])+$/.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+)([smhDWMY])/g)) total += Number(m[1]) * (UNIT[m[2] as string] as number);
  return total;
}
