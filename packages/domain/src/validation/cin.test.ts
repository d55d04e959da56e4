import { describe, expect, it } from 'vitest';
import { validateCin, validateLlpin } from './cin';

describe('validateCin', () => {
  it('accepts a CIN and reads its parts', () => {
    expect(validateCin('U72900KA2015PTC082988')).toEqual({
      valid: true,
      normalized: 'U72900KA2015PTC082988',
      errors: [],
      warnings: [],
      listing: 'unlisted',
      industryCode: '72900',
      stateCode: 'KA',
      incorporationYear: 2015,
      ownership: 'PTC',
      ownershipLabel: 'Private limited company',
    });
    expect(validateCin(' l17110mh1973plc019786 ')).toMatchObject({ valid: true, listing: 'listed', ownership: 'PLC' });
    expect(validateCin('U74999DL2019OPC123456')).toMatchObject({ valid: true, ownershipLabel: 'One person company' });
  });

  it('rejects a wrong length, characters, layout or year with a reason', () => {
    const code = (input: string) => validateCin(input).errors.map((e) => e.code);
    expect(code('U72900KA2015PTC08298')).toEqual(['LENGTH']);
    expect(code('')).toEqual(['LENGTH']);
    expect(code('U72900KA2015PTC08298@')).toEqual(['CHARSET']);
    expect(code('X72900KA2015PTC082988')).toEqual(['FORMAT']);
    expect(validateCin('X72900KA2015PTC082988').errors[0]?.message).toMatch(/L \(listed\) or U \(unlisted\)/);
    expect(validateCin('U72900K12015PTC082988').errors[0]?.message).toMatch(/8th character/);
    expect(code('U72900KA1750PTC082988')).toEqual(['YEAR']);
  });

  it('warns about parts it does not recognise without rejecting the CIN', () => {
    const warnings = (input: string) => validateCin(input).warnings.map((w) => w.code);
    expect(warnings('U72900KA2015XYZ082988')).toEqual(['OWNERSHIP_UNKNOWN']);
    expect(warnings('U72900QQ2015PTC082988')).toEqual(['STATE_UNKNOWN']);
    expect(warnings('L72900KA2015PTC082988')).toEqual(['LISTING_MISMATCH']);
    expect(validateCin('U72900KA2015XYZ082988')).toMatchObject({ valid: true, ownershipLabel: null });
  });
});

describe('validateLlpin', () => {
  it('accepts AAA-1234 with or without the hyphen', () => {
    expect(validateLlpin('AAB-1234')).toEqual({ valid: true, normalized: 'AAB-1234', errors: [], warnings: [] });
    expect(validateLlpin(' aab1234 ')).toMatchObject({ valid: true, normalized: 'AAB-1234' });
  });

  it('rejects other shapes', () => {
    expect(validateLlpin('AAB-123').errors.map((e) => e.code)).toEqual(['LENGTH']);
    expect(validateLlpin('AA-12345').errors.map((e) => e.code)).toEqual(['FORMAT']);
    expect(validateLlpin('').errors.map((e) => e.code)).toEqual(['LENGTH']);
  });
});
