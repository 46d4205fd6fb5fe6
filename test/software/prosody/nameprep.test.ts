import { describe, expect, it } from 'vitest';
import { nameprep } from '../../../src/software/prosody/nameprep.js';

/**
 * Expected values are what Prosody 0.12.3's own util.encodings.stringprep.nameprep (Debian,
 * built on ICU) returned for the same input under lua5.4.
 */
const CASES: [string, string | undefined][] = [
  ['Example.COM', 'example.com'],
  ['ÄÖÜ.Example', 'äöü.example'],
  ['Straße.Example', 'strasse.example'],
  ['Ｅｘａｍｐｌｅ.example', 'example.example'],
  ['private-use-\uE000.example', undefined],
  ['ıdotless', 'ıdotless'],
  ['İstanbul', 'i̇stanbul'],
  ['ςσ', 'σσ'],
  ['ﬁle', 'file'],
  ['a\u00ADb', 'ab'],
  ['foo bar', 'foo bar'],
  ['foo\u00A0bar', 'foo bar'],
  ['K\u212Aelvin', 'kkelvin'],
  ['אב', 'אב'],
  ['aא', undefined],
  ['א1', undefined],
  ['µ', 'μ'],
  ['ǅ', 'dž'],
  ['😀smile', '😀smile'],
  ['x\u200By', 'xy'],
  ['TAB\there', 'tab\there'],
];

describe('nameprep', () => {
  for (const [input, expected] of CASES) {
    it(`${JSON.stringify(input)} → ${expected === undefined ? 'forbidden' : JSON.stringify(expected)}`, () => {
      expect(nameprep(input)).toBe(expected);
    });
  }
});
