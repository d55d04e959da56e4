import { AppError } from '../errors';
import { parseFinancialYear } from '../fiscal-year';

/** e-invoice document types (6.2 `DocDtls.Typ`). */
export const IRN_DOC_TYPES = ['INV', 'CRN', 'DBN'] as const;
export type IrnDocType = (typeof IRN_DOC_TYPES)[number];

export interface IrnFields {
  /** Supplier GSTIN, exactly as sent to the IRP (not validated here: the NIC sandbox uses invalid ones). */
  sellerGstin: string;
  /** Financial-year label "YYYY-YY" of the document date. */
  financialYear: string;
  docType: IrnDocType;
  docNo: string;
}

/** The string the IRN hashes: GSTIN + FY + document type + number, with no separators (gst-rules.md 6.3). */
export function irnHashInput(fields: IrnFields): string {
  const { sellerGstin, financialYear, docType, docNo } = fields;
  parseFinancialYear(financialYear, 'financialYear');
  if (!(IRN_DOC_TYPES as readonly string[]).includes(docType)) {
    throw new AppError('VALIDATION_FAILED', `unknown document type ${String(docType)}`, { field: 'docType' });
  }
  if (sellerGstin === '' || docNo === '') {
    throw new AppError('VALIDATION_FAILED', 'GSTIN and document number are required for an IRN', {
      field: sellerGstin === '' ? 'sellerGstin' : 'docNo',
    });
  }
  return `${sellerGstin}${financialYear}${docType}${docNo}`;
}

/**
 * The IRN the IRP will assign: lower-case hex SHA-256 of irnHashInput (6.3). Uses Web Crypto, present in Node 20
 * and browsers alike, so the domain package stays dependency-free; hence async.
 */
export async function computeIrn(fields: IrnFields): Promise<string> {
  const bytes = new TextEncoder().encode(irnHashInput(fields));
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
