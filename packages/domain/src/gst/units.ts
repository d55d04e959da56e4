import { AppError } from '../errors';

/**
 * Exact representations used by the tax engine, chosen so that a database column can be a plain INTEGER on both
 * SQLite and PostgreSQL (SQLite's NUMERIC affinity would turn "2.5" into a float):
 * - quantities are integer thousandths of the unit (QTY_SCALE); three decimals is the e-invoice `Qty` precision;
 * - rates (GST, cess, percentage discounts) are integer basis points, 1 bp = 0.01 %, so 18 % = 1800 and
 *   0.25 % = 25. Every notified GST and compensation-cess rate fits (gst-rules.md 4.1). The intra-state half rate
 *   (0.125 %) never needs to be stored: tax is computed as taxable × rate / 2 in one exact step.
 * JSON and forms carry both as decimal strings ("2.5", "18"); parse them at the boundary with the functions below.
 */
export const QTY_SCALE = 1000;

/** Basis points in one percent. */
export const BP_PER_PERCENT = 100;

/** 100 % in basis points, the upper bound of a GST rate or a percentage discount. */
export const FULL_RATE_BP = 100 * BP_PER_PERCENT;

const QTY_RE = /^(\d{1,12})(?:\.(\d{1,3}))?$/;
const RATE_RE = /^(\d{1,6})(?:\.(\d{1,2}))?$/;

/** Parses a non-negative decimal quantity with at most 3 decimals ("2.5" -> 2500 thousandths). */
export function parseQuantity(text: string, field = 'quantity'): number {
  const match = QTY_RE.exec(text.trim());
  if (!match) {
    throw new AppError('VALIDATION_FAILED', `${field} must be a non-negative number with at most three decimals`, {
      field,
      value: text,
    });
  }
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * QTY_SCALE + Number(fraction.padEnd(3, '0'));
}

/** Parses a non-negative percentage with at most 2 decimals into basis points ("18" -> 1800, "0.25" -> 25). */
export function parseRateBp(text: string, field = 'rate'): number {
  const match = RATE_RE.exec(text.trim());
  if (!match) {
    throw new AppError('VALIDATION_FAILED', `${field} must be a non-negative percentage with at most two decimals`, {
      field,
      value: text,
    });
  }
  const [, whole = '0', fraction = ''] = match;
  return Number(whole) * BP_PER_PERCENT + Number(fraction.padEnd(2, '0'));
}

/** Thousandths of a unit back to the shortest decimal string: 2500 -> "2.5", 1000 -> "1". */
export function formatQuantity(quantity: number): string {
  return formatScaled(quantity, 3);
}

/** Basis points back to the shortest percentage string: 1800 -> "18", 25 -> "0.25". */
export function formatRateBp(rateBp: number): string {
  return formatScaled(rateBp, 2);
}

/** The CGST or SGST/UTGST rate printed on an intra-state invoice: half the GST rate, 25 bp -> "0.125" (4.1). */
export function formatHalfRateBp(rateBp: number): string {
  // Half a basis point is 5 thousandths of a percent, so the half rate is exact with three decimals.
  return formatScaled(rateBp * 5, 3);
}

function formatScaled(value: number, decimals: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a scaled integer: ${String(value)}`);
  const scale = 10 ** decimals;
  const abs = Math.abs(value);
  const whole = Math.trunc(abs / scale);
  const fraction = String(abs % scale)
    .padStart(decimals, '0')
    .replace(/0+$/, '');
  return `${value < 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
