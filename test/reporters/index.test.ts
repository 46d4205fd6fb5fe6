import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/config/types.js';
import { getReporter, reporterNames } from '../../src/reporters/index.js';
import { formatJson } from '../../src/reporters/json.js';
import { formatStylish } from '../../src/reporters/stylish.js';

describe('reporter registry', () => {
  it('has stylish first (the default) and json', () => {
    expect(reporterNames).toEqual(['stylish', 'json']);
    expect(getReporter('stylish')).toBe(formatStylish);
    expect(getReporter('json')).toBe(formatJson);
  });

  it('refuses an unknown format with a usage error listing the available ones', () => {
    expect(() => getReporter('xml')).toThrow(UsageError);
    expect(() => getReporter('xml')).toThrow('unknown format "xml"; available formats: stylish, json');
  });

  it('does not treat inherited object keys as formats', () => {
    expect(() => getReporter('toString')).toThrow(UsageError);
  });
});
