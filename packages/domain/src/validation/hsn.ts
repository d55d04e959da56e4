import { describeChar, issue, type ValidationResult } from './validation-result';

export type HsnErrorCode = 'LENGTH' | 'CHARSET' | 'FORMAT' | 'TOO_SHORT';
export type HsnWarningCode = 'SAC_LENGTH';

/** Goods carry an HSN code; services a SAC, which always starts with 99 (IC `SERVICE_HSN_PREFIX`). */
export type HsnKind = 'goods' | 'services';

export interface HsnResult extends ValidationResult<HsnErrorCode, HsnWarningCode> {
  kind: HsnKind | null;
}

/** How many digits a business must print, and whether it may leave the code out (gst-rules.md 4.2). */
export interface HsnDigitRule {
  minDigits: 4 | 6 | 8;
  /** False only for B2C invoices of businesses with AATO up to ₹5 crore (Notification 78/2020-CT). */
  required: boolean;
  /** Why the minimum applies, for the TOO_SHORT message. */
  reason: string;
}

export interface HsnContext {
  /** Aggregate annual turnover of the preceding financial year, in paise; null when unknown (treated as small). */
  aatoPaise: number | null;
  isB2c?: boolean;
  /** The IRP accepts only 6 or 8 digits (IC `utils/e_invoice.py`). */
  isEInvoice?: boolean;
  /** Imports and exports of goods use the 8-digit customs tariff code. */
  isImportOrExport?: boolean;
}

/** ₹5 crore in paise: the Notification 78/2020-CT threshold between 4 and 6 digits. */
export const HSN_SIX_DIGIT_AATO_PAISE = 5_00_00_000 * 100;

const ALLOWED_LENGTHS = [4, 6, 8];

/** The minimum HSN/SAC digits for a business and document (Notification 78/2020-CT, gst-rules.md 4.2). */
export function hsnDigitRule(context: HsnContext): HsnDigitRule {
  const isLarge = context.aatoPaise !== null && context.aatoPaise > HSN_SIX_DIGIT_AATO_PAISE;
  if (context.isImportOrExport === true) {
    return {
      minDigits: 8,
      required: true,
      reason: 'Imports and exports of goods use the 8-digit customs tariff code.',
    };
  }
  if (context.isEInvoice === true) {
    return { minDigits: 6, required: true, reason: 'E-invoices accept only 6- or 8-digit HSN/SAC codes.' };
  }
  if (isLarge) {
    return {
      minDigits: 6,
      required: true,
      reason: 'Businesses with a turnover above ₹5 crore in the previous year must use at least 6 digits.',
    };
  }
  return {
    minDigits: 4,
    required: context.isB2c !== true,
    reason: 'HSN/SAC codes have at least 4 digits.',
  };
}

/**
 * Validates an HSN (goods) or SAC (services) code: digits only, 4, 6 or 8 of them, and at least `rule.minDigits`.
 * Dots and spaces are dropped because codes are often printed as "8471.30.10".
 */
export function validateHsn(input: string, rule?: Pick<HsnDigitRule, 'minDigits' | 'reason'>): HsnResult {
  const normalized = input.replace(/[\s.]/g, '');
  const fail = (code: HsnErrorCode, message: string): HsnResult => ({
    valid: false,
    normalized,
    errors: [issue(code, message)],
    warnings: [],
    kind: null,
  });

  if (normalized === '') return fail('LENGTH', 'HSN/SAC code is empty; it must have 4, 6 or 8 digits.');
  const bad = /[^0-9]/.exec(normalized);
  if (bad) return fail('CHARSET', `An HSN/SAC code contains only digits; found ${describeChar(bad[0])}.`);
  if (!ALLOWED_LENGTHS.includes(normalized.length)) {
    return fail('LENGTH', `An HSN/SAC code has 4, 6 or 8 digits; this one has ${normalized.length}.`);
  }
  if (normalized.startsWith('00')) {
    return fail(
      'FORMAT',
      'The first two digits of an HSN code are the chapter (01–98, or 99 for services); 00 is not a chapter.',
    );
  }

  const kind: HsnKind = normalized.startsWith('99') ? 'services' : 'goods';
  // The 8-digit customs rule is about goods; a SAC is complete at 6 digits.
  const minDigits = kind === 'services' && rule !== undefined ? Math.min(rule.minDigits, 6) : (rule?.minDigits ?? 4);
  if (normalized.length < minDigits) {
    return fail(
      'TOO_SHORT',
      `${rule?.reason ?? 'This code is too short.'} This code has ${normalized.length} digits; use at least ${minDigits}.`,
    );
  }
  // A SAC has 6 digits; IC and the IRP accept 8 for any code, so this is only a hint to look again.
  const warnings =
    kind === 'services' && normalized.length === 8
      ? [issue('SAC_LENGTH' as const, 'Service codes (SAC, starting with 99) have 6 digits; check this 8-digit code.')]
      : [];
  return { valid: true, normalized, errors: [], warnings, kind };
}
