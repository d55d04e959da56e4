import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { formatHalfRateBp, formatQuantity, formatRateBp, parseQuantity, parseRateBp } from './units';

describe('units', () => {
  it('parses quantities to thousandths exactly', () => {
    expect(parseQuantity('2.5')).toBe(2500);
    expect(parseQuantity('0.001')).toBe(1);
    expect(parseQuantity('10')).toBe(10000);
    expect(parseQuantity(' 3.14 ')).toBe(3140);
    expect(parseQuantity('0')).toBe(0);
  });

  it('parses percentages to basis points exactly', () => {
    expect(parseRateBp('18')).toBe(1800);
    expect(parseRateBp('0.25')).toBe(25);
    expect(parseRateBp('0.1')).toBe(10);
    expect(parseRateBp('7.5')).toBe(750);
    expect(parseRateBp('290')).toBe(29000);
  });

  it('refuses signs, exponents and extra decimals rather than rounding them', () => {
    for (const bad of ['-1', '1.2345', '', 'abc', '1e3', '.5', '1,000']) {
      expect(() => parseQuantity(bad, 'qty')).toThrow(AppError);
    }
    for (const bad of ['-5', '0.125', '18%', '', '1e2']) expect(() => parseRateBp(bad)).toThrow(AppError);
    try {
      parseRateBp('x', 'lines[0].gstRate');
    } catch (error) {
      expect((error as AppError).details).toMatchObject({ field: 'lines[0].gstRate' });
    }
  });

  it('formats back to the shortest decimal', () => {
    expect(formatQuantity(2500)).toBe('2.5');
    expect(formatQuantity(1000)).toBe('1');
    expect(formatQuantity(1)).toBe('0.001');
    expect(formatRateBp(1800)).toBe('18');
    expect(formatRateBp(25)).toBe('0.25');
    expect(formatRateBp(0)).toBe('0');
    for (const text of ['2.5', '0.001', '12345.678']) expect(formatQuantity(parseQuantity(text))).toBe(text);
  });

  it('prints the intra-state half rate', () => {
    expect(formatHalfRateBp(1800)).toBe('9');
    expect(formatHalfRateBp(500)).toBe('2.5');
    expect(formatHalfRateBp(25)).toBe('0.125');
    expect(formatHalfRateBp(10)).toBe('0.05');
    expect(formatHalfRateBp(150)).toBe('0.75');
  });
});
