import { AppError } from './errors';

/**
 * Money in BizDash is an integer number of paise. JSON carries it as a decimal string with two places
 * ("1234.50"); nothing near money uses floating point.
 */
export type Paise = number;

const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** True when `value` is a safe integer, the only shape a paise amount may take. */
export function isPaise(value: unknown): value is Paise {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Parses "1234.5", "1234.50" or "-12" into paise. Throws VALIDATION_FAILED on anything else. */
export function parseMoney(text: string, field = 'amount'): Paise {
  const trimmed = text.trim();
  const match = DECIMAL_RE.exec(trimmed);
  if (!match) {
    throw new AppError('VALIDATION_FAILED', `${field} must be a decimal amount with at most two decimals`, {
      field,
      value: text,
    });
  }
  const [, sign, rupees = '0', fraction = ''] = match;
  const paise = Number(rupees) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(paise)) {
    throw new AppError('VALIDATION_FAILED', `${field} is too large`, { field, value: text });
  }
  return sign ? -paise : paise;
}

/**
 * The largest single amount BizDash accepts (₹100 crore), and the largest document total (₹1,000 crore). Chosen so
 * that what is added up later still fits: the BIGINT columns, JavaScript's safe integers (2^53 paise is about
 * ₹90 lakh crore) and the 13-digit amounts of the API. Larger values are a 400 naming the field (issue 16), never a
 * 500 on a later list or dashboard.
 */
export const MAX_AMOUNT_PAISE = 100 * 1_00_00_000 * 100;
export const MAX_DOCUMENT_TOTAL_PAISE = 10 * MAX_AMOUNT_PAISE;

/** Parses an amount a user entered: parseMoney, within ±MAX_AMOUNT_PAISE. */
export function parseAmount(text: string, field = 'amount'): Paise {
  const paise = parseMoney(text, field);
  if (Math.abs(paise) > MAX_AMOUNT_PAISE) {
    throw new AppError('VALIDATION_FAILED', `${field} must not exceed ₹1,00,00,00,000.00`, { field, value: text });
  }
  return paise;
}

/** Parses like parseMoney but returns null instead of throwing. */
export function tryParseMoney(text: string): Paise | null {
  const match = DECIMAL_RE.exec(text.trim());
  if (!match) return null;
  const [, sign, rupees = '0', fraction = ''] = match;
  const paise = Number(rupees) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(paise)) return null;
  return sign ? -paise : paise;
}

/** Paise to the JSON decimal string: 123450 -> "1234.50", -5 -> "-0.05". */
export function toMoneyString(paise: Paise): string {
  assertPaise(paise);
  const negative = paise < 0;
  const abs = Math.abs(paise);
  const rupees = Math.trunc(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${rupees}.${fraction}`;
}

/** Groups a string of digits the Indian way: "1234567" -> "12,34,567". */
export function groupIndianDigits(digits: string): string {
  if (digits.length <= 3) return digits;
  const last3 = digits.slice(-3);
  let rest = digits.slice(0, -3);
  const groups: string[] = [];
  while (rest.length > 2) {
    groups.unshift(rest.slice(-2));
    rest = rest.slice(0, -2);
  }
  if (rest) groups.unshift(rest);
  return `${groups.join(',')},${last3}`;
}

export interface FormatMoneyOptions {
  /** Prefix with the rupee sign. Default true. */
  symbol?: boolean;
}

/** Paise to Indian display form: 12345600 -> "₹1,23,456.00"; negatives as "-₹500.00". */
export function formatMoney(paise: Paise, options: FormatMoneyOptions = {}): string {
  assertPaise(paise);
  const { symbol = true } = options;
  const negative = paise < 0;
  const abs = Math.abs(paise);
  const rupees = groupIndianDigits(String(Math.trunc(abs / 100)));
  const fraction = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${symbol ? '₹' : ''}${rupees}.${fraction}`;
}

/**
 * Divides two integers and rounds half away from zero ("half-up" as Indian accounting uses it), exactly, without
 * floats: roundDiv(5, 2) = 3, roundDiv(-5, 2) = -3.
 */
export function roundDiv(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(`roundDiv needs safe integers and a non-zero denominator (${numerator}/${denominator})`);
  }
  const negative = numerator < 0 !== denominator < 0;
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const quotient = Math.floor(n / d);
  const remainder = n - quotient * d;
  const rounded = remainder * 2 >= d ? quotient + 1 : quotient;
  return negative ? -rounded : rounded;
}

function assertPaise(paise: Paise): void {
  if (!isPaise(paise)) throw new RangeError(`not an integer paise amount: ${String(paise)}`);
}
