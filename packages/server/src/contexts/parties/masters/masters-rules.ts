import type { ItemKind } from '@bizdash/contracts/masters';
import { AppError } from '@bizdash/domain/errors';
import { parseRateBp } from '@bizdash/domain/gst/units';
import { isAllowedGstRateBp, normalizeUqc } from '@bizdash/domain/gst/uqc';
import { parseAmount } from '@bizdash/domain/money';
import { validateCin } from '@bizdash/domain/validation/cin';
import { validateHsn } from '@bizdash/domain/validation/hsn';
import { validateIsin } from '@bizdash/domain/validation/isin';

/** Field rules of the masters: each throws VALIDATION_FAILED naming the field, or returns the normalised value. */

/** Throws VALIDATION_FAILED naming `field`, so the client can put the message beside the input. */
export function invalid(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', message, { field });
}

/** Parses a money string that must not be negative. */
export function money(text: string, field: string): number {
  const paise = parseAmount(text, field);
  if (paise < 0) invalid(field, `${field} cannot be negative`);
  return paise;
}

/** A GST rate in basis points, one of the notified slabs. */
export function gstRate(text: string, field: string): number {
  const bp = parseRateBp(text, field);
  if (!isAllowedGstRateBp(bp)) {
    invalid(field, `${field} ${text}% is not a GST rate; use 0, 0.1, 0.25, 1, 1.5, 3, 5, 6, 7.5, 12, 18, 28 or 40`);
  }
  return bp;
}

export function cin(input: string | null | undefined): string | null | undefined {
  if (input === undefined || input === null || input === '') return input === '' ? null : input;
  const result = validateCin(input);
  if (!result.valid) invalid('cin', result.errors[0]?.message ?? 'CIN is not valid');
  return result.normalized;
}

export function isin(input: string | null | undefined): string | null | undefined {
  if (input === undefined || input === null || input === '') return input === '' ? null : input;
  const result = validateIsin(input);
  if (!result.valid) invalid('isin', result.errors[0]?.message ?? 'ISIN is not valid');
  return result.normalized;
}

export function sac(input: string | null | undefined): string | null | undefined {
  if (input === undefined || input === null || input === '') return input === '' ? null : input;
  const result = validateHsn(input);
  if (!result.valid) invalid('sacCode', result.errors[0]?.message ?? 'SAC is not valid');
  if (result.kind !== 'services') invalid('sacCode', 'A SAC (service code) starts with 99; this is an HSN goods code');
  return result.normalized;
}

/** The HSN or SAC of an item, which must fit its kind: services carry a SAC (99…), goods an HSN. */
export function hsnSac(input: string, kind: ItemKind): string {
  const result = validateHsn(input);
  if (!result.valid) invalid('hsnSac', result.errors[0]?.message ?? 'HSN/SAC is not valid');
  if (result.kind !== kind) {
    invalid(
      'hsnSac',
      kind === 'services'
        ? 'Services carry a SAC, which starts with 99'
        : 'Goods carry an HSN code; codes starting with 99 are service codes (SAC)',
    );
  }
  return result.normalized;
}

export function unit(input: string): string {
  const code = normalizeUqc(input);
  if (code === null) invalid('unit', `"${input}" is not a GST unit (UQC) such as NOS, KGS, MTR, LTR, BOX or OTH`);
  return code;
}
