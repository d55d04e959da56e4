import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { amountInWords, integerToIndianWords } from './words';

describe('integerToIndianWords', () => {
  it('writes the teens, tens and hundreds without "and" or hyphens', () => {
    expect(integerToIndianWords(0)).toBe('Zero');
    expect(integerToIndianWords(13)).toBe('Thirteen');
    expect(integerToIndianWords(20)).toBe('Twenty');
    expect(integerToIndianWords(21)).toBe('Twenty One');
    expect(integerToIndianWords(110)).toBe('One Hundred Ten');
    expect(integerToIndianWords(999)).toBe('Nine Hundred Ninety Nine');
  });

  it('groups by thousand, lakh and crore', () => {
    expect(integerToIndianWords(1001)).toBe('One Thousand One');
    expect(integerToIndianWords(99_999)).toBe('Ninety Nine Thousand Nine Hundred Ninety Nine');
    expect(integerToIndianWords(1_00_000)).toBe('One Lakh');
    expect(integerToIndianWords(10_05_000)).toBe('Ten Lakh Five Thousand');
    expect(integerToIndianWords(99_99_99_999)).toBe(
      'Ninety Nine Crore Ninety Nine Lakh Ninety Nine Thousand Nine Hundred Ninety Nine',
    );
  });

  it('writes 100 crore and more in the Indian system before "Crore"', () => {
    expect(integerToIndianWords(100_00_00_000)).toBe('One Hundred Crore');
    expect(integerToIndianWords(1_00_000_00_00_000)).toBe('One Lakh Crore');
    expect(integerToIndianWords(Number.MAX_SAFE_INTEGER)).toBe(
      // 90,07,19,925 crore and 47,40,991
      'Ninety Crore Seven Lakh Nineteen Thousand Nine Hundred Twenty Five Crore Forty Seven Lakh Forty Thousand Nine Hundred Ninety One',
    );
  });

  it('refuses negatives and fractions', () => {
    expect(() => integerToIndianWords(-1)).toThrow(RangeError);
    expect(() => integerToIndianWords(1.5)).toThrow(RangeError);
  });
});

describe('amountInWords', () => {
  it('follows "Rupees … [and … Paise] Only"', () => {
    expect(amountInWords(0)).toBe('Rupees Zero Only');
    expect(amountInWords(1)).toBe('One Paise Only');
    expect(amountInWords(99)).toBe('Ninety Nine Paise Only');
    expect(amountInWords(100)).toBe('Rupees One Only');
    expect(amountInWords(101)).toBe('Rupees One and One Paise Only');
    expect(amountInWords(1060)).toBe('Rupees Ten and Sixty Paise Only');
    expect(amountInWords(12_34_56_789)).toBe(
      'Rupees Twelve Lakh Thirty Four Thousand Five Hundred Sixty Seven and Eighty Nine Paise Only',
    );
  });

  it('refuses negative and non-integer amounts', () => {
    expect(() => amountInWords(-100)).toThrow(AppError);
    expect(() => amountInWords(1.5)).toThrow(RangeError);
  });
});
