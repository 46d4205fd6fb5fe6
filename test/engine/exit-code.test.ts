import { describe, expect, it } from 'vitest';
import { decideExitCode } from '../../src/engine/exit-code.js';

describe('decideExitCode', () => {
  it('is 0 without errors, whatever the warnings, when no maximum is set', () => {
    expect(decideExitCode({ errors: 0, warnings: 40 }, undefined)).toEqual({ code: 0 });
  });

  it('is 1 with any error finding', () => {
    expect(decideExitCode({ errors: 1, warnings: 0 }, undefined)).toEqual({ code: 1 });
  });

  it('accepts warnings up to the maximum', () => {
    expect(decideExitCode({ errors: 0, warnings: 2 }, 2)).toEqual({ code: 0 });
    expect(decideExitCode({ errors: 0, warnings: 0 }, 0)).toEqual({ code: 0 });
  });

  it('is 1 with more warnings than the maximum, and says so', () => {
    expect(decideExitCode({ errors: 0, warnings: 5 }, 2)).toEqual({ code: 1, tooManyWarnings: 'too many warnings (5, max 2)' });
    expect(decideExitCode({ errors: 0, warnings: 1 }, 0)).toEqual({ code: 1, tooManyWarnings: 'too many warnings (1, max 0)' });
  });

  it('still says there are too many warnings when errors already fail the run', () => {
    expect(decideExitCode({ errors: 3, warnings: 5 }, 2)).toEqual({ code: 1, tooManyWarnings: 'too many warnings (5, max 2)' });
  });
});
