import { AppError } from './errors';
import { parseFinancialYear, type FinancialYear } from './fiscal-year';

/** Rule 46(b): an invoice number has at most 16 characters. */
export const INVOICE_NUMBER_MAX_LENGTH = 16;

/** Rule 46(b) as a pattern: letters, digits, "-" and "/" only, 1–16 characters (gst-rules.md 5.2). */
export const RULE46_INVOICE_NUMBER_PATTERN = '^[A-Za-z0-9/-]{1,16}$';

/**
 * What BizDash issues: Rule 46(b), plus the IRP rule that a document number does not start with 0, "/" or "-", plus
 * upper case only because the early IRP schema accepted nothing else. It passes Rule 46, the IRP and
 * india-compliance alike (5.2). Normalise user input with normalizeInvoiceNumber before checking it.
 */
export const RECOMMENDED_INVOICE_NUMBER_PATTERN = '^[A-Z1-9][A-Z0-9/-]{0,15}$';

const RULE46_RE = new RegExp(RULE46_INVOICE_NUMBER_PATTERN);
const RECOMMENDED_RE = new RegExp(RECOMMENDED_INVOICE_NUMBER_PATTERN);
const ALLOWED_CHAR_RE = /^[A-Za-z0-9/-]*$/;

/** Why a number fails the recommended form. */
export type InvoiceNumberProblem = 'EMPTY' | 'TOO_LONG' | 'BAD_CHARACTER' | 'BAD_FIRST_CHARACTER' | 'LOWER_CASE';

/** True when the number meets Rule 46(b) itself (lower case and a leading 0, "/" or "-" allowed). */
export function isRule46InvoiceNumber(number: string): boolean {
  return RULE46_RE.test(number);
}

/** True when the number has the form BizDash issues (RECOMMENDED_INVOICE_NUMBER_PATTERN). */
export function isRecommendedInvoiceNumber(number: string): boolean {
  return RECOMMENDED_RE.test(number);
}

/** Trims and upper-cases a typed number; Rule 46 does not distinguish case, and the IRP once accepted only upper. */
export function normalizeInvoiceNumber(number: string): string {
  return number.trim().toUpperCase();
}

/** The first reason `number` is not in the recommended form, or null when it is. */
export function invoiceNumberProblem(number: string): InvoiceNumberProblem | null {
  if (number.length === 0) return 'EMPTY';
  if (number.length > INVOICE_NUMBER_MAX_LENGTH) return 'TOO_LONG';
  if (!ALLOWED_CHAR_RE.test(number)) return 'BAD_CHARACTER';
  if (number !== number.toUpperCase()) return 'LOWER_CASE';
  if (!RECOMMENDED_RE.test(number)) return 'BAD_FIRST_CHARACTER';
  return null;
}

/** Throws VALIDATION_FAILED (details: field, problem) unless `number` is in the recommended form. */
export function assertInvoiceNumber(number: string, field = 'number'): void {
  const problem = invoiceNumberProblem(number);
  if (problem !== null) throw new AppError('VALIDATION_FAILED', PROBLEM_MESSAGES[problem], { field, problem, number });
}

const PROBLEM_MESSAGES: Readonly<Record<InvoiceNumberProblem, string>> = {
  EMPTY: 'invoice number is empty',
  TOO_LONG: `invoice number has more than ${INVOICE_NUMBER_MAX_LENGTH} characters (Rule 46(b))`,
  BAD_CHARACTER: 'invoice number may contain only letters, digits, "-" and "/" (Rule 46(b))',
  LOWER_CASE: 'invoice number must be upper case',
  BAD_FIRST_CHARACTER: 'invoice number must not start with 0, "/" or "-" (IRP rule)',
};

export interface SeriesValues {
  /** The financial year, or its label ("2025-26"). */
  fy: FinancialYear | string;
  /** Position in the series, from 1. */
  seq: number;
}

type SeriesPart =
  { kind: 'text'; text: string } | { kind: 'fy' } | { kind: 'fyShort' } | { kind: 'seq'; width: number };

const TOKEN_RE = /\{([^{}]*)\}/g;
const SEQ_TOKEN_RE = /^SEQ(?::([1-9]|1[0-6]))?$/;

/**
 * Renders a number of a series: renderSeries('INV/{FY}/{SEQ:4}', { fy: '2025-26', seq: 7 }) = "INV/2025-26/0007".
 * Tokens: {FY} "2025-26", {FY:SHORT} "25-26", {SEQ} the sequence, {SEQ:n} zero-padded to n digits. Refuses
 * (VALIDATION_FAILED, field "template") a result over 16 characters or outside the recommended form, rather
 * than issue a number the IRP or GSTR-1 would reject.
 */
export function renderSeries(template: string, values: SeriesValues): string {
  const parts = parseSeriesTemplate(template);
  const { seq } = values;
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new AppError('VALIDATION_FAILED', 'series sequence must be a whole number from 1', { field: 'seq', seq });
  }
  const fy = typeof values.fy === 'string' ? parseFinancialYear(values.fy, 'fy') : values.fy;
  let number = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'text':
        number += part.text;
        break;
      case 'fy':
        number += fy.label;
        break;
      case 'fyShort':
        number += fy.shortLabel;
        break;
      case 'seq':
        number += String(seq).padStart(part.width, '0');
        break;
      default:
        return assertNever(part);
    }
  }
  const problem = invoiceNumberProblem(number);
  if (problem !== null) {
    throw new AppError('VALIDATION_FAILED', `series renders "${number}": ${PROBLEM_MESSAGES[problem]}`, {
      field: 'template',
      problem,
      number,
    });
  }
  return number;
}

/**
 * The largest sequence number the template can render within 16 characters for `fy` (0 when none fits), so the
 * UI can warn before a series runs out.
 */
export function maxSeriesSequence(template: string, fy: FinancialYear | string): number {
  const parts = parseSeriesTemplate(template);
  const year = typeof fy === 'string' ? parseFinancialYear(fy, 'fy') : fy;
  let fixed = 0;
  let width = 1;
  for (const part of parts) {
    if (part.kind === 'text') fixed += part.text.length;
    else if (part.kind === 'fy') fixed += year.label.length;
    else if (part.kind === 'fyShort') fixed += year.shortLabel.length;
    else width = Math.max(part.width, 1);
  }
  const digits = INVOICE_NUMBER_MAX_LENGTH - fixed;
  // A bare {SEQ} leaves 16 digits, more than a safe integer holds; renderSeries takes safe integers only.
  return digits < width ? 0 : Math.min(10 ** digits - 1, Number.MAX_SAFE_INTEGER);
}

function parseSeriesTemplate(template: string): SeriesPart[] {
  const parts: SeriesPart[] = [];
  let seqCount = 0;
  let last = 0;
  for (const match of template.matchAll(TOKEN_RE)) {
    const index = match.index;
    pushText(parts, template.slice(last, index));
    last = index + match[0].length;
    const token = (match[1] ?? '').toUpperCase();
    const seqMatch = SEQ_TOKEN_RE.exec(token);
    if (token === 'FY') parts.push({ kind: 'fy' });
    else if (token === 'FY:SHORT') parts.push({ kind: 'fyShort' });
    else if (seqMatch) {
      seqCount++;
      parts.push({ kind: 'seq', width: Number(seqMatch[1] ?? '1') });
    } else throw badTemplate(`unknown token {${match[1] ?? ''}}`);
  }
  pushText(parts, template.slice(last));
  // Exactly one sequence: without it every number would repeat, with two the series would not be consecutive.
  if (seqCount !== 1) throw badTemplate('a series template needs exactly one {SEQ} or {SEQ:n} token');
  return parts;
}

function pushText(parts: SeriesPart[], text: string): void {
  if (text.includes('{') || text.includes('}')) throw badTemplate('unbalanced "{" or "}" in the series template');
  if (text !== '') parts.push({ kind: 'text', text });
}

function badTemplate(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { field: 'template' });
}

function assertNever(value: never): never {
  throw new Error(`unexpected series part ${JSON.stringify(value)}`);
}

const SERIES_PREFIX: Readonly<Record<string, string>> = {
  invoice: 'INV',
  bill_of_supply: 'BOS',
  credit_note: 'CN',
  debit_note: 'DN',
  proforma: 'PI',
  delivery_challan: 'DC',
  quotation: 'QT',
};

/**
 * The template a series starts with when settings have none for its registration and year, so the first issue of a
 * year never fails. The primary GSTIN keeps the short form ("INV/2025-26/0001"); a further registration's numbers
 * carry its state code ("INV07/25-26/0001") so that no two documents of the business share a number, although
 * Rule 46(b) would allow it across GSTINs. Both render at most 16 characters up to sequence 9999.
 * `furtherStateCode` is null for the primary registration.
 */
export function defaultSeriesTemplate(documentType: string, furtherStateCode: string | null): string {
  const prefix = SERIES_PREFIX[documentType] ?? 'DOC';
  return furtherStateCode === null ? `${prefix}/{FY}/{SEQ:4}` : `${prefix}${furtherStateCode}/{FY:SHORT}/{SEQ:4}`;
}
