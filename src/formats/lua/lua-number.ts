/**
 * Lua 5.4 number conversions: string → number (lobject.c luaO_str2num, used by tonumber and by
 * arithmetic on strings) and number → string (lobject.c tostringbuff: integers as is, floats
 * with "%.14g" and a ".0" suffix when they look like integers).
 *
 * JavaScript has one number type; `float` records whether Lua would hold a float subtype,
 * which only matters for formatting (`2^2 .. ""` is "4.0") and for integer division by zero.
 */
export interface LuaNumber {
  value: number;
  float: boolean;
}

const DEC_INT = /^[0-9]+$/;
const DEC_FLOAT = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const HEX_INT = /^0[xX][0-9a-fA-F]+$/;
const HEX_FLOAT = /^0[xX](?:([0-9a-fA-F]*)\.?([0-9a-fA-F]*))(?:[pP]([+-]?[0-9]+))?$/;

function parseHexFloat(text: string): number | undefined {
  const m = HEX_FLOAT.exec(text);
  if (!m) return undefined;
  const intPart = m[1] ?? '';
  const fracPart = m[2] ?? '';
  if (intPart === '' && fracPart === '') return undefined;
  let value = 0;
  for (const d of intPart) value = value * 16 + parseInt(d, 16);
  let scale = 1 / 16;
  for (const d of fracPart) {
    value += parseInt(d, 16) * scale;
    scale /= 16;
  }
  return value * Math.pow(2, Number(m[3] ?? '0'));
}

/** Hex integers wrap around modulo 2^64 in Lua 5.4 (lobject.c l_str2int). */
function parseHexInt(digits: string): number {
  const big = BigInt.asIntN(64, BigInt('0x' + digits));
  return Number(big);
}

/** Reads a numeral as Lua's tonumber(s) would (leading and trailing spaces allowed), or undefined. */
export function parseLuaNumber(text: string): LuaNumber | undefined {
  let s = text.trim();
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  const sign = negative ? -1 : 1;
  if (HEX_INT.test(s)) return { value: sign * parseHexInt(s.slice(2)) || 0, float: false };
  if (DEC_INT.test(s)) {
    const value = Number(s);
    // Decimal integers that do not fit 64 bits become floats (lobject.c l_str2int overflow).
    if (Math.abs(value) >= 2 ** 63) return { value: sign * value, float: true };
    return { value: sign * value || 0, float: false };
  }
  if (DEC_FLOAT.test(s)) return { value: sign * Number(s), float: true };
  const hex = parseHexFloat(s);
  if (hex !== undefined) return { value: sign * hex, float: true };
  return undefined;
}

/** Number of a numeric literal token as written in the source (`0xFF`, `1e3`, `7`). */
export function parseLuaNumeral(raw: string): LuaNumber {
  return parseLuaNumber(raw) ?? { value: Number.NaN, float: true };
}

function formatG14(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa = '0', expText = '0'] = x.toExponential(13).split('e');
  const exp = Number(expText);
  const trim = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= 14) {
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${trim(mantissa)}e${exp < 0 ? '-' : '+'}${digits}`;
  }
  return trim(x.toFixed(13 - exp));
}

/** tostring() of a Lua number. */
export function formatLuaNumber(n: LuaNumber): string {
  if (!n.float && Number.isInteger(n.value)) return String(n.value);
  if (Number.isNaN(n.value)) return 'nan';
  if (n.value === Infinity) return 'inf';
  if (n.value === -Infinity) return '-inf';
  const text = formatG14(n.value);
  // lobject.c tostringbuff: "looks like an int" → add ".0" so it reads back as a float.
  return /^-?[0-9]+$/.test(text) ? `${text}.0` : text;
}
