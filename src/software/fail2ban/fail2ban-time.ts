/**
 * fail2ban time values (fail2ban 1.0.2 server/mytime.py MyTime.str2seconds): a sum of numbers
 * with optional units — `10m`, `1h 30m`, `1d12h`, `1w`, `-1`, `600`. Units, case-insensitive:
 * d/dd/da/day(s), w/ww/wee/week(s), mo/mon/month(s) (a twelfth of 365.25 days), y/yy/yea/
 * year(s) (365.25 days), s/ss/sec/second(s), m/mm/min/minute(s), h/hh/hou/hour(s). fail2ban
 * evaluates the result as a Python expression; only sums and differences are read here, and
 * anything else is undefined (no guess).
 */
const UNITS: Array<[RegExp, number]> = [
  [/^(days?|da|dd?)$/i, 86400],
  [/^(weeks?|wee?|ww?)$/i, 604800],
  [/^(months?|mon?)$/i, ((365 * 3 + 366) * 86400) / 4 / 12],
  [/^(years?|yea?|yy?)$/i, ((365 * 3 + 366) * 86400) / 4],
  [/^(seconds?|sec?|ss?|)$/i, 1],
  [/^(minutes?|min?|mm?)$/i, 60],
  [/^(hours?|hou?|hh?)$/i, 3600],
];

export function fail2banSeconds(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const re = /\s*([+-]?)\s*(\d+(?:\.\d+)?)\s*([a-z]*)/iy;
  let total = 0;
  let pos = 0;
  while (pos < trimmed.length) {
    re.lastIndex = pos;
    const m = re.exec(trimmed);
    if (!m) return undefined;
    const unit = UNITS.find(([p]) => p.test(m[3] as string));
    if (!unit) return undefined;
    total += (m[1] === '-' ? -1 : 1) * Number(m[2]) * unit[1];
    pos = re.lastIndex;
  }
  return total;
}
