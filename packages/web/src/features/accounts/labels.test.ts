import { describe, expect, it } from 'vitest';
import { orderNumberIn, sourcePath } from './components/source-link';
import { drCr } from './labels';
import { presetOf, presetToDate } from './period';

describe('drCr', () => {
  it('prints a debit-positive balance on its side, in rupees with Indian grouping', () => {
    expect(drCr('123456.50')).toBe('₹1,23,456.50 Dr');
    expect(drCr('-350.00')).toBe('₹350.00 Cr');
    expect(drCr('0.00')).toBe('₹0.00');
    expect(drCr('-0.00')).toBe('₹0.00');
    expect(drCr('abc')).toBe('—');
  });
});

describe('source links', () => {
  it('finds the order an expense or settlement entry names, also on its reversal', () => {
    expect(orderNumberIn('Expense on ORD/2026-27/00061, paid to Blue Dart')).toBe('ORD/2026-27/00061');
    expect(orderNumberIn('Partner share adjustment on ORD/2026-27/00004')).toBe('ORD/2026-27/00004');
    expect(orderNumberIn('Reversal: Expense on ORD/2026-27/00007')).toBe('ORD/2026-27/00007');
  });

  it('opens invoices, payments and payouts directly', () => {
    const base = { reference: null, narration: '', partyId: 7 };
    expect(sourcePath({ ...base, sourceType: 'invoice', sourceId: 3 })).toBe('/invoices/3');
    expect(sourcePath({ ...base, sourceType: 'payment', sourceId: 4 })).toBe('/payments?payment=4');
    expect(sourcePath({ ...base, sourceType: 'payout', sourceId: 5 })).toBe('/parties/7');
    expect(sourcePath({ ...base, sourceType: 'expense', sourceId: 6 })).toBeNull();
  });
});

describe('book periods', () => {
  it('ends a preset on today and recognises it again from its dates', () => {
    const year = presetToDate('year', '2026-12-06');
    expect(year).toEqual({ preset: 'year', from: '2026-04-01', to: '2026-12-06' });
    expect(presetOf(year, '2026-12-06')).toBe('year');
    expect(presetToDate('year', '2027-02-10').from).toBe('2026-04-01');
    expect(presetOf({ from: '2026-04-01', to: '2027-03-31' }, '2026-12-06')).toBe('custom');
  });
});
