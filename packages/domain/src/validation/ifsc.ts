import { describeChar, issue, ordinal, type ValidationResult } from './validation-result';

export type IfscErrorCode = 'LENGTH' | 'CHARSET' | 'FORMAT';

export interface IfscResult extends ValidationResult<IfscErrorCode> {
  /** First 4 letters: the bank (e.g. HDFC, SBIN). */
  bankCode: string | null;
  /** Last 6 characters: the branch. */
  branchCode: string | null;
}

/** Validates an IFSC: 4-letter bank code, a 0 reserved by the RBI, and a 6-character branch code. */
export function validateIfsc(input: string): IfscResult {
  const normalized = input.replace(/\s/g, '').toUpperCase();
  const fail = (code: IfscErrorCode, message: string): IfscResult => ({
    valid: false,
    normalized,
    errors: [issue(code, message)],
    warnings: [],
    bankCode: null,
    branchCode: null,
  });

  if (normalized.length !== 11) {
    return fail(
      'LENGTH',
      normalized.length === 0
        ? 'IFSC is empty; it must have 11 characters.'
        : `An IFSC has 11 characters; this one has ${normalized.length}.`,
    );
  }
  const bad = /[^0-9A-Z]/.exec(normalized);
  if (bad) return fail('CHARSET', `An IFSC may contain only letters and digits; found ${describeChar(bad[0])}.`);

  for (let i = 0; i < 4; i++) {
    const ch = normalized.charAt(i);
    if (!/[A-Z]/.test(ch)) {
      return fail(
        'FORMAT',
        `The first 4 characters of an IFSC are the bank code and must be letters; the ${ordinal(i + 1)} is '${ch}'.`,
      );
    }
  }
  const fifth = normalized.charAt(4);
  if (fifth !== '0') {
    // The letter O for the digit 0 is by far the most common IFSC typo, so say it outright.
    return fail(
      'FORMAT',
      fifth === 'O'
        ? 'The 5th character of an IFSC is always the digit 0 (zero), not the letter O.'
        : `The 5th character of an IFSC is always the digit 0 (zero); it is '${fifth}'.`,
    );
  }
  return {
    valid: true,
    normalized,
    errors: [],
    warnings: [],
    bankCode: normalized.slice(0, 4),
    branchCode: normalized.slice(5),
  };
}
