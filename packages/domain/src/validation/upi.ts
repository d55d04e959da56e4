import { describeChar, issue, type ValidationResult } from './validation-result';

export type UpiErrorCode = 'LENGTH' | 'CHARSET' | 'FORMAT';

export interface UpiResult extends ValidationResult<UpiErrorCode> {
  /** The part before @ (a name, phone number or chosen ID). */
  handle: string | null;
  /** The part after @: the payment app or bank (ybl, okaxis, paytm …). */
  psp: string | null;
}

/** Validates a UPI ID (VPA) of the form handle@psp; it is case-insensitive, so it is stored lower-cased. */
export function validateUpi(input: string): UpiResult {
  const normalized = input.trim().toLowerCase();
  const fail = (code: UpiErrorCode, message: string): UpiResult => ({
    valid: false,
    normalized,
    errors: [issue(code, message)],
    warnings: [],
    handle: null,
    psp: null,
  });

  if (normalized === '') return fail('LENGTH', 'UPI ID is empty; it looks like name@bank.');
  const parts = normalized.split('@');
  if (parts.length !== 2) {
    return fail('FORMAT', 'A UPI ID has exactly one @ between the name and the bank or app, like name@okaxis.');
  }
  const [handle = '', psp = ''] = parts;

  const badHandleChar = /[^a-z0-9._-]/.exec(handle);
  if (badHandleChar) {
    return fail(
      'CHARSET',
      `The part before @ may contain only letters, digits, dots, hyphens and underscores; found ${describeChar(badHandleChar[0])}.`,
    );
  }
  if (handle.length < 2 || handle.length > 256) {
    return fail('LENGTH', 'The part before @ must have between 2 and 256 characters.');
  }
  if (psp.includes('.')) {
    // PSP handles never contain dots, so name@gmail.com is an e-mail address typed into the wrong field.
    return fail(
      'FORMAT',
      'This looks like an e-mail address; a UPI ID ends in the bank or app handle, like @okaxis or @ybl.',
    );
  }
  if (!/^[a-z][a-z0-9]{1,63}$/.test(psp)) {
    return fail(
      'FORMAT',
      'The part after @ must be the bank or app handle (letters, then letters or digits), like okaxis or ybl.',
    );
  }
  return { valid: true, normalized, errors: [], warnings: [], handle, psp };
}
