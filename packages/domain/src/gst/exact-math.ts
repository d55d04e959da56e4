import { AppError } from '../errors';
import { roundDiv } from '../money';

// Products below 2^52 keep roundDiv's float-division quotient and its remainder exact; bigger ones go through BigInt.
const FAST_LIMIT = 2 ** 52;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * round(a × b / d), half away from zero, exactly. The fast path is roundDiv from money.ts (the one rounding rule);
 * products beyond 2^52 are done in BigInt so that large invoices never lose a paisa. Throws VALIDATION_FAILED
 * (naming `field`) when the result itself is not a safe integer.
 */
export function mulDivRound(a: number, b: number, d: number, field = 'amount'): number {
  const product = a * b;
  if (
    Number.isSafeInteger(a) &&
    Number.isSafeInteger(b) &&
    Math.abs(product) <= FAST_LIMIT &&
    Math.abs(d) <= FAST_LIMIT
  ) {
    return roundDiv(product, d);
  }
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(d) || d === 0) {
    throw new RangeError(`mulDivRound needs safe integers and a non-zero divisor (${a}×${b}/${d})`);
  }
  let n = BigInt(a) * BigInt(b);
  let den = BigInt(d);
  const negative = n < 0n !== den < 0n;
  if (n < 0n) n = -n;
  if (den < 0n) den = -den;
  let q = n / den;
  if ((n - q * den) * 2n >= den) q += 1n;
  if (q > MAX_SAFE) throw new AppError('VALIDATION_FAILED', `${field} is too large`, { field });
  const result = Number(q);
  return negative ? -result : result;
}
