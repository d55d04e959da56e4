import { ALLOWED_GST_RATES_BP, UQC_CODES } from '@bizdash/domain/gst/uqc';
import { tryParseMoney } from '@bizdash/domain/money';

/** Basis points → the API's rate string: 1800 → "18", 25 → "0.25". */
function rateString(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const cents = bp % 100;
  return cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/** The GST rates BizDash accepts, for a Select. */
export const GST_RATE_OPTIONS = ALLOWED_GST_RATES_BP.map((bp) => ({
  value: rateString(bp),
  label: `${rateString(bp)}%`,
}));

/** The rate as the API sends it ("18.00" or "18") normalised to an option value. */
export function normaliseRate(rate: string | null | undefined): string {
  const n = Number(rate);
  if (!Number.isFinite(n)) return '18';
  return rateString(Math.round(n * 100));
}

/** GST unit codes with their names: "NOS — Numbers". */
export const UQC_OPTIONS = Object.entries(UQC_CODES).map(([code, name]) => ({
  value: code,
  label: `${code} — ${name}`,
}));

export function uqcName(code: string): string {
  return (UQC_CODES as Record<string, string | undefined>)[code] ?? code;
}

/** A typed rupee amount is a valid money string ("1234.5"); empty is allowed when `optional`. */
export function moneyError(text: string, optional = false): string | undefined {
  const value = text.trim();
  if (!value) return optional ? undefined : 'Enter an amount (0 if none)';
  if (value.startsWith('-')) return 'Must not be negative';
  return tryParseMoney(value) === null ? 'Enter an amount such as 1500 or 1500.50' : undefined;
}
