import { describe, expect, it } from 'vitest';
import { businessDateOf, csvSafeCell, xlsxDateCell } from './table-export';

describe('CSV cells', () => {
  it('neutralises text a spreadsheet would run as a formula (OWASP CSV injection)', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', '+1+cmd|calc', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1']) {
      expect(csvSafeCell(evil)).toBe(`'${evil}`);
    }
    expect(csvSafeCell('Asha Rao')).toBe('Asha Rao');
    expect(csvSafeCell(null)).toBe('');
    expect(csvSafeCell(12)).toBe(12);
  });

  it('keeps negative amounts in money and number columns as numbers', () => {
    expect(csvSafeCell('-1500.50', true)).toBe('-1500.50');
    expect(csvSafeCell('-1500.50')).toBe("'-1500.50");
    expect(csvSafeCell('=1+1', true)).toBe("'=1+1");
  });
});

describe('XLSX date cells', () => {
  it('holds the business day at UTC midnight, so the sheet shows that day in any zone', () => {
    expect(xlsxDateCell('2026-12-06')).toEqual(new Date('2026-12-06T00:00:00Z'));
    expect(xlsxDateCell('2026-12-06 00:00:00')).toEqual(new Date('2026-12-06T00:00:00Z'));
    expect(xlsxDateCell('')).toBeNull();
    expect(xlsxDateCell(null)).toBeNull();
    expect(xlsxDateCell('Opening')).toBeNull();
  });

  it('dates an instant by the day in India: 20:00 UTC on 5 December is 6 December', () => {
    expect(xlsxDateCell(businessDateOf('instant', '2026-12-05T20:00:00Z'))).toEqual(new Date('2026-12-06T00:00:00Z'));
    expect(businessDateOf('instant', '2026-12-05T20:00:00Z', 'UTC')).toBe('2026-12-05');
  });
});
