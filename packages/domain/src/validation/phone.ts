import { describeChar, issue, type ValidationResult } from './validation-result';

export type PhoneErrorCode = 'CHARSET' | 'COUNTRY' | 'LENGTH' | 'FORMAT';

/**
 * 'mobile' when the national number starts with 6–9, otherwise 'landline'. Some STD codes also start with 6–8
 * (080 Bengaluru, 079 Ahmedabad), so such a landline reads as 'mobile'; its E.164 form is right either way.
 */
export type PhoneKind = 'mobile' | 'landline';

export interface PhoneResult extends ValidationResult<PhoneErrorCode> {
  kind: PhoneKind | null;
}

/** Validates an Indian mobile or landline number and normalises it to E.164 (+91 and 10 digits). */
export function validatePhone(input: string): PhoneResult {
  // People type numbers as "+91 98765-43210", "(022) 2345 6789" or "022.2345.6789"; none of that is meaningful.
  const compact = input.trim().replace(/[\s\-().]/g, '');
  const fail = (code: PhoneErrorCode, message: string): PhoneResult => ({
    valid: false,
    normalized: compact,
    errors: [issue(code, message)],
    warnings: [],
    kind: null,
  });

  if (compact === '') return fail('LENGTH', 'Phone number is empty.');
  const bad = /[^0-9+]|(?!^)\+/.exec(compact);
  if (bad) {
    return fail(
      'CHARSET',
      `A phone number may contain only digits, an optional leading +, spaces and hyphens; found ${describeChar(bad[0])}.`,
    );
  }

  let national: string;
  if (compact.startsWith('+') || compact.startsWith('00')) {
    const international = compact.replace(/^(\+|00)/, '');
    if (!international.startsWith('91')) {
      return fail('COUNTRY', 'Only Indian numbers (country code +91) are accepted.');
    }
    // "+91 (0) 22 2345 6789": a trunk 0 after the country code is a common habit, not part of the number.
    national = international.slice(2).replace(/^0(?=[0-9]{10}$)/, '');
  } else if (compact.length === 11 && compact.startsWith('0')) {
    national = compact.slice(1);
  } else if (compact.length === 12 && compact.startsWith('91')) {
    national = compact.slice(2);
  } else {
    national = compact;
  }

  if (national.length !== 10) {
    return fail(
      'LENGTH',
      `An Indian phone number has 10 digits after +91 or the leading 0 (for a landline, STD code and number together); this one has ${national.length}.`,
    );
  }
  if (national.startsWith('0')) {
    return fail('FORMAT', 'After +91 or the leading 0, an Indian phone number cannot start with another 0.');
  }
  return {
    valid: true,
    normalized: `+91${national}`,
    errors: [],
    warnings: [],
    kind: /^[6-9]/.test(national) ? 'mobile' : 'landline',
  };
}
