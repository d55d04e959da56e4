import { describe, expect, it } from 'vitest';
import {
  formatRupeesShort,
  rupeeAxisFormatter,
  PLACEHOLDER,
  formatAmount,
  formatCount,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPaise,
  formatRelativeTime,
  isIsoDate,
  todayIsoDate,
} from './format';

describe('formatAmount', () => {
  it('groups rupees the Indian way', () => {
    expect(formatAmount('123456.00')).toBe('₹1,23,456.00');
    expect(formatAmount('1234567.89')).toBe('₹12,34,567.89');
    expect(formatAmount('10000000.00')).toBe('₹1,00,00,000.00');
    expect(formatAmount('999.00')).toBe('₹999.00');
    expect(formatAmount('1000')).toBe('₹1,000.00');
  });

  it('keeps paise exact without floating point', () => {
    expect(formatAmount('0.1')).toBe('₹0.10');
    expect(formatAmount('0.05')).toBe('₹0.05');
    expect(formatAmount('19.99')).toBe('₹19.99');
    // 2^53 paise would lose precision as a float; 90 trillion rupees still formats digit for digit.
    expect(formatAmount('9007199254740.99')).toBe('₹90,07,19,92,54,740.99');
  });

  it('shows negatives with the sign before the rupee symbol', () => {
    expect(formatAmount('-500')).toBe('-₹500.00');
    expect(formatAmount('-123456.75')).toBe('-₹1,23,456.75');
    expect(formatAmount('-0.05')).toBe('-₹0.05');
  });

  it('can leave out the symbol', () => {
    expect(formatAmount('123456.00', { symbol: false })).toBe('1,23,456.00');
  });

  it('shows a placeholder for missing or malformed amounts', () => {
    expect(formatAmount(null)).toBe(PLACEHOLDER);
    expect(formatAmount(undefined)).toBe(PLACEHOLDER);
    expect(formatAmount('')).toBe(PLACEHOLDER);
    expect(formatAmount('12.345')).toBe(PLACEHOLDER);
    expect(formatAmount('1,000.00')).toBe(PLACEHOLDER);
    expect(formatAmount('abc')).toBe(PLACEHOLDER);
    expect(formatAmount('1e5')).toBe(PLACEHOLDER);
  });
});

describe('formatPaise', () => {
  it('formats integer paise', () => {
    expect(formatPaise(12345600)).toBe('₹1,23,456.00');
    expect(formatPaise(-5)).toBe('-₹0.05');
    expect(formatPaise(0)).toBe('₹0.00');
  });

  it('refuses fractions of a paisa', () => {
    expect(formatPaise(10.5)).toBe(PLACEHOLDER);
    expect(formatPaise(Number.NaN)).toBe(PLACEHOLDER);
  });
});

describe('rupeeAxisFormatter', () => {
  it('puts every tick of an axis in one unit, chosen from the largest value', () => {
    const lakhs = rupeeAxisFormatter([90_000, 1_80_000]);
    expect([0, 50_000, 90_000, 1_80_000].map(lakhs)).toEqual(['₹0 L', '₹0.5 L', '₹0.9 L', '₹1.8 L']);
    const crores = rupeeAxisFormatter([2_50_00_000, 40_00_000]);
    expect([40_00_000, 2_50_00_000].map(crores)).toEqual(['₹0.4 Cr', '₹2.5 Cr']);
    const thousands = rupeeAxisFormatter([45_000]);
    expect([0, 12_500, 45_000].map(thousands)).toEqual(['₹0 K', '₹12.5 K', '₹45 K']);
    expect(rupeeAxisFormatter([400])(250)).toBe('₹250');
    expect(rupeeAxisFormatter([])(0)).toBe('₹0');
    expect(rupeeAxisFormatter([1_00_00_000])(-50_00_000)).toBe('-₹0.5 Cr');
  });
});

describe('formatRupeesShort', () => {
  it('shortens axis ticks to crore and lakh with Indian grouping below', () => {
    expect(formatRupeesShort(47_70_57_450)).toBe('₹47.7 Cr');
    expect(formatRupeesShort(4_00_00_00_000)).toBe('₹400 Cr');
    expect(formatRupeesShort(12_00_00_00_000)).toBe('₹1,200 Cr');
    expect(formatRupeesShort(45_00_000)).toBe('₹45 L');
    expect(formatRupeesShort(1_50_000)).toBe('₹1.5 L');
    expect(formatRupeesShort(12_000)).toBe('₹12,000');
    expect(formatRupeesShort(0)).toBe('₹0');
    expect(formatRupeesShort(-2_50_00_000)).toBe('-₹2.5 Cr');
  });
});

describe('formatNumber', () => {
  it('groups counts the Indian way', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1,000');
    expect(formatNumber(100000)).toBe('1,00,000');
    expect(formatNumber(1234567)).toBe('12,34,567');
    expect(formatNumber(123456789n)).toBe('12,34,56,789');
  });

  it('handles negatives and decimals exactly as written', () => {
    expect(formatNumber(-1234567)).toBe('-12,34,567');
    expect(formatNumber('-98765.5')).toBe('-98,765.5');
    expect(formatNumber('1234.125')).toBe('1,234.125');
    expect(formatNumber('-0')).toBe('0');
    expect(formatNumber('007')).toBe('7');
  });

  it('shows a placeholder for non-numbers', () => {
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe(PLACEHOLDER);
    expect(formatNumber(Number.NaN)).toBe(PLACEHOLDER);
    expect(formatNumber('12a')).toBe(PLACEHOLDER);
    expect(formatNumber(null)).toBe(PLACEHOLDER);
    expect(formatNumber(1e21)).toBe(PLACEHOLDER);
  });

  it('pluralises counts', () => {
    expect(formatCount(1, 'user')).toBe('1 user');
    expect(formatCount(1250, 'invoice')).toBe('1,250 invoices');
    expect(formatCount(2, 'entry', 'entries')).toBe('2 entries');
  });
});

describe('formatDate', () => {
  it('rewrites a calendar date as dd-mm-yyyy without shifting it', () => {
    expect(formatDate('2025-03-31')).toBe('31-03-2025');
    expect(formatDate('2024-02-29')).toBe('29-02-2024');
    // A calendar date is the same day everywhere; no timezone applies.
    expect(formatDate('2025-01-01', 'America/Los_Angeles')).toBe('01-01-2025');
  });

  it('converts instants to IST before taking the date', () => {
    // 18:29:59 UTC is 23:59:59 IST, still the 31st.
    expect(formatDate('2025-03-31T18:29:59Z')).toBe('31-03-2025');
    // 18:30 UTC is midnight IST: the next day (and here, the next financial year).
    expect(formatDate('2025-03-31T18:30:00Z')).toBe('01-04-2025');
    expect(formatDate('2025-12-31T20:00:00.000Z')).toBe('01-01-2026');
    expect(formatDate(new Date('2025-06-15T00:00:00+05:30'))).toBe('15-06-2025');
  });

  it('accepts another timezone', () => {
    expect(formatDate('2025-03-31T18:30:00Z', 'UTC')).toBe('31-03-2025');
    expect(formatDate('2025-04-01T02:00:00Z', 'America/New_York')).toBe('31-03-2025');
  });

  it('shows a placeholder for invalid input', () => {
    expect(formatDate('2025-02-30')).toBe(PLACEHOLDER);
    expect(formatDate('2025-13-01')).toBe(PLACEHOLDER);
    expect(formatDate('31-03-2025')).toBe(PLACEHOLDER);
    expect(formatDate('not a date')).toBe(PLACEHOLDER);
    expect(formatDate('')).toBe(PLACEHOLDER);
    expect(formatDate(null)).toBe(PLACEHOLDER);
    expect(formatDate(new Date(Number.NaN))).toBe(PLACEHOLDER);
    expect(formatDate('2025-03-31T10:00:00Z', 'Mars/Olympus_Mons')).toBe(PLACEHOLDER);
  });
});

describe('formatDateTime', () => {
  it('shows IST 24-hour time', () => {
    expect(formatDateTime('2025-03-31T18:29:00Z')).toBe('31-03-2025 23:59');
    expect(formatDateTime('2025-03-31T18:30:00Z')).toBe('01-04-2025 00:00');
    expect(formatDateTime('2025-07-04T08:05:09Z')).toBe('04-07-2025 13:35');
  });

  it('can include seconds and use another zone', () => {
    expect(formatDateTime('2025-07-04T08:05:09Z', { seconds: true })).toBe('04-07-2025 13:35:09');
    expect(formatDateTime('2025-07-04T08:05:09Z', { timeZone: 'UTC' })).toBe('04-07-2025 08:05');
  });

  it('shows a placeholder for invalid input or a bare date', () => {
    expect(formatDateTime('garbage')).toBe(PLACEHOLDER);
    expect(formatDateTime(undefined)).toBe(PLACEHOLDER);
    expect(formatDateTime('2025-07-04')).toBe(PLACEHOLDER);
  });
});

describe('isIsoDate and todayIsoDate', () => {
  it('validates calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-2-1')).toBe(false);
  });

  it('takes today in IST', () => {
    expect(todayIsoDate(new Date('2025-03-31T18:30:00Z'))).toBe('2025-04-01');
    expect(todayIsoDate(new Date('2025-03-31T18:29:00Z'))).toBe('2025-03-31');
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2025-07-04T12:00:00Z');

  it('describes the recent past and near future', () => {
    expect(formatRelativeTime('2025-07-04T11:59:50Z', now)).toBe('just now');
    expect(formatRelativeTime('2025-07-04T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelativeTime('2025-07-04T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelativeTime('2025-07-03T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime('2025-07-04T14:00:00Z', now)).toBe('in 2 hours');
  });

  it('shows a placeholder for invalid input', () => {
    expect(formatRelativeTime('nope', now)).toBe(PLACEHOLDER);
    expect(formatRelativeTime(null, now)).toBe(PLACEHOLDER);
  });
});
