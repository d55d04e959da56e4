import { describe, expect, it } from 'vitest';
import { validateIfsc } from './ifsc';

describe('validateIfsc', () => {
  it('accepts IFSCs and splits bank and branch', () => {
    expect(validateIfsc('HDFC0000123')).toEqual({
      valid: true,
      normalized: 'HDFC0000123',
      errors: [],
      warnings: [],
      bankCode: 'HDFC',
      branchCode: '000123',
    });
    expect(validateIfsc(' sbin 0001234 ')).toMatchObject({ valid: true, normalized: 'SBIN0001234' });
    expect(validateIfsc('ICIC0ABC123')).toMatchObject({ valid: true, branchCode: 'ABC123' });
  });

  it('rejects a bad length, characters or layout with a reason', () => {
    const code = (input: string) => validateIfsc(input).errors.map((e) => e.code);
    expect(code('HDFC000012')).toEqual(['LENGTH']);
    expect(code('')).toEqual(['LENGTH']);
    expect(code('HDFC-000123')).toEqual(['CHARSET']);
    expect(code('HD1C0000123')).toEqual(['FORMAT']);
    expect(code('HDFC1000123')).toEqual(['FORMAT']);
    expect(validateIfsc('HDFCO000123').errors[0]?.message).toMatch(/digit 0 \(zero\), not the letter O/);
    expect(validateIfsc('HD1C0000123').errors[0]?.message).toMatch(/3rd/);
  });
});
