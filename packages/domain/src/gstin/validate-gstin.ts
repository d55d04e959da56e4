import { AppError } from '../errors';
import { findState } from '../states';
import { checkPanComponents, describePanLayoutError } from '../validation/pan';
import { describeChar, issue, type ValidationIssue } from '../validation/validation-result';

/**
 * GSTIN validation, following the pipeline of gst-rules.md 1.4 (which is what gstin-vectors.json encodes):
 * normalise, then LENGTH, CHARSET, FORMAT, STATE_CODE, PAN, CHECKSUM.
 */

/** The checks in the order they run; `errors[0]` is always the first failing one (STATE_CODE_RETIRED counts as STATE_CODE). */
export const GSTIN_CHECK_ORDER = ['LENGTH', 'CHARSET', 'FORMAT', 'STATE_CODE', 'PAN', 'CHECKSUM'] as const;

export type GstinErrorCode =
  /** Not 15 characters after trimming. */
  | 'LENGTH'
  /** A character outside 0-9 and A-Z. */
  | 'CHARSET'
  /** Matches none of the GSTIN patterns (regular, TDS, TCS, UIN, NRI, OIDAR, government department). */
  | 'FORMAT'
  /** The first two digits are not a state code that can start a GSTIN. */
  | 'STATE_CODE'
  /** 25 (Daman and Diu) or 28 (undivided Andhra Pradesh): accepted only on documents dated before 2020-08-01. */
  | 'STATE_CODE_RETIRED'
  /** The embedded PAN has an unknown holder type or a 0000 serial. */
  | 'PAN'
  /** The 15th character is not the Luhn mod 36 check character of the first 14. */
  | 'CHECKSUM';

/**
 * What the number's format says about the holder. Composition, SEZ, ISD and deemed-export registrations use the
 * regular format, so they come back as 'regular': their category is master data, not part of the number.
 */
export type GstinKind = 'regular' | 'government' | 'tds' | 'tcs' | 'uin' | 'nri' | 'oidar';

export interface GstinValidation {
  valid: boolean;
  /** Trimmed and upper-cased input, whether valid or not. */
  normalized: string;
  /** Null unless valid. */
  kind: GstinKind | null;
  /** The first two characters once the length and character set are right (even if they are not a real code). */
  stateCode: string | null;
  stateName: string | null;
  /** The embedded PAN for the regular and TCS kinds when valid; TDS and government IDs embed a TAN, the rest none. */
  pan: string | null;
  errors: ValidationIssue<GstinErrorCode>[];
}

export interface ValidateGstinOptions {
  /**
   * ISO date (YYYY-MM-DD) of the document the GSTIN appears on. Retired state codes 25 and 28 are accepted only on
   * documents dated before 2020-08-01 (gst-rules.md 1.4 step 5); without a date they are rejected.
   */
  documentDate?: string;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Daman and Diu GSTINs were re-issued under 26 with effect from this date (gst-rules.md section 2). */
const RETIRED_STATE_CODES_VALID_BEFORE = '2020-08-01';
const RETIRED_MESSAGES: Readonly<Record<string, string>> = {
  '25': 'State code 25 (Daman and Diu) was retired: these GSTINs were re-issued under 26 from 01-08-2020. Ask the party for the new GSTIN.',
  '28': 'State code 28 belongs to Andhra Pradesh before its 2014 division; Andhra Pradesh registers under 37. Ask the party for the current GSTIN.',
};

/**
 * Patterns from india-compliance `gst_india/constants/__init__.py` (gst-rules.md 1.2), tried in this order. TDS must
 * precede regular because the regular pattern's 14th-character class [Z1-9ABD-J] contains D. NRI and government
 * department IDs are in the same IC file (OVERSEAS and REGISTERED) though the doc's table leaves them out.
 */
const KIND_PATTERNS: readonly (readonly [GstinKind, RegExp])[] = [
  ['tds', /^[0-9]{2}[A-Z]{4}[A-Z0-9][0-9]{4}[A-Z][1-9A-Z]D[0-9A-Z]$/],
  ['tcs', /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]C[0-9A-Z]$/],
  ['regular', /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z][Z1-9ABD-J][0-9A-Z]$/],
  ['government', /^[0-9]{2}[A-Z]{4}[0-9]{5}[A-Z][0-9]Z[0-9]$/],
  ['uin', /^[0-9]{4}[A-Z]{3}[0-9]{5}[UO]N[0-9A-Z]$/],
  ['nri', /^[0-9]{4}[A-Z]{3}[0-9]{5}NR[0-9A-Z]$/],
  ['oidar', /^99[0-9]{2}[A-Z]{3}[0-9]{5}OS[0-9A-Z]$/],
];

/** Kinds whose characters 3–12 are a PAN; step 6 of the pipeline checks it only for these. */
const PAN_KINDS: ReadonlySet<GstinKind> = new Set(['regular', 'tcs']);
const PAN_IN_GSTIN = { name: 'GSTIN', offset: 2 };

/** The Luhn mod 36 check character for the first 14 characters of a GSTIN (gst-rules.md 1.3). */
export function gstinCheckChar(first14: string): string {
  if (!/^[0-9A-Z]{14}$/.test(first14)) {
    throw new AppError('VALIDATION_FAILED', 'The check character needs exactly 14 characters from 0-9 and A-Z.', {
      field: 'gstin',
    });
  }
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    // Odd positions (1-based) weigh 1, even positions 2; "adding the digits" in base 36 is quotient + remainder.
    const product = ALPHABET.indexOf(first14.charAt(i)) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return ALPHABET.charAt((36 - (sum % 36)) % 36);
}

/** Validates a GSTIN (or UIN/OIDAR ID) and reads its kind, state and PAN; the GET /api/v1/gstin/{gstin} body. */
export function validateGstin(input: string, options: ValidateGstinOptions = {}): GstinValidation {
  // gst-rules.md 1.4 step 1 normalises by trimming and upper-casing only; inner spaces stay and fail CHARSET.
  const normalized = input.trim().toUpperCase();
  const result: GstinValidation = {
    valid: false,
    normalized,
    kind: null,
    stateCode: null,
    stateName: null,
    pan: null,
    errors: [],
  };
  const errors = result.errors;

  if (normalized.length !== 15) {
    errors.push(
      issue(
        'LENGTH',
        normalized.length === 0
          ? 'GSTIN is empty; it must have 15 characters.'
          : `A GSTIN has 15 characters; this one has ${normalized.length}.`,
      ),
    );
  }
  const badChar = /[^0-9A-Z]/.exec(normalized);
  if (badChar) {
    errors.push(
      issue('CHARSET', `A GSTIN may contain only the letters A–Z and digits 0–9; found ${describeChar(badChar[0])}.`),
    );
  }
  // Past this point every check needs 15 characters from the alphabet.
  if (errors.length > 0) return result;

  const stateCode = normalized.slice(0, 2);
  result.stateCode = stateCode;
  result.stateName = findState(stateCode)?.name ?? null;

  const kind = KIND_PATTERNS.find(([, pattern]) => pattern.test(normalized))?.[0] ?? null;
  if (kind === null) errors.push(issue('FORMAT', describeFormatError(normalized)));

  const stateError = checkStateCode(stateCode, options.documentDate);
  if (stateError !== null) errors.push(stateError);

  if (kind !== null && PAN_KINDS.has(kind)) {
    const panErrors = checkPanComponents(normalized.slice(2, 12), PAN_IN_GSTIN);
    // One PAN error per GSTIN keeps codes unique; its message carries every broken PAN rule.
    if (panErrors.length > 0) errors.push(issue('PAN', panErrors.map((e) => e.message).join(' ')));
  }

  const expected = gstinCheckChar(normalized.slice(0, 14));
  if (normalized.charAt(14) !== expected) {
    // Naming the expected character would invite "fixing" the last character when the typo is elsewhere.
    errors.push(
      issue(
        'CHECKSUM',
        'The last character (the check character) does not match the first 14 characters, so one of them is probably mistyped.',
      ),
    );
  }

  if (errors.length === 0) {
    result.valid = true;
    result.kind = kind;
    result.pan = kind !== null && PAN_KINDS.has(kind) ? normalized.slice(2, 12) : null;
  }
  return result;
}

function checkStateCode(code: string, documentDate: string | undefined): ValidationIssue<GstinErrorCode> | null {
  if (!/^[0-9]{2}$/.test(code)) {
    return issue('STATE_CODE', `A GSTIN starts with a two-digit state code; '${code}' is not one.`);
  }
  const state = findState(code);
  if (state === undefined) {
    return issue('STATE_CODE', `'${code}' is not a GST state code; a GSTIN starts with 01–38, 97 or 99.`);
  }
  if (code === '96') {
    return issue(
      'STATE_CODE',
      'State code 96 (Other Countries) is the place-of-supply code for exports; no GSTIN starts with it.',
    );
  }
  // states.ts marks the retired codes (25, 28) as not current; gst-rules.md 1.4 step 5 accepts them on old documents.
  if (!state.isCurrent) {
    if (documentDate !== undefined && isBefore(documentDate, RETIRED_STATE_CODES_VALID_BEFORE)) return null;
    return issue('STATE_CODE_RETIRED', RETIRED_MESSAGES[code] ?? `State code ${code} (${state.name}) is retired.`);
  }
  return null;
}

function isBefore(isoDate: string, limit: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(isoDate)) {
    throw new AppError('VALIDATION_FAILED', `documentDate must be an ISO date (YYYY-MM-DD), got '${isoDate}'.`, {
      field: 'documentDate',
    });
  }
  // Same-width ISO dates compare correctly as strings.
  return isoDate < limit;
}

/**
 * Explains a FORMAT failure. Most inputs are meant to be regular GSTINs, so name the first position that breaks the
 * regular layout; inputs that look like UIN/OIDAR IDs (digits in positions 3–4) get a general message instead.
 */
function describeFormatError(gstin: string): string {
  if (/^[0-9]{4}/.test(gstin)) {
    return 'This does not match any GSTIN pattern: it starts like a UIN or OIDAR ID (4 digits), which continue with 3 letters, 5 digits and end in UN, ON, NR or OS plus a check character.';
  }
  if (!/^[0-9]{2}/.test(gstin)) {
    return 'A GSTIN starts with the two-digit state code, then the 10-character PAN.';
  }
  const panError = describePanLayoutError(gstin.slice(2, 12), PAN_IN_GSTIN);
  if (panError !== null) return panError;
  const entity = gstin.charAt(12);
  if (!/[1-9A-Z]/.test(entity)) {
    return `The 13th character is the registration number for this PAN in the state and must be 1–9 or A–Z, never ${describeChar(entity)}.`;
  }
  return `The 14th character must be Z, 1–9 or A–J (usually Z; C marks an e-commerce operator, D a tax deductor); ${describeChar(gstin.charAt(13))} is not allowed.`;
}
