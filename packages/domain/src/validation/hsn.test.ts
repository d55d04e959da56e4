import { describe, expect, it } from 'vitest';
import { HSN_SIX_DIGIT_AATO_PAISE, hsnDigitRule, validateHsn } from './hsn';

describe('validateHsn', () => {
  it('accepts 4, 6 and 8 digits and tells goods from services', () => {
    expect(validateHsn('8471')).toEqual({ valid: true, normalized: '8471', errors: [], warnings: [], kind: 'goods' });
    expect(validateHsn('847130')).toMatchObject({ valid: true, kind: 'goods' });
    expect(validateHsn('8471.30.10')).toMatchObject({ valid: true, normalized: '84713010', kind: 'goods' });
    expect(validateHsn('998314')).toMatchObject({ valid: true, kind: 'services', warnings: [] });
    expect(validateHsn('9954')).toMatchObject({ valid: true, kind: 'services' });
  });

  it('warns about an 8-digit SAC without rejecting it', () => {
    const result = validateHsn('99831400');
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => w.code)).toEqual(['SAC_LENGTH']);
  });

  it('rejects other lengths, non-digits and chapter 00', () => {
    const code = (input: string) => validateHsn(input).errors.map((e) => e.code);
    expect(code('')).toEqual(['LENGTH']);
    expect(code('84')).toEqual(['LENGTH']);
    expect(code('84713')).toEqual(['LENGTH']);
    expect(code('847130100')).toEqual(['LENGTH']);
    expect(code('84A1')).toEqual(['CHARSET']);
    expect(code('0012')).toEqual(['FORMAT']);
  });

  it('applies the turnover-based minimum of Notification 78/2020-CT', () => {
    const small = hsnDigitRule({ aatoPaise: HSN_SIX_DIGIT_AATO_PAISE });
    const large = hsnDigitRule({ aatoPaise: HSN_SIX_DIGIT_AATO_PAISE + 1 });
    expect(small).toMatchObject({ minDigits: 4, required: true });
    expect(large).toMatchObject({ minDigits: 6, required: true });
    expect(validateHsn('8471', small).valid).toBe(true);
    const short = validateHsn('8471', large);
    expect(short.errors.map((e) => e.code)).toEqual(['TOO_SHORT']);
    expect(short.errors[0]?.message).toMatch(/₹5 crore/);
    expect(validateHsn('847130', large).valid).toBe(true);
  });

  it('lets small businesses leave the code off B2C invoices only', () => {
    expect(hsnDigitRule({ aatoPaise: null, isB2c: true }).required).toBe(false);
    expect(hsnDigitRule({ aatoPaise: null }).required).toBe(true);
    expect(hsnDigitRule({ aatoPaise: HSN_SIX_DIGIT_AATO_PAISE * 2, isB2c: true }).required).toBe(true);
  });

  it('needs 6 digits on e-invoices and 8 for goods crossing the border', () => {
    const eInvoice = hsnDigitRule({ aatoPaise: null, isEInvoice: true });
    expect(validateHsn('8471', eInvoice).valid).toBe(false);
    const customs = hsnDigitRule({ aatoPaise: null, isImportOrExport: true });
    expect(customs.minDigits).toBe(8);
    expect(validateHsn('847130', customs).errors.map((e) => e.code)).toEqual(['TOO_SHORT']);
    expect(validateHsn('84713010', customs).valid).toBe(true);
    // A SAC is complete at 6 digits, even on an export of services.
    expect(validateHsn('998314', customs).valid).toBe(true);
  });
});
