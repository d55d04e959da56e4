import { AppError } from './errors';
import type { Paise } from './money';

const ONES = [
  'Zero',
  'One',
  'Two',
  'Three',
  'Four',
  'Five',
  'Six',
  'Seven',
  'Eight',
  'Nine',
  'Ten',
  'Eleven',
  'Twelve',
  'Thirteen',
  'Fourteen',
  'Fifteen',
  'Sixteen',
  'Seventeen',
  'Eighteen',
  'Nineteen',
] as const;
const TENS = ['', '', 'Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety'] as const;

const CRORE = 10_000_000;
const LAKH = 100_000;

/**
 * A non-negative integer in Indian-system words: 12345678 -> "One Crore Twenty Three Lakh Forty Five Thousand Six
 * Hundred Seventy Eight". No "and", no hyphens (gst-rules.md 5.5); 100 crore and more repeats the scales
 * ("One Hundred Twenty Three Crore …", "One Lakh Crore").
 */
export function integerToIndianWords(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a non-negative integer: ${String(value)}`);
  if (value === 0) return ONES[0];
  const words: string[] = [];
  pushIndian(value, words);
  return words.join(' ');
}

/**
 * The project's amount-in-words line (gst-rules.md 5.5): "Rupees <words> [and <n> Paise] Only", "<n> Paise Only"
 * when there are no rupees, "Rupees Zero Only" for zero. Amount in words is trade practice, not Rule 46, so the
 * style is ours; "Paise" stays plural even for one, as "Rupees" does, to keep the convention mechanical.
 */
export function amountInWords(amount: Paise): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not an integer paise amount: ${String(amount)}`);
  // Invoices, notes and receipts carry positive amounts (5.4); a sign has no agreed wording, so refuse it.
  if (amount < 0) {
    throw new AppError('VALIDATION_FAILED', 'amount in words needs a non-negative amount', { field: 'amount' });
  }
  const paise = amount % 100;
  const rupees = (amount - paise) / 100;
  if (rupees === 0 && paise > 0) return `${integerToIndianWords(paise)} Paise Only`;
  const rupeeWords = `Rupees ${integerToIndianWords(rupees)}`;
  return paise > 0 ? `${rupeeWords} and ${integerToIndianWords(paise)} Paise Only` : `${rupeeWords} Only`;
}

function pushIndian(value: number, words: string[]): void {
  const crores = Math.floor(value / CRORE);
  let rest = value % CRORE;
  if (crores > 0) {
    // Crores of 100 and more are themselves written in the Indian system before the word "Crore".
    pushIndian(crores, words);
    words.push('Crore');
  }
  const lakhs = Math.floor(rest / LAKH);
  rest %= LAKH;
  if (lakhs > 0) words.push(belowHundred(lakhs), 'Lakh');
  const thousands = Math.floor(rest / 1000);
  rest %= 1000;
  if (thousands > 0) words.push(belowHundred(thousands), 'Thousand');
  const hundreds = Math.floor(rest / 100);
  rest %= 100;
  if (hundreds > 0) words.push(belowHundred(hundreds), 'Hundred');
  if (rest > 0) words.push(belowHundred(rest));
}

function belowHundred(value: number): string {
  if (value < 20) return ONES[value] ?? '';
  const ten = TENS[Math.floor(value / 10)] ?? '';
  const one = value % 10;
  return one === 0 ? ten : `${ten} ${ONES[one] ?? ''}`;
}
