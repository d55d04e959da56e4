import { describe, expect, it } from 'vitest';
import { columnLetter, firstRowOf } from './sheets-client';

describe('Sheets A1 helpers', () => {
  it('reads the first row of a range the API returns', () => {
    expect(firstRowOf('Sales!A12:K14')).toBe(12);
    expect(firstRowOf("'Sales'!A2")).toBe(2);
    expect(() => firstRowOf('Sales')).toThrow();
  });

  it('names columns like the API (A..Z, AA..)', () => {
    expect(columnLetter(1)).toBe('A');
    expect(columnLetter(11)).toBe('K');
    expect(columnLetter(26)).toBe('Z');
    expect(columnLetter(27)).toBe('AA');
    expect(columnLetter(53)).toBe('BA');
  });
});
