import { AppError } from './errors';

/**
 * GST state and union-territory codes (gst-rules.md section 2). E-invoice and GSTR JSON carry only the two-digit
 * code; names and alpha codes are for display.
 */
export interface GstState {
  code: string;
  name: string;
  alpha: string | null;
  /** Intra-state supplies levy CGST+UTGST here instead of CGST+SGST (UTs without a legislature). */
  isUtgst: boolean;
  /** May a new registration, a party address or a place of supply use it? Legacy codes may not. */
  isCurrent: boolean;
  /** Special codes that are not a state: 96 (other countries, exports) and 99 (centre jurisdiction). */
  isSpecial: boolean;
}

function s(code: string, name: string, alpha: string | null, isUtgst = false, isCurrent = true, isSpecial = false) {
  return { code, name, alpha, isUtgst, isCurrent, isSpecial } satisfies GstState;
}

export const GST_STATES: readonly GstState[] = [
  s('01', 'Jammu and Kashmir', 'JK'),
  s('02', 'Himachal Pradesh', 'HP'),
  s('03', 'Punjab', 'PB'),
  s('04', 'Chandigarh', 'CH', true),
  s('05', 'Uttarakhand', 'UK'),
  s('06', 'Haryana', 'HR'),
  s('07', 'Delhi', 'DL'),
  s('08', 'Rajasthan', 'RJ'),
  s('09', 'Uttar Pradesh', 'UP'),
  s('10', 'Bihar', 'BR'),
  s('11', 'Sikkim', 'SK'),
  s('12', 'Arunachal Pradesh', 'AR'),
  s('13', 'Nagaland', 'NL'),
  s('14', 'Manipur', 'MN'),
  s('15', 'Mizoram', 'MZ'),
  s('16', 'Tripura', 'TR'),
  s('17', 'Meghalaya', 'ML'),
  s('18', 'Assam', 'AS'),
  s('19', 'West Bengal', 'WB'),
  s('20', 'Jharkhand', 'JH'),
  s('21', 'Odisha', 'OD'),
  s('22', 'Chhattisgarh', 'CG'),
  s('23', 'Madhya Pradesh', 'MP'),
  s('24', 'Gujarat', 'GJ'),
  // Daman and Diu merged into 26 on 26-01-2020; its GSTINs were re-issued as 26… from 01-08-2020.
  s('25', 'Daman and Diu (merged into 26)', 'DD', true, false),
  s('26', 'Dadra and Nagar Haveli and Daman and Diu', 'DN', true),
  s('27', 'Maharashtra', 'MH'),
  // Andhra Pradesh registers under 37 since the 2014 bifurcation; 28 survives only in code lists.
  s('28', 'Andhra Pradesh (before division)', 'AP', false, false),
  s('29', 'Karnataka', 'KA'),
  s('30', 'Goa', 'GA'),
  s('31', 'Lakshadweep', 'LD', true),
  s('32', 'Kerala', 'KL'),
  s('33', 'Tamil Nadu', 'TN'),
  s('34', 'Puducherry', 'PY'),
  s('35', 'Andaman and Nicobar Islands', 'AN', true),
  s('36', 'Telangana', 'TS'),
  s('37', 'Andhra Pradesh', 'AD'),
  s('38', 'Ladakh', 'LA', true),
  s('96', 'Other Countries', null, false, true, true),
  s('97', 'Other Territory', 'OT', true),
  s('99', 'Centre Jurisdiction', null, false, true, true),
];

const BY_CODE = new Map(GST_STATES.map((state) => [state.code, state]));

/** The state for a two-digit code, or undefined. */
export function findState(code: string): GstState | undefined {
  return BY_CODE.get(code);
}

/** States a business or party address may be in (current, not the special codes). */
export const ADDRESS_STATES: readonly GstState[] = GST_STATES.filter((st) => st.isCurrent && !st.isSpecial);

export function isAddressStateCode(code: string): boolean {
  const state = BY_CODE.get(code);
  return state !== undefined && state.isCurrent && !state.isSpecial;
}

/** A state code that a reorganisation retired: documents dated from `from` on use `use` instead (section 2). */
export interface RetiredStateCode {
  code: string;
  /** First date (yyyy-mm-dd) on which the code is no longer valid on a new document. */
  from: string;
  /** The code that replaced it. */
  use: string;
  reason: string;
}

const RETIRED: ReadonlyMap<string, RetiredStateCode> = new Map(
  [
    {
      code: '25',
      from: '2020-01-26',
      use: '26',
      reason: 'Daman and Diu merged into Dadra and Nagar Haveli and Daman and Diu on 26-01-2020',
    },
    {
      code: '28',
      // The bifurcation came into force on 02-06-2014, before GST: no GST document may name 28.
      from: '2014-06-02',
      use: '37',
      reason: 'Andhra Pradesh has registered under 37 since its division on 02-06-2014',
    },
  ].map((r) => [r.code, r]),
);

/** The retirement of a code, or undefined for a code still in force (or unknown). */
export function retiredStateCode(code: string): RetiredStateCode | undefined {
  return RETIRED.get(code);
}

/**
 * Refuses a retired state code on a document dated on or after its retirement, naming the code to use. Documents
 * dated before keep theirs, and notes follow their original (they never come through here with a new code).
 * Throws VALIDATION_FAILED with `{ field, code, use }`.
 */
export function assertStateCodeInForce(code: string, date: string, field: string): void {
  const retired = RETIRED.get(code);
  if (!retired || date < retired.from) return;
  throw new AppError(
    'VALIDATION_FAILED',
    `${field}: state code ${code} is retired for documents dated from ${retired.from} (${retired.reason}); use ${retired.use}`,
    { field, code, use: retired.use },
  );
}
