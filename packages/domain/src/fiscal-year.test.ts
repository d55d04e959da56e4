import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { financialYearOf, financialYearStartingIn, parseFinancialYear } from './fiscal-year';

describe('financialYearOf', () => {
  it('turns over on 1 April', () => {
    expect(financialYearOf('2025-03-31').label).toBe('2024-25');
    expect(financialYearOf('2025-04-01').label).toBe('2025-26');
    expect(financialYearOf('2026-01-01').label).toBe('2025-26');
  });

  it('gives the label forms and both ends', () => {
    expect(financialYearOf('2025-10-06')).toEqual({
      startYear: 2025,
      label: '2025-26',
      shortLabel: '25-26',
      start: '2025-04-01',
      end: '2026-03-31',
    });
    expect(financialYearStartingIn(1999)).toMatchObject({ label: '1999-00', shortLabel: '99-00', end: '2000-03-31' });
    expect(financialYearStartingIn(2009).label).toBe('2009-10');
  });

  it('checks the calendar, leap days included', () => {
    expect(financialYearOf('2024-02-29').label).toBe('2023-24');
    expect(financialYearOf('2000-02-29').label).toBe('1999-00');
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '2025-04-31',
      '2025-13-01',
      '2025-00-10',
      '2025-4-1',
      '',
      '2025-04-01T00:00',
    ]) {
      expect(() => financialYearOf(bad), bad).toThrow(AppError);
    }
  });

  it('names the field in the error', () => {
    try {
      financialYearOf('x', 'invoiceDate');
    } catch (error) {
      expect((error as AppError).details).toMatchObject({ field: 'invoiceDate' });
    }
  });
});

describe('parseFinancialYear', () => {
  it('reads labels back', () => {
    expect(parseFinancialYear('2025-26')).toEqual(financialYearOf('2025-04-01'));
    expect(parseFinancialYear('1999-00').startYear).toBe(1999);
  });

  it('refuses labels whose years do not follow', () => {
    for (const bad of ['2025-27', '2025-2026', '25-26', '2025/26', '']) {
      expect(() => parseFinancialYear(bad), bad).toThrow(AppError);
    }
  });
});
