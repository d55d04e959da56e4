import { issue, type ValidationResult } from './validation-result';

export type IsinErrorCode = 'LENGTH' | 'FORMAT' | 'CHECKSUM';

/**
 * Validates an Indian ISIN (ISO 6166): "IN", 9 letters or digits, and a Luhn check digit computed over the code with
 * letters expanded to numbers (A = 10 … Z = 35), e.g. INE002A01018.
 */
export function validateIsin(input: string): ValidationResult<IsinErrorCode> {
  const normalized = input.replace(/[\s-]/g, '').toUpperCase();
  const fail = (code: IsinErrorCode, message: string): ValidationResult<IsinErrorCode> => ({
    valid: false,
    normalized,
    errors: [issue(code, message)],
    warnings: [],
  });
  if (normalized.length !== 12) {
    return fail('LENGTH', `An ISIN has 12 characters; this one has ${normalized.length}.`);
  }
  if (!/^IN[A-Z0-9]{9}[0-9]$/.test(normalized)) {
    return fail('FORMAT', 'An Indian ISIN is IN, then 9 letters or digits, then a check digit, like INE002A01018.');
  }
  if (isinCheckDigit(normalized.slice(0, 11)) !== normalized.charAt(11)) {
    return fail('CHECKSUM', 'The last digit of this ISIN does not match the rest; check for a typo.');
  }
  return { valid: true, normalized, errors: [], warnings: [] };
}

/** The ISIN check digit for its first 11 characters. */
export function isinCheckDigit(first11: string): string {
  const digits = [...first11].map((ch) => String(parseInt(ch, 36))).join('');
  let sum = 0;
  // Luhn from the right: the digit next to the (missing) check digit is doubled.
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits.charAt(digits.length - 1 - i));
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
