import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { gstinCheckChar, validateGstin } from './validate-gstin';

// Check characters of the synthetic numbers below were computed with gstinCheckChar and cross-checked against the
// worked example of gst-rules.md 1.3; the vector file covers the sourced numbers.
describe('gstinCheckChar', () => {
  it('reproduces the worked example of gst-rules.md 1.3', () => {
    expect(gstinCheckChar('27AAPFU0939F1Z')).toBe('V');
  });

  it('refuses input that is not 14 characters of 0-9A-Z', () => {
    for (const bad of ['27AAPFU0939F1', '27AAPFU0939F1ZV', '27aapfu0939f1z', '27AAPFU0939F1@']) {
      expect(() => gstinCheckChar(bad)).toThrow(AppError);
    }
  });
});

describe('validateGstin', () => {
  it('returns the API shape for a valid regular GSTIN', () => {
    expect(validateGstin('27AAPFU0939F1ZV')).toEqual({
      valid: true,
      normalized: '27AAPFU0939F1ZV',
      kind: 'regular',
      stateCode: '27',
      stateName: 'Maharashtra',
      pan: 'AAPFU0939F',
      errors: [],
    });
  });

  it('reports the kind of each special format and only exposes a PAN where there is one', () => {
    expect(validateGstin('29AABCF8078M1C8')).toMatchObject({
      valid: true,
      kind: 'tcs',
      pan: 'AABCF8078M',
    });
    expect(validateGstin('06DELI09652G1DA')).toMatchObject({
      valid: true,
      kind: 'tds',
      pan: null,
      stateName: 'Haryana',
    });
    expect(validateGstin('0717UNO00157UNO')).toMatchObject({
      valid: true,
      kind: 'uin',
      pan: null,
      stateName: 'Delhi',
    });
    expect(validateGstin('9917SGP29001OST')).toMatchObject({
      valid: true,
      kind: 'oidar',
      stateName: 'Centre Jurisdiction',
    });
    expect(validateGstin('0718USA00001NR8')).toMatchObject({
      valid: true,
      kind: 'nri',
      pan: null,
    });
    expect(validateGstin('07DELA12345B1Z5')).toMatchObject({
      valid: true,
      kind: 'government',
      pan: null,
    });
  });

  it('classifies a D in the 14th place as a tax deductor, as india-compliance does', () => {
    expect(validateGstin('27AAPFU0939F1D4')).toMatchObject({
      valid: true,
      kind: 'tds',
    });
  });

  it('trims and upper-cases but does not remove inner spaces', () => {
    expect(validateGstin('  27aapfu0939f1zv\t').valid).toBe(true);
    const spaced = validateGstin('27AAPFU 0939F1ZV');
    expect(spaced.errors.map((e) => e.code)).toEqual(['LENGTH', 'CHARSET']);
    expect(spaced.errors[1]?.message).toContain('a space');
  });

  it('says an empty value is empty', () => {
    expect(validateGstin('   ')).toMatchObject({
      valid: false,
      normalized: '',
      stateCode: null,
    });
    expect(validateGstin('').errors[0]?.message).toMatch(/empty/);
  });

  it('names the broken position when the format is wrong', () => {
    expect(validateGstin('27AAPFU0939F0ZW').errors[0]?.message).toMatch(/13th character/);
    expect(validateGstin('27AAPF10939F1ZO').errors[0]?.message).toMatch(
      /7th character of the GSTIN \(the 5th of the PAN inside it\) must be a letter/,
    );
    expect(validateGstin('27AAPFU0939F1XO').errors[0]?.message).toMatch(/14th character/);
    expect(validateGstin('AAAAPFU0939F1ZV').errors[0]?.message).toMatch(/state code/);
  });

  it('rejects 96 and unknown state codes and keeps the code for display', () => {
    const exportCode = validateGstin('96AAPFU0939F1ZQ');
    expect(exportCode.errors.map((e) => e.code)).toEqual(['STATE_CODE']);
    expect(exportCode.errors[0]?.message).toMatch(/exports/);
    expect(exportCode).toMatchObject({
      stateCode: '96',
      stateName: 'Other Countries',
      kind: null,
    });
    expect(validateGstin('88AAACD8017H1ZX')).toMatchObject({
      stateCode: '88',
      stateName: null,
    });
  });

  it('accepts Ladakh (38) and a non-Z 14th character', () => {
    expect(validateGstin('38AAPFU0939F1ZS').valid).toBe(true);
    expect(validateGstin('27AAPFU0939F1AA').valid).toBe(true);
  });

  it('accepts retired state codes 25 and 28 only on documents dated before 2020-08-01', () => {
    for (const gstin of ['25AAPFU0939F1ZZ', '28AAPFU0939F1ZT']) {
      const today = validateGstin(gstin);
      expect(today.errors.map((e) => e.code)).toEqual(['STATE_CODE_RETIRED']);
      expect(validateGstin(gstin, { documentDate: '2020-08-01' }).valid).toBe(false);
      expect(validateGstin(gstin, { documentDate: '2020-07-31' })).toMatchObject({ valid: true, kind: 'regular' });
    }
    expect(validateGstin('25AAPFU0939F1ZZ').errors[0]?.message).toMatch(/re-issued under 26/);
    expect(validateGstin('28AAPFU0939F1ZT').errors[0]?.message).toMatch(/37/);
  });

  it('refuses a malformed document date instead of guessing', () => {
    expect(() => validateGstin('25AAPFU0939F1ZZ', { documentDate: '31-07-2020' })).toThrow(AppError);
  });

  it('explains a bad embedded PAN in one PAN error', () => {
    const holder = validateGstin('27AAPXU0939F1ZU');
    expect(holder.errors.map((e) => e.code)).toEqual(['PAN']);
    expect(holder.errors[0]?.message).toMatch(/holder type/);
    // Holder type H is fine; a 0000 serial is not, and the check character here is right for it.
    expect(validateGstin('27AAPHU0939F1ZR').valid).toBe(true);
    expect(validateGstin('27AAPCU0000F1ZP').errors.map((e) => e.code)).toEqual(['PAN']);
  });

  it('does not reveal the expected check character', () => {
    const result = validateGstin('27AAPFU0939F1ZO');
    expect(result.errors.map((e) => e.code)).toEqual(['CHECKSUM']);
    expect(result.errors[0]?.message).not.toMatch(/'V'/);
    expect(result).toMatchObject({
      kind: null,
      pan: null,
      stateCode: '27',
      stateName: 'Maharashtra',
    });
  });
});
