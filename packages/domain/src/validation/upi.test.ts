import { describe, expect, it } from 'vitest';
import { validateUpi } from './upi';

describe('validateUpi', () => {
  it('accepts handle@psp and stores it lower-cased', () => {
    expect(validateUpi(' Ravi.Kumar@OKAXIS ')).toEqual({
      valid: true,
      normalized: 'ravi.kumar@okaxis',
      errors: [],
      warnings: [],
      handle: 'ravi.kumar',
      psp: 'okaxis',
    });
    for (const vpa of ['9876543210@ybl', 'shop_42-in@paytm', 'someone@kotak811', 'ab@upi']) {
      expect(validateUpi(vpa).valid, vpa).toBe(true);
    }
  });

  it('rejects what is not a UPI ID, with a reason', () => {
    const code = (input: string) => validateUpi(input).errors.map((e) => e.code);
    expect(code('')).toEqual(['LENGTH']);
    expect(code('ravi')).toEqual(['FORMAT']);
    expect(code('a@b@c')).toEqual(['FORMAT']);
    expect(code('ravi kumar@ybl')).toEqual(['CHARSET']);
    expect(code('r@ybl')).toEqual(['LENGTH']);
    expect(code('ravi@')).toEqual(['FORMAT']);
    expect(code('ravi@1ybl')).toEqual(['FORMAT']);
    expect(validateUpi('ravi@gmail.com').errors[0]?.message).toMatch(/e-mail address/);
  });
});
