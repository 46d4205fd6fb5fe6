import { describe, expect, it } from 'vitest';
import { loadFixture, locate, option, value } from './load-fixture.js';

describe('loadProsodyConfig: values', () => {
  for (const release of ['0.12', '13.0'] as const) {
    describe(`Prosody ${release}`, () => {
      const config = loadFixture('values', release);
      const v = (name: string): unknown => value(config, '*', name);

      it('loads without diagnostics', () => {
        expect(config.diagnostics).toEqual([]);
        expect(config.refusedByServer).toBe(false);
      });

      it('evaluates numbers and arithmetic as Lua does', () => {
        expect(v('int_value')).toBe(42);
        expect(v('hex_value')).toBe(255);
        expect(v('float_value')).toBe(1.5);
        expect(v('exp_value')).toBe(1000);
        expect(v('negative')).toBe(-7);
        expect(v('sum')).toBe(7);
        expect(v('power')).toBe(1024);
        expect(v('division')).toBe(3.5);
        expect(v('floor_division')).toBe(3);
        expect(v('modulo')).toBe(2);
        expect(v('parenthesised')).toBe(9);
        expect(v('archive_expires_after')).toBe(604800);
      });

      it('concatenates strings and numbers, formatting floats like tostring', () => {
        expect(v('concatenated')).toBe('ab12.5');
        expect(v('float_text')).toBe('4.0');
        expect(v('length')).toBe(6); // bytes of "héllo"
        expect(v('list_length')).toBe(3);
      });

      it('evaluates comparisons and and/or with Lua truthiness', () => {
        expect(v('not_value')).toBe(true);
        expect(v('comparison')).toBe(true);
        expect(v('string_comparison')).toBe(true);
        expect(v('equality')).toBe(true);
        expect(v('inequality')).toBe(false);
        expect(v('and_value')).toBe(false);
        expect(v('or_value')).toBe('fallback');
        expect(v('and_or')).toBe('yes');
      });

      it('decodes every string form', () => {
        expect(v('double_quoted')).toBe('tab\there "quoted" ABC ☺');
        expect(v('single_quoted')).toBe("it's");
        expect(v('long_string')).toBe('first line\nsecond');
        expect(v('long_level')).toBe('a]]b');
        expect(v('escaped_newline')).toBe('one\ntwo');
        expect(v('skip_space')).toBe('ab');
      });

      it('builds tables with array items, keyed fields and holes', () => {
        expect(v('mixed_table')).toEqual({
          key: 'value',
          'spaced key': true,
          '[items]': ['one', 'two', null, null, null, null, null, null, null, 'ten'],
        });
        expect(v('nested')).toEqual([{ levels: { min: 'info' }, to: 'file' }]);
        expect(v('holes')).toEqual(['a', null, 'c']);
        expect(v('empty')).toEqual([]);
      });

      it('follows locals: multiple names, block scoping, reassignment, pure helper functions', () => {
        expect(v('label_value')).toBe('weekly');
        expect(v('unused_value')).toBeNull();
        expect(v('scoped')).toBe(1);
        expect(v('after_block')).toBe(86400);
        expect(v('two_days')).toBe(172800);
        expect(v('reassigned_local')).toBe(2);
        expect(config.sections.get('*')?.options.has('counter')).toBe(false);
        expect(config.sections.get('*')?.options.has('day')).toBe(false);
      });

      it('stores a global function declaration as a function-valued option', () => {
        expect(v('helper')).toEqual({ function: true });
      });

      it('positions an option at its name and its value at the expression it came from', () => {
        const archive = option(config, '*', 'archive_expires_after');
        expect(archive.at).toEqual(locate('values', 'archive_expires_after'));
        // The value flows from `7 * day` in `local week, label = 7 * day, ...`.
        expect(archive.value.at).toEqual(locate('values', '7 * day'));
        expect(option(config, '*', 'sum').value.at).toEqual(locate('values', '1 + 2 * 3'));
      });
    });
  }
});
