import { findState } from '../states';
import { describeChar, issue, type ValidationResult } from './validation-result';

export type PinErrorCode = 'LENGTH' | 'CHARSET' | 'FORMAT';
export type PinWarningCode = 'STATE_MISMATCH';

/** 'unknown' when we have no reliable range for the state, so we never warn about a PIN we cannot judge. */
export type PinStateFit = 'fits' | 'mismatch' | 'unknown';

type PrefixRange = readonly [from: number, to: number];

/**
 * First-three-digit PIN ranges per GST state code. Base: india-compliance `STATE_PINCODE_MAPPING` (constants, commit
 * 57fba91), which follows the e-invoice master codes (gst-rules.md section 2). Ranges are deliberately loose and
 * overlap (Goa 403 sits inside Maharashtra 400–445, Chandigarh 160 inside Punjab), because a false warning costs
 * more than a missed one.
 */
export const PIN_PREFIX_RANGES: Readonly<Record<string, readonly PrefixRange[]>> = {
  '01': [[180, 194]],
  '02': [[171, 177]],
  '03': [[140, 160]],
  // IC @57fba91 has 160 only; a later revision of the table (seen in a downstream copy) adds 140, so we accept both.
  '04': [
    [140, 140],
    [160, 160],
  ],
  '05': [[244, 263]],
  '06': [[121, 136]],
  '07': [[110, 110]],
  '08': [[301, 345]],
  '09': [[201, 285]],
  '10': [[800, 855]],
  '11': [[737, 737]],
  '12': [[790, 792]],
  '13': [[797, 798]],
  '14': [[795, 795]],
  '15': [[796, 796]],
  '16': [[799, 799]],
  '17': [[793, 794]],
  '18': [[781, 788]],
  '19': [[700, 743]],
  '20': [[813, 835]],
  '21': [[751, 770]],
  '22': [[490, 497]],
  '23': [[450, 488]],
  '24': [[360, 396]],
  // Daman 396, Diu 362: the same places as 26, for documents from before the 2020 merger.
  '25': [
    [362, 362],
    [396, 396],
  ],
  '26': [
    [362, 362],
    [396, 396],
  ],
  '27': [[400, 445]],
  // Undivided Andhra Pradesh, so it spans today's Telangana too.
  '28': [[500, 535]],
  '29': [[560, 591]],
  '30': [[403, 403]],
  '31': [[682, 682]],
  '32': [[670, 695]],
  '33': [[600, 643]],
  // Yanam 533, Puducherry 605/607, Karaikal 609, and Mahe 673 (673310), which only the later revision of IC's table has.
  '34': [
    [533, 533],
    [605, 605],
    [607, 607],
    [609, 609],
    [673, 673],
  ],
  '35': [[744, 744]],
  // IC has no Telangana entry; its PINs are 500–509 (Hyderabad circle), from India Post's circle list.
  '36': [[500, 509]],
  // IC keeps AP at 500–535 (it overlaps Telangana); kept loose on purpose.
  '37': [[500, 535]],
  // IC has no Ladakh entry; Leh and Kargil are 194xxx, which J&K (180–194) also covers.
  '38': [[194, 194]],
};

/** The placeholder PIN the e-invoice schema uses for a foreign buyer (gst-rules.md 6.2: `Pin (999999 export)`). */
export const EXPORT_PIN = '999999';

/** Validates the format of a 6-digit PIN; with a state code, a PIN outside that state's ranges gives a warning. */
export function validatePin(
  input: string,
  options: { stateCode?: string } = {},
): ValidationResult<PinErrorCode, PinWarningCode> {
  // "400 001" is how PINs are often printed.
  const normalized = input.replace(/\s/g, '');
  const fail = (code: PinErrorCode, message: string): ValidationResult<PinErrorCode, PinWarningCode> => ({
    valid: false,
    normalized,
    errors: [issue(code, message)],
    warnings: [],
  });

  if (normalized.length !== 6) {
    return fail(
      'LENGTH',
      normalized.length === 0
        ? 'PIN code is empty; it must have 6 digits.'
        : `A PIN code has 6 digits; this one has ${normalized.length}.`,
    );
  }
  const bad = /[^0-9]/.exec(normalized);
  if (bad) return fail('CHARSET', `A PIN code contains only digits; found ${describeChar(bad[0])}.`);
  if (normalized.startsWith('0'))
    return fail('FORMAT', 'A PIN code never starts with 0; the first digit is the postal region (1–9).');

  const warnings =
    options.stateCode !== undefined && pinFitsState(normalized, options.stateCode) === 'mismatch'
      ? [issue('STATE_MISMATCH' as const, mismatchMessage(normalized, options.stateCode))]
      : [];
  return { valid: true, normalized, errors: [], warnings };
}

/** Does the PIN's 3-digit prefix fall in the state's postal ranges? 'unknown' when we cannot say. */
export function pinFitsState(pin: string, stateCode: string): PinStateFit {
  if (!/^[1-9][0-9]{5}$/.test(pin)) return 'unknown';
  if (stateCode === '96') return pin === EXPORT_PIN ? 'fits' : 'mismatch';
  // 9xxxxx is the Army Postal Service, which is not tied to a state.
  if (pin.startsWith('9')) return 'unknown';
  const ranges = PIN_PREFIX_RANGES[stateCode];
  // 97 (Other Territory), 99 and unknown codes have no postal geography we can check.
  if (ranges === undefined) return 'unknown';
  const prefix = Number(pin.slice(0, 3));
  return ranges.some(([from, to]) => prefix >= from && prefix <= to) ? 'fits' : 'mismatch';
}

function mismatchMessage(pin: string, stateCode: string): string {
  if (stateCode === '96') return `Export addresses use the PIN ${EXPORT_PIN} on e-invoices; ${pin} is an Indian PIN.`;
  const name = findState(stateCode)?.name ?? `state ${stateCode}`;
  return `PIN ${pin} does not look like a ${name} PIN code; check the PIN and the state.`;
}
