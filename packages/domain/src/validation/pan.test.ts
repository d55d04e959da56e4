import { describe, expect, it } from 'vitest';
import { validatePan } from './pan';

const codes = (input: string) => validatePan(input).errors.map((e) => e.code);

describe('validatePan', () => {
  it('accepts PANs and reads the holder type from the 4th character', () => {
    expect(validatePan('ACUPA7085R')).toEqual({
      valid: true,
      normalized: 'ACUPA7085R',
      errors: [],
      warnings: [],
      holderType: 'P',
      holderTypeLabel: 'Individual',
    });
    expect(validatePan('AAPFU0939F')).toMatchObject({ valid: true, holderType: 'F' });
    expect(validatePan('AABCF8078M')).toMatchObject({ valid: true, holderType: 'C', holderTypeLabel: 'Company' });
    for (const type of ['P', 'C', 'H', 'F', 'A', 'T', 'B', 'L', 'J', 'G', 'K']) {
      expect(validatePan(`AAA${type}A1234A`).holderType).toBe(type);
    }
  });

  it('forgives case, spaces and hyphens', () => {
    expect(validatePan(' aapcs 1234-k ')).toMatchObject({ valid: true, normalized: 'AAPCS1234K', holderType: 'C' });
  });

  it('rejects the wrong length, characters and layout with a reason', () => {
    expect(codes('234123412347')).toEqual(['LENGTH']);
    expect(codes('')).toEqual(['LENGTH']);
    expect(codes('ABMPA3211@')).toEqual(['CHARSET']);
    expect(codes('ABMPA32111')).toEqual(['FORMAT']);
    expect(validatePan('ABMPA32111').errors[0]?.message).toMatch(/10th character of the PAN must be a letter/);
    expect(validatePan('ABMP1A3211').errors[0]?.message).toMatch(/5th character/);
  });

  it('rejects an unknown holder type and a 0000 serial', () => {
    expect(codes('ABMXA3211G')).toEqual(['HOLDER_TYPE']);
    expect(validatePan('ABMXA3211G').errors[0]?.message).toMatch(/'X' is not a holder type/);
    expect(codes('AAPFU0000F')).toEqual(['SERIAL']);
    expect(codes('AAPXU0000F')).toEqual(['HOLDER_TYPE', 'SERIAL']);
    expect(validatePan('AAPXU0000F')).toMatchObject({ holderType: null, holderTypeLabel: null });
  });
});
