import { describeChar, issue, ordinal, type ValidationIssue, type ValidationResult } from './validation-result';

/**
 * PAN (Permanent Account Number): 5 letters, 4 digits, 1 letter. The 4th character is the holder type; the 10th
 * is a check letter whose algorithm is not published, so it cannot be verified (stdnum `stdnum/in_/pan.py`).
 */
export const PAN_HOLDER_TYPES = {
  P: 'Individual',
  C: 'Company',
  H: 'Hindu Undivided Family (HUF)',
  F: 'Firm / LLP',
  A: 'Association of Persons (AOP)',
  T: 'Trust',
  B: 'Body of Individuals (BOI)',
  L: 'Local authority',
  J: 'Artificial juridical person',
  G: 'Government',
  // stdnum lists K ("Krish (Trust Krish)") and gst-rules.md 1.4 step 6 accepts it, so we do too.
  K: 'Krish (trust krish)',
} as const;

export type PanHolderType = keyof typeof PAN_HOLDER_TYPES;

export type PanErrorCode = 'LENGTH' | 'CHARSET' | 'FORMAT' | 'HOLDER_TYPE' | 'SERIAL';

export interface PanResult extends ValidationResult<PanErrorCode> {
  holderType: PanHolderType | null;
  /** Human label of the holder type, e.g. "Company". */
  holderTypeLabel: string | null;
}

/** Is `ch` one of the PAN holder-type letters (4th PAN character)? */
export function isPanHolderType(ch: string): ch is PanHolderType {
  return Object.hasOwn(PAN_HOLDER_TYPES, ch);
}

/** Where a PAN sits, so messages can point at the position the user sees (a GSTIN holds its PAN at 3–12). */
export interface PanContext {
  /** The identifier the user typed, e.g. "GSTIN"; "PAN" when the PAN stands alone. */
  name: string;
  /** Characters before the PAN inside that identifier. */
  offset: number;
}

const STANDALONE: PanContext = { name: 'PAN', offset: 0 };

function position(i: number, context: PanContext): string {
  return context.offset === 0
    ? `${ordinal(i + 1)} character of the PAN`
    : `${ordinal(i + 1 + context.offset)} character of the ${context.name} (the ${ordinal(i + 1)} of the PAN inside it)`;
}

/** Why a 10-character PAN-shaped string breaks the 5 letters, 4 digits, 1 letter layout, or null if it fits. */
export function describePanLayoutError(pan: string, context: PanContext = STANDALONE): string | null {
  for (let i = 0; i < pan.length; i++) {
    const ch = pan.charAt(i);
    const wantsDigit = i >= 5 && i <= 8;
    if (wantsDigit ? !/[0-9]/.test(ch) : !/[A-Z]/.test(ch)) {
      return `The ${position(i, context)} must be a ${wantsDigit ? 'digit' : 'letter'} (a PAN is 5 letters, 4 digits, 1 letter), but it is ${describeChar(ch)}.`;
    }
  }
  return null;
}

/** The PAN-specific checks beyond layout: holder type (4th character) and a non-zero serial. */
export function checkPanComponents(
  pan: string,
  context: PanContext = STANDALONE,
): ValidationIssue<'HOLDER_TYPE' | 'SERIAL'>[] {
  const errors: ValidationIssue<'HOLDER_TYPE' | 'SERIAL'>[] = [];
  const type = pan.charAt(3);
  if (!isPanHolderType(type)) {
    errors.push(
      issue(
        'HOLDER_TYPE',
        `The ${position(3, context)} is the PAN holder type and must be one of ${Object.keys(PAN_HOLDER_TYPES).join(', ')}; '${type}' is not a holder type.`,
      ),
    );
  }
  if (pan.slice(5, 9) === '0000') {
    const where = `characters ${6 + context.offset}–${9 + context.offset} of the ${context.name}`;
    errors.push(issue('SERIAL', `The PAN serial number (${where}) is never 0000.`));
  }
  return errors;
}

/** Validates a PAN and reads its holder type; separators (spaces, hyphens) and case are forgiven. */
export function validatePan(input: string): PanResult {
  // stdnum compact(): people copy PANs as "ABCDE 1234 F" or "abcde-1234-f".
  const normalized = input.replace(/[\s-]/g, '').toUpperCase();
  const fail = (error: ValidationIssue<PanErrorCode>): PanResult => ({
    valid: false,
    normalized,
    errors: [error],
    warnings: [],
    holderType: null,
    holderTypeLabel: null,
  });

  if (normalized.length !== 10) {
    return fail(
      issue(
        'LENGTH',
        normalized.length === 0
          ? 'PAN is empty; it must have 10 characters.'
          : `A PAN has 10 characters (5 letters, 4 digits, 1 letter); this one has ${normalized.length}.`,
      ),
    );
  }
  const bad = /[^0-9A-Z]/.exec(normalized);
  if (bad) {
    return fail(issue('CHARSET', `A PAN may contain only letters and digits; found ${describeChar(bad[0])}.`));
  }
  const layoutError = describePanLayoutError(normalized);
  if (layoutError !== null) return fail(issue('FORMAT', layoutError));

  const errors: ValidationIssue<PanErrorCode>[] = checkPanComponents(normalized);
  const type = normalized[3] ?? '';
  const holderType = errors.length === 0 && isPanHolderType(type) ? type : null;
  return {
    valid: errors.length === 0,
    normalized,
    errors,
    warnings: [],
    holderType,
    holderTypeLabel: holderType === null ? null : PAN_HOLDER_TYPES[holderType],
  };
}
