import { describe, expect, it } from 'vitest';
import { validatePhone } from './phone';

describe('validatePhone', () => {
  it('normalises the usual ways of writing a mobile number to E.164', () => {
    for (const input of [
      '9876543210',
      '98765 43210',
      '98765-43210',
      '+91 98765 43210',
      '+91-98765-43210',
      '+919876543210',
      '919876543210',
      '09876543210',
      '0091 98765 43210',
      '+91 (0) 98765 43210',
    ]) {
      expect(validatePhone(input), input).toEqual({
        valid: true,
        normalized: '+919876543210',
        errors: [],
        warnings: [],
        kind: 'mobile',
      });
    }
    expect(validatePhone('6000000000')).toMatchObject({ valid: true, kind: 'mobile' });
  });

  it('accepts landlines written with the STD code', () => {
    expect(validatePhone('011-2345 6789')).toMatchObject({
      valid: true,
      normalized: '+911123456789',
      kind: 'landline',
    });
    expect(validatePhone('(022) 2345 6789')).toMatchObject({ valid: true, normalized: '+912223456789' });
    expect(validatePhone('+91 40 2345 6789')).toMatchObject({ valid: true, normalized: '+914023456789' });
    expect(validatePhone('0471 234 5678')).toMatchObject({
      valid: true,
      normalized: '+914712345678',
      kind: 'landline',
    });
  });

  it('rejects foreign numbers, letters, wrong lengths and a leading zero', () => {
    const code = (input: string) => validatePhone(input).errors.map((e) => e.code);
    expect(code('+1 415 555 0100')).toEqual(['COUNTRY']);
    expect(code('0044 20 7946 0958')).toEqual(['COUNTRY']);
    expect(code('98765 4321O')).toEqual(['CHARSET']);
    expect(code('98765+43210')).toEqual(['CHARSET']);
    expect(code('987654321')).toEqual(['LENGTH']);
    expect(code('98765432101')).toEqual(['LENGTH']);
    expect(code('12345')).toEqual(['LENGTH']);
    expect(code('')).toEqual(['LENGTH']);
    expect(code('+91 0098765432')).toEqual(['FORMAT']);
    expect(validatePhone('98765 4321O').errors[0]?.message).toMatch(/'O'/);
    expect(validatePhone('987654321').errors[0]?.message).toMatch(/10 digits/);
  });

  it('echoes the cleaned input when invalid', () => {
    expect(validatePhone(' 98765-4321 ')).toMatchObject({ valid: false, normalized: '987654321', kind: null });
  });
});
