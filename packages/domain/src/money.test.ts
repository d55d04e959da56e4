import { describe, expect, it } from 'vitest';
import { formatMoney, groupIndianDigits, parseMoney, roundDiv, toMoneyString, tryParseMoney } from './money';
import { AppError } from './errors';

describe('money', () => {
  it('parses decimal strings to paise without floats', () => {
    expect(parseMoney('1234.50')).toBe(123450);
    expect(parseMoney('1234.5')).toBe(123450);
    expect(parseMoney('0.01')).toBe(1);
    expect(parseMoney('-12')).toBe(-1200);
    // 0.1 + 0.2 style inputs stay exact
    expect(parseMoney('0.29')).toBe(29);
  });

  it('rejects malformed amounts with a field-naming error', () => {
    for (const bad of ['', '1.234', '1,000', 'abc', '1e3', '.5']) {
      expect(() => parseMoney(bad, 'fees')).toThrow(AppError);
      expect(tryParseMoney(bad)).toBeNull();
    }
    try {
      parseMoney('x', 'fees');
    } catch (error) {
      expect((error as AppError).details).toMatchObject({ field: 'fees' });
    }
  });

  it('formats paise as the JSON decimal string', () => {
    expect(toMoneyString(123450)).toBe('1234.50');
    expect(toMoneyString(5)).toBe('0.05');
    expect(toMoneyString(-5)).toBe('-0.05');
    expect(toMoneyString(0)).toBe('0.00');
  });

  it('groups digits the Indian way', () => {
    expect(groupIndianDigits('1')).toBe('1');
    expect(groupIndianDigits('123')).toBe('123');
    expect(groupIndianDigits('1234')).toBe('1,234');
    expect(groupIndianDigits('123456')).toBe('1,23,456');
    expect(groupIndianDigits('1234567')).toBe('12,34,567');
    expect(groupIndianDigits('123456789')).toBe('12,34,56,789');
  });

  it('formats rupees with the sign and lakh grouping', () => {
    expect(formatMoney(12345600)).toBe('₹1,23,456.00');
    expect(formatMoney(-50000)).toBe('-₹500.00');
    expect(formatMoney(99, { symbol: false })).toBe('0.99');
    expect(formatMoney(1000000000)).toBe('₹1,00,00,000.00');
  });

  it('rounds half away from zero in integer division', () => {
    expect(roundDiv(5, 2)).toBe(3);
    expect(roundDiv(4, 3)).toBe(1);
    expect(roundDiv(-5, 2)).toBe(-3);
    expect(roundDiv(149, 100)).toBe(1);
    expect(roundDiv(150, 100)).toBe(2);
    expect(() => roundDiv(1, 0)).toThrow(RangeError);
  });
});
