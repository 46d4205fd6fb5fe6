/**
 * The nameprep Prosody applies to VirtualHost/Component names (0.12 core/configmanager.lua:149,
 * 179: util.encodings.stringprep.nameprep, which Debian builds on ICU's usprep with the RFC 3491
 * profile; unassigned code points are allowed, as the real one accepts them).
 *
 * An approximation of RFC 3491 with JavaScript's Unicode data instead of the Unicode 3.2 tables:
 * map (table B.1 removed, B.2 case folding), NFKC, then the prohibited output (C.1.2, C.2.2,
 * C.3-C.9) and the bidi rule (RFC 3454 section 6). Checked against Prosody's own function for
 * the cases in test/software/prosody/nameprep.test.ts. Returns undefined where nameprep fails.
 */

/** Table B.1: commonly mapped to nothing. */
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/gu;

/** Prohibited output of nameprep (RFC 3491 section 5). */
const PROHIBITED = new RegExp(
  [
    '[\\u00A0\\u1680\\u2000-\\u200B\\u202F\\u205F\\u3000]', // C.1.2 non-ASCII space
    '[\\u0080-\\u009F\\u06DD\\u070F\\u180E\\u200C\\u200D\\u2028\\u2029\\u2060-\\u2063\\u206A-\\u206F\\uFEFF\\uFFF9-\\uFFFC\\u{1D173}-\\u{1D17A}]', // C.2.2
    '[\\uE000-\\uF8FF\\u{F0000}-\\u{FFFFD}\\u{100000}-\\u{10FFFD}]', // C.3 private use
    '[\\uFDD0-\\uFDEF\\uFFFE\\uFFFF\\u{1FFFE}\\u{1FFFF}\\u{2FFFE}\\u{2FFFF}\\u{3FFFE}\\u{3FFFF}\\u{4FFFE}\\u{4FFFF}\\u{5FFFE}\\u{5FFFF}\\u{6FFFE}\\u{6FFFF}\\u{7FFFE}\\u{7FFFF}\\u{8FFFE}\\u{8FFFF}\\u{9FFFE}\\u{9FFFF}\\u{AFFFE}\\u{AFFFF}\\u{BFFFE}\\u{BFFFF}\\u{CFFFE}\\u{CFFFF}\\u{DFFFE}\\u{DFFFF}\\u{EFFFE}\\u{EFFFF}\\u{FFFFE}\\u{FFFFF}\\u{10FFFE}\\u{10FFFF}]', // C.4 non-characters
    '[\\uD800-\\uDFFF]', // C.5 surrogates (lone ones)
    '[\\uFFF9-\\uFFFD]', // C.6
    '[\\u2FF0-\\u2FFB]', // C.7
    '[\\u0340\\u0341\\u200E\\u200F\\u202A-\\u202E\\u206A-\\u206F]', // C.8
    '[\\u{E0001}\\u{E0020}-\\u{E007F}]', // C.9 tagging
  ].join('|'),
  'u',
);

/** Table D.1: characters with bidi property R or AL. */
const RAND_AL =
  /[\u05BE\u05C0\u05C3\u05D0-\u05EA\u05F0-\u05F4\u061B\u061F\u0621-\u063A\u0640-\u064A\u066D-\u066F\u0671-\u06D5\u06DD\u06E5\u06E6\u06FA-\u06FE\u0700-\u070D\u0710\u0712-\u072C\u0780-\u07A5\u07B1\u200F\uFB1D\uFB1F-\uFB28\uFB2A-\uFB36\uFB38-\uFB3C\uFB3E\uFB40\uFB41\uFB43\uFB44\uFB46-\uFBB1\uFBD3-\uFD3D\uFD50-\uFD8F\uFD92-\uFDC7\uFDF0-\uFDFC\uFE70-\uFE74\uFE76-\uFEFC]/u;
/** Table D.2 (bidi property L), approximated by letters and spacing marks. */
const L_CAT = /[\p{L}\p{Mc}]/u;

/** Table B.2 case folding, character by character (no context: a final Σ folds to σ). */
function caseFold(text: string): string {
  let out = '';
  for (const ch of text) {
    // Dotless ı has no case folding; upper-then-lower would turn it into i.
    out += ch === '\u0131' ? ch : ch.toUpperCase().toLowerCase();
  }
  return out;
}

export function nameprep(name: string): string | undefined {
  // ASCII: nothing to map, normalize or prohibit but upper case (the common case, kept fast).
  if (/^[\x00-\x7F]*$/.test(name)) return name.toLowerCase();
  const prepared = caseFold(name.replace(MAPPED_TO_NOTHING, '')).normalize('NFKC');
  if (PROHIBITED.test(prepared)) return undefined;
  const chars = Array.from(prepared); // code points, as RFC 3454 tables are
  if (chars.some((c) => RAND_AL.test(c))) {
    if (chars.some((c) => L_CAT.test(c) && !RAND_AL.test(c))) return undefined;
    if (!RAND_AL.test(chars[0] ?? '') || !RAND_AL.test(chars[chars.length - 1] ?? '')) return undefined;
  }
  return prepared;
}
