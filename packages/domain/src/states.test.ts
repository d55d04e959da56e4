import { describe, expect, it } from 'vitest';
import { isAppError } from './errors';
import { assertStateCodeInForce, isAddressStateCode, retiredStateCode } from './states';

function refusal(code: string, date: string) {
  try {
    assertStateCodeInForce(code, date, 'placeOfSupply');
  } catch (error) {
    if (isAppError(error)) return { code: error.code, details: error.details, message: error.message };
    throw error;
  }
  return null;
}

describe('retired state codes', () => {
  it('refuses 25 from 26-01-2020 on, naming 26', () => {
    expect(refusal('25', '2026-05-04')).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'placeOfSupply', code: '25', use: '26' },
    });
    expect(refusal('25', '2020-01-26')?.details).toMatchObject({ use: '26' });
    expect(refusal('25', '2026-05-04')?.message).toContain('use 26');
  });

  it('keeps 25 on documents dated before the merger', () => {
    expect(refusal('25', '2020-01-25')).toBeNull();
    expect(refusal('25', '2018-07-01')).toBeNull();
  });

  it('refuses 28 on any GST-era document, naming 37', () => {
    expect(refusal('28', '2017-07-01')?.details).toMatchObject({ code: '28', use: '37' });
    expect(refusal('28', '2026-01-01')?.details).toMatchObject({ use: '37' });
  });

  it('leaves current codes alone and keeps retired ones out of addresses', () => {
    expect(refusal('26', '2026-05-04')).toBeNull();
    expect(refusal('37', '2026-05-04')).toBeNull();
    expect(retiredStateCode('27')).toBeUndefined();
    expect(isAddressStateCode('25')).toBe(false);
    expect(isAddressStateCode('28')).toBe(false);
    expect(isAddressStateCode('96')).toBe(false);
  });
});
