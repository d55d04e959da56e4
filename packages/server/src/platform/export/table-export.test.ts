import { describe, expect, it } from 'vitest';
import { csvSafeCell } from './table-export';

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
