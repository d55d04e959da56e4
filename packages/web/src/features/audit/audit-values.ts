import { fieldLabel } from './audit-labels';
import {
  PLACEHOLDER,
  formatAmount,
  formatDate,
  formatDateTime,
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
  /^(stage|status|type|kind|role|roles|priority|direction|mode|regime|gst_?registration_?type|gstRegistrationType|source|payment_?status|paymentStatus)$/i;
/** Money fields by name; numbers there are paise (as every module records them), strings rupees. */
const MONEY_FIELDS = /amount|fees?$|charges?$|price|balance|total|taxable|paise|credit_?limit|revenue/i;

/** What a reader of one entry needs to turn stored values into the app's words. */
export interface AuditValueContext {
  /** "field:id" → name, from the server (entry.refNames). */
  refNames?: Record<string, string> | undefined;
}

const humanise = (code: string) => {
  const text = code.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

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
