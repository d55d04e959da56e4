import { formatMoney, type Paise } from '@bizdash/domain/money';
import { SUBTOTAL_ROW_HEIGHT, TABLE_HEADER_HEIGHT, type PartyBlockLayout } from '../../../../platform/pdf/blocks';
import { PAGE } from '../../../../platform/pdf/pdf-document';
import type { InvoiceDocument } from './invoice-document';

/** What every section of the printed invoice shares: the page geometry and how amounts are printed. */

/*
 * Geometry (points from the top of an A4 page). Every page of a document has the table in the same place and the
 * same 10 rows tall, so a printed multi-page invoice reads like a pre-printed form. The party blocks start at
 * PARTY_TOP (lower when the letterhead needs it) and are PARTY_MIN_HEIGHT tall unless a long address needs more:
 * Rule 46 fields are never dropped, so the table then moves down for the whole document (see documentGeometry).
 */
export const LETTERHEAD_TOP = PAGE.margin;
export const PARTY_TOP = 132;
export const PARTY_MIN_HEIGHT = 86;
export const IRN_STRIP = 14;
/** A further line in the IRN strip (the e-way bill under the IRN). */
export const STRIP_LINE = 9;
export const ROW_HEIGHT = 24;
export const tableHeight = (rows: number) => TABLE_HEADER_HEIGHT + 2 * SUBTOTAL_ROW_HEIGHT + rows * ROW_HEIGHT;
export const BOTTOM_BAND_TOP = 688;
/** Lowest y the closing block's left column (words, endorsements, HSN summary) may reach above the bottom band. */
export const CLOSING_LIMIT = BOTTOM_BAND_TOP - 10;
export const HSN_HEADER_HEIGHT = 12.5;
export const HSN_ROW_HEIGHT = 10.5;

/** Where the blocks of every page of one document go; measured once so all pages (and copies) agree. */
export interface Geometry {
  /** Line rows per page: ROWS_PER_PAGE, fewer only when a very long letterhead or address leaves no room. */
  rowsPerPage: number;
  partyTop: number;
  party: PartyBlockLayout;
  irnTop: number;
  tableTop: number;
  tableBottom: number;
  closingTop: number;
}

export const money = (paise: Paise) => formatMoney(paise, { symbol: false });
export const rupees = (paise: Paise) => formatMoney(paise);

/** Which tax columns the table shows, from the regime and whether any line carries cess. */
export function taxColumns(doc: InvoiceDocument): { intra: boolean; cess: boolean } {
  const intra = doc.regime === 'CGST_SGST' || doc.regime === 'CGST_UTGST';
  return { intra, cess: doc.totals.cess > 0 || doc.lines.some((l) => l.cessRateBp > 0) };
}
