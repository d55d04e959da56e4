import { describe, expect, it } from 'vitest';
import { ALLOWED_GST_RATES_BP, isAllowedGstRateBp, isUqc, normalizeUqc, UQC_CODES } from './uqc';

describe('UQC codes', () => {
  it('holds the official list of three-letter codes', () => {
    const codes = Object.keys(UQC_CODES);
    expect(codes).toHaveLength(45);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{3}$/);
    for (const common of ['NOS', 'KGS', 'MTR', 'LTR', 'BOX', 'PCS', 'SET', 'PAC', 'OTH', 'UNT']) {
      expect(isUqc(common)).toBe(true);
    }
  });

  it('normalises typed units and refuses unknown ones', () => {
    expect(normalizeUqc(' kgs ')).toBe('KGS');
    expect(normalizeUqc('KG')).toBeNull();
    expect(normalizeUqc('toString')).toBeNull();
    expect(isUqc('nos')).toBe(false);
  });
});

describe('allowed GST rates', () => {
  it('accepts the notified slabs including 40 % and refuses others', () => {
    expect(ALLOWED_GST_RATES_BP).toContain(4000);
    expect(isAllowedGstRateBp(1800)).toBe(true);
    expect(isAllowedGstRateBp(25)).toBe(true);
    expect(isAllowedGstRateBp(1700)).toBe(false);
  });
});
