import { fieldLabel } from './audit-labels';
import {
  PLACEHOLDER,
  formatAmount,
  formatDate,
  formatDateTime,
  formatFileSize,
  formatNumber,
  formatPaise,
  isIsoDate,
} from '../../lib/format';

/**
 * Stored audit values as people read them. Pure, so the rules are unit-tested (audit-values.test.ts) and shared by
 * the History panel and the audit log's drawer.
 */

/** What the server writes in place of a value the reader may not see (contracts/visibility REDACTED). */
export const REDACTED = '[redacted]';
export const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const CODE_RE = /^[a-z]+(?:_[a-z]+)*$/;
export const MONEY_STRING_RE = /^-?\d+(?:\.\d+)?$/;

/** Fields holding a code (an enum), shown as words: "tax_invoice" → "Tax invoice". */
const CODE_FIELDS =
  /^(stage|status|type|kind|role|roles|priority|direction|mode|category|regime|gst_?registration_?type|gstRegistrationType|source|payment_?status|paymentStatus|settlement_?basis|basis)$/i;
/**
 * Money fields by name; numbers there are paise (as every module records them), strings rupees. Order money writes
 * "allocated" (receipt applied) and "partnerShare"/"businessShare" (settlement approved) as rupee strings.
 */
const MONEY_FIELDS =
  /amount|fees?$|charges?$|price|balance|total|taxable|paise|credit_?limit|revenue|allocated|share$/i;
/** Percentages recorded as decimal strings ("sharePercent": "40.00"). */
const PERCENT_FIELDS = /(percent|pct)$/i;
/** Stored files: an object the upload recorded ({ key, name, sizeBytes, … }) or the storage key alone. */
const FILE_FIELDS = /^(attachment|file|file_?key|fileKey|logo)$/i;
/** Words in codes that are abbreviations ("upi" → "UPI", not "Upi"). */
const CODE_ACRONYMS = new Set(['upi', 'gst', 'igst', 'neft', 'rtgs', 'imps', 'tds', 'pan', 'sez', 'lut', 'api']);

/** What a reader of one entry needs to turn stored values into the app's words. */
export interface AuditValueContext {
  /** "field:id" → name, from the server (entry.refNames). */
  refNames?: Record<string, string> | undefined;
}

const humanise = (code: string) => {
  const text = code
    .split('_')
    .map((word) => (CODE_ACRONYMS.has(word) ? word.toUpperCase() : word))
    .join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** The last segment of a storage key: "uploads/acme/ord-17/receipt-4-ab12.pdf" → "receipt-4-ab12.pdf". */
const baseName = (key: string) => key.split('/').pop() ?? key;

/**
 * A stored file as its name and size, never its storage key, hash or media type: "deed.pdf (12.4 KB)".
 * Null when the value does not look like a file record.
 */
function fileText(value: unknown): string | null {
  if (typeof value === 'string') return baseName(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const file = value as Record<string, unknown>; // a plain object, checked above
  const name =
    typeof file.name === 'string' && file.name
      ? file.name
      : typeof file.key === 'string' && file.key
        ? baseName(file.key)
        : null;
  if (name === null) return null;
  return typeof file.sizeBytes === 'number' ? `${name} (${formatFileSize(file.sizeBytes)})` : name;
}

/**
 * A stored value as text, formatted as the rest of the app formats it: ₹ amounts, dd-mm-yyyy dates, names for ids,
 * words for codes, lists joined. Null when there is nothing to show.
 */
export function auditValueText(field: string, value: unknown, context: AuditValueContext = {}): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    const parts = value.map((v) => auditValueText(field, v, context) ?? PLACEHOLDER);
    return parts.join(', ');
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (FILE_FIELDS.test(field)) {
    const file = fileText(value);
    if (file !== null) return file;
  }
  if (typeof value === 'number') {
    const name = context.refNames?.[`${field}:${value}`];
    if (name) return name;
    if (/bp$/i.test(field)) return `${formatNumber(value / 100)}%`;
    if (MONEY_FIELDS.test(field) && Number.isSafeInteger(value)) return formatPaise(value);
    return formatNumber(value);
  }
  if (typeof value === 'string') {
    if (value === REDACTED || value === '***') return null;
    if (isIsoDate(value)) return formatDate(value);
    if (INSTANT_RE.test(value)) return formatDateTime(value);
    if (PERCENT_FIELDS.test(field) && MONEY_STRING_RE.test(value)) return `${formatNumber(Number(value))}%`;
    if (MONEY_FIELDS.test(field) && MONEY_STRING_RE.test(value)) return formatAmount(value);
    if (CODE_FIELDS.test(field) && CODE_RE.test(value)) return humanise(value);
    return value;
  }
  if (typeof value === 'object') {
    // A nested record (an address): its filled fields as "Label: value".
    const parts = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => {
        const text = auditValueText(k, v, context);
        return text === null ? null : `${fieldLabel(k)}: ${text}`;
      })
      .filter((part): part is string => part !== null);
    return parts.length > 0 ? parts.join(' · ') : null;
  }
  return String(value);
}
