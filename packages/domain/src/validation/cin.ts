import { describeChar, issue, ordinal, type ValidationResult } from './validation-result';

export type CinErrorCode = 'LENGTH' | 'CHARSET' | 'FORMAT' | 'YEAR';
export type CinWarningCode = 'OWNERSHIP_UNKNOWN' | 'STATE_UNKNOWN' | 'LISTING_MISMATCH';

/** The 3-letter ownership class in a CIN (characters 13–15). */
export const CIN_OWNERSHIP_CLASSES = {
  PLC: 'Public limited company',
  PTC: 'Private limited company',
  GOI: 'Government of India company',
  SGC: 'State government company',
  FLC: 'Public company, subsidiary of a foreign company',
  FTC: 'Private company, subsidiary of a foreign company',
  GAP: 'Public company limited by guarantee (association)',
  GAT: 'Private company limited by guarantee (association)',
  NPL: 'Not-for-profit (section 8) company',
  ULL: 'Unlimited public company',
  ULT: 'Unlimited private company',
  OPC: 'One person company',
} as const;

export type CinOwnership = keyof typeof CIN_OWNERSHIP_CLASSES;

/** Private forms cannot be listed on a stock exchange, so an L prefix with them is suspicious. */
const PRIVATE_OWNERSHIP: ReadonlySet<string> = new Set(['PTC', 'FTC', 'GAT', 'ULT', 'OPC']);

/**
 * ROC state codes seen in CINs. The MCA uses some codes that differ from GST's alpha codes (OR, CT, UR, TG); we also
 * allow the common variants, and an unknown code is only a warning.
 */
const CIN_STATE_CODES: ReadonlySet<string> = new Set(
  (
    'AN AP AR AS BR CH CT CG DL DN DD GA GJ HP HR JH JK KA KL LA LD MH ML MN MP MZ NL OR OD PB PY RJ SK TG TS TN TR ' +
    'UP UR UK UT WB'
  ).split(' '),
);

/** Companies registered in India before this year do not have CINs that make sense; older is a typo. */
const EARLIEST_INCORPORATION_YEAR = 1850;

export interface CinResult extends ValidationResult<CinErrorCode, CinWarningCode> {
  listing: 'listed' | 'unlisted' | null;
  /** 5-digit NIC industry code. */
  industryCode: string | null;
  /** 2-letter ROC state. */
  stateCode: string | null;
  incorporationYear: number | null;
  ownership: string | null;
  /** Label of a known ownership class, else null. */
  ownershipLabel: string | null;
}

/** Layout of a CIN: what each character must be, for messages that point at the broken one. */
const CIN_LAYOUT: readonly { from: number; to: number; pattern: RegExp; rule: string }[] = [
  { from: 0, to: 0, pattern: /[LU]/, rule: 'L (listed) or U (unlisted)' },
  { from: 1, to: 5, pattern: /[0-9]/, rule: 'a digit (characters 2–6 are the industry code)' },
  { from: 6, to: 7, pattern: /[A-Z]/, rule: 'a letter (characters 7–8 are the state)' },
  { from: 8, to: 11, pattern: /[0-9]/, rule: 'a digit (characters 9–12 are the year of incorporation)' },
  { from: 12, to: 14, pattern: /[A-Z]/, rule: 'a letter (characters 13–15 are the ownership class, e.g. PTC)' },
  { from: 15, to: 20, pattern: /[0-9]/, rule: 'a digit (characters 16–21 are the registration number)' },
];

/** Validates a Company Identification Number (21 characters, e.g. U72900KA2015PTC082988) and reads its parts. */
export function validateCin(input: string): CinResult {
  const normalized = input.replace(/[\s-]/g, '').toUpperCase();
  const fail = (code: CinErrorCode, message: string): CinResult => ({
    valid: false,
    normalized,
    errors: [issue(code, message)],
    warnings: [],
    listing: null,
    industryCode: null,
    stateCode: null,
    incorporationYear: null,
    ownership: null,
    ownershipLabel: null,
  });

  if (normalized.length !== 21) {
    return fail(
      'LENGTH',
      normalized.length === 0
        ? 'CIN is empty; it must have 21 characters.'
        : `A CIN has 21 characters; this one has ${normalized.length}.`,
    );
  }
  const bad = /[^0-9A-Z]/.exec(normalized);
  if (bad) return fail('CHARSET', `A CIN may contain only letters and digits; found ${describeChar(bad[0])}.`);
  for (const part of CIN_LAYOUT) {
    for (let i = part.from; i <= part.to; i++) {
      const ch = normalized.charAt(i);
      if (!part.pattern.test(ch)) {
        return fail('FORMAT', `The ${ordinal(i + 1)} character of a CIN must be ${part.rule}; it is '${ch}'.`);
      }
    }
  }

  const year = Number(normalized.slice(8, 12));
  // No upper bound: the domain has no clock, and a future year is rare enough to leave to the registry lookup.
  if (year < EARLIEST_INCORPORATION_YEAR) {
    return fail('YEAR', `Characters 9–12 of a CIN are the year of incorporation; ${year} is not a plausible year.`);
  }

  const listing = normalized.startsWith('L') ? 'listed' : 'unlisted';
  const stateCode = normalized.slice(6, 8);
  const ownership = normalized.slice(12, 15);
  const ownershipLabel = Object.hasOwn(CIN_OWNERSHIP_CLASSES, ownership)
    ? CIN_OWNERSHIP_CLASSES[ownership as CinOwnership] // cast: hasOwn just proved it is a key
    : null;

  const warnings: CinResult['warnings'] = [];
  if (ownershipLabel === null) {
    warnings.push(
      issue(
        'OWNERSHIP_UNKNOWN',
        `'${ownership}' (characters 13–15) is not an ownership class we know, such as PTC or PLC; check the CIN.`,
      ),
    );
  }
  if (!CIN_STATE_CODES.has(stateCode)) {
    warnings.push(
      issue('STATE_UNKNOWN', `'${stateCode}' (characters 7–8) is not a state code we know; check the CIN.`),
    );
  }
  if (listing === 'listed' && PRIVATE_OWNERSHIP.has(ownership)) {
    warnings.push(
      issue(
        'LISTING_MISMATCH',
        `The CIN starts with L (listed) but '${ownership}' is a private form, which cannot be listed; check the first character.`,
      ),
    );
  }
  return {
    valid: true,
    normalized,
    errors: [],
    warnings,
    listing,
    industryCode: normalized.slice(1, 6),
    stateCode,
    incorporationYear: year,
    ownership,
    ownershipLabel,
  };
}

export type LlpinErrorCode = 'LENGTH' | 'FORMAT';

/** Validates an LLP Identification Number (AAA-1234); the hyphen is optional on input and added on output. */
export function validateLlpin(input: string): ValidationResult<LlpinErrorCode> {
  const compact = input.replace(/[\s-]/g, '').toUpperCase();
  const fail = (code: LlpinErrorCode, message: string): ValidationResult<LlpinErrorCode> => ({
    valid: false,
    normalized: compact,
    errors: [issue(code, message)],
    warnings: [],
  });

  if (compact.length !== 7) {
    return fail(
      'LENGTH',
      compact.length === 0
        ? 'LLPIN is empty; it looks like AAA-1234.'
        : 'An LLPIN has 3 letters and 4 digits, like AAB-1234.',
    );
  }
  if (!/^[A-Z]{3}[0-9]{4}$/.test(compact))
    return fail('FORMAT', 'An LLPIN has 3 letters, a hyphen and 4 digits, like AAB-1234.');
  return { valid: true, normalized: `${compact.slice(0, 3)}-${compact.slice(3)}`, errors: [], warnings: [] };
}
