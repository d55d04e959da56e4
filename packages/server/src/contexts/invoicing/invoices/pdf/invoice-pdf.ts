import {
  drawLetterhead,
  drawTableFrame,
  drawTableHeader,
  drawTableRow,
  partyBlockLayout,
  SUBTOTAL_ROW_HEIGHT,
} from '../../../../platform/pdf/blocks';
import {
  addPage,
  COLORS,
  CONTENT_WIDTH,
  createPdf,
  finishPdf,
  PAGE,
  textBox,
} from '../../../../platform/pdf/pdf-document';
import { ROWS_PER_PAGE } from '../../../../platform/pdf/table-pages';
import { DOCUMENT_TITLES, type InvoiceDocument } from './invoice-document';
import { hsnSummary, layoutInvoice } from './invoice-layout';
import { annexItems, drawAnnex, paginateAnnex } from './invoice-pdf-annex';
import { closingTextsHeight, drawClosing, hsnRowsThatFit } from './invoice-pdf-closing';
import {
  CLOSING_LIMIT,
  IRN_STRIP,
  LETTERHEAD_TOP,
  PARTY_MIN_HEIGHT,
  PARTY_TOP,
  ROW_HEIGHT,
  STRIP_LINE,
  tableHeight,
  type Geometry,
} from './invoice-pdf-common';
import { drawPageFrame, letterheadInput, partyBlocks } from './invoice-pdf-parties';
import { buildColumns, lineCells, sumCells } from './invoice-pdf-table';
import { drawHsnTable, hsnTotal, totalsHeight } from './invoice-pdf-tax';

/*
 * The printed invoice, one file per section: invoice-pdf-parties (letterhead, parties, strip, footer),
 * invoice-pdf-table (line table), invoice-pdf-tax (HSN summary, totals), invoice-pdf-closing (closing block and
 * bottom band), invoice-pdf-annex (texts in full); this file measures the geometry and puts the pages together.
 */
export { cessRateText } from './invoice-pdf-table';
export { countryName, ewayBillLine, exportEndorsement, lutLine } from './invoice-pdf-parties';

/** Rule 48: the copies of a tax invoice, each marked with whom it is for. */
export const INVOICE_COPIES = ['original', 'duplicate', 'triplicate'] as const;
export type InvoiceCopy = (typeof INVOICE_COPIES)[number];

/**
 * The marking of a copy. Rule 48(1) (goods): original for recipient, duplicate for transporter, triplicate for
 * supplier. Rule 48(2) (services) has no transporter: its duplicate is the supplier's.
 */
export function copyLabel(copy: InvoiceCopy, servicesOnly: boolean): string {
  switch (copy) {
    case 'original':
      return 'Original for recipient';
    case 'duplicate':
      return servicesOnly ? 'Duplicate for supplier' : 'Duplicate for transporter';
    case 'triplicate':
      return 'Triplicate for supplier';
  }
}

export interface RenderInvoiceOptions {
  /** Copies to print, one after the other, each with all its pages; default the original only. */
  copies?: readonly InvoiceCopy[];
}

/**
 * Measures the letterhead and the party blocks on a throw-away page, so every page of every copy puts the table in
 * the same place, below a letterhead or an address that needed more room than usual.
 */
async function documentGeometry(doc: InvoiceDocument): Promise<Geometry> {
  const probe = await createPdf({ title: 'measure', author: 'BizDash', creationDate: doc.issuedAt });
  addPage(probe);
  const letterheadBottom = drawLetterhead(probe, letterheadInput(doc, copyLabel('original', false)), LETTERHEAD_TOP);
  const partyTop = Math.max(PARTY_TOP, letterheadBottom);
  const party = partyBlockLayout(probe, partyBlocks(doc), PARTY_MIN_HEIGHT, 'grow');
  const irnTop = partyTop + party.height + 4;
  // The IRN strip only when there is an IRN or an e-way bill: otherwise the lines start right under the party blocks.
  // With both an IRN and an e-way bill the strip takes a second line (the IRN line leaves no room beside it).
  const strip = (doc.irn ? 1 : 0) + (doc.ewayBill ? 1 : 0);
  const tableTop = strip > 0 ? irnTop + IRN_STRIP + (strip - 1) * STRIP_LINE : irnTop + 2;
  // The closing block needs its totals and texts (the HSN summary can move to a page of its own); the table gives up
  // rows when it must, never the closing block its room.
  const closingNeed = Math.max(totalsHeight(doc), closingTextsHeight(probe, doc) + 16) + 8;
  const free = CLOSING_LIMIT - closingNeed - tableHeight(0) - tableTop;
  const rowsPerPage = Math.max(1, Math.min(ROWS_PER_PAGE, Math.floor(free / ROW_HEIGHT)));
  const tableBottom = tableTop + tableHeight(rowsPerPage);
  return { rowsPerPage, partyTop, party, irnTop, tableTop, tableBottom, closingTop: tableBottom + 8 };
}

/**
 * Renders a tax invoice, credit note or debit note to PDF bytes: each copy asked for (default the original), every
 * copy with all its pages and its Rule 48 marking. Same document and options in, same bytes out.
 */
export async function renderInvoicePdf(doc: InvoiceDocument, options: RenderInvoiceOptions = {}): Promise<Buffer> {
  const title = `${doc.variant?.title ?? DOCUMENT_TITLES[doc.kind]} ${doc.number}`;
  const pdf = await createPdf({ title, author: doc.supplier.name, creationDate: doc.issuedAt });
  const geometry = await documentGeometry(doc);
  const hsnCount = hsnSummary(doc.lines).length;
  const layout = layoutInvoice(doc.lines, geometry.rowsPerPage, hsnRowsThatFit(pdf, doc, geometry, hsnCount));
  const columns = buildColumns(doc);
  const firstHsnPage = layout.hsnPages.length > 0 ? layout.linePages.length + 1 : null;
  const annexPages = paginateAnnex(pdf, annexItems(pdf, doc, columns), geometry);
  const pageCount = layout.pageCount + annexPages.length;
  const servicesOnly = doc.lines.length > 0 && doc.lines.every((l) => l.isService);
  const copies = options.copies && options.copies.length > 0 ? options.copies : (['original'] as const);

  for (const copy of copies) {
    const label = copyLabel(copy, servicesOnly);
    for (const page of layout.linePages) {
      drawPageFrame(pdf, doc, geometry, label, page.pageNumber, pageCount);
      let y = drawTableHeader(pdf, columns, geometry.tableTop);
      // The brought-forward row exists only on continuation pages; page 1 starts its lines under the header.
      if (page.broughtForward) {
        drawTableRow(pdf, columns, sumCells(doc, 'Brought forward', page.broughtForward), y, SUBTOTAL_ROW_HEIGHT, true);
        y += SUBTOTAL_ROW_HEIGHT;
      }
      page.rows.forEach((line, i) => {
        drawTableRow(pdf, columns, lineCells(doc, line, page.firstRowIndex + i + 1), y + i * ROW_HEIGHT, ROW_HEIGHT);
      });
      const closing = page.carriedForward
        ? sumCells(doc, 'Carried forward', page.carriedForward)
        : sumCells(doc, 'Total', page.runningTotals);
      drawTableRow(pdf, columns, closing, geometry.tableBottom - SUBTOTAL_ROW_HEIGHT, SUBTOTAL_ROW_HEIGHT, true);
      drawTableFrame(pdf, columns, geometry.tableTop, geometry.tableBottom);
      if (page.isLast) {
        drawClosing(pdf, doc, geometry, layout.hsnOnLastPage, firstHsnPage);
      } else {
        textBox(pdf, `Continued on page ${page.pageNumber + 1}`, PAGE.margin, geometry.closingTop + 4, CONTENT_WIDTH, {
          size: 8,
          align: 'center',
          color: COLORS.muted,
        });
      }
    }
    layout.hsnPages.forEach((rows, i) => {
      const pageNumber = layout.linePages.length + i + 1;
      drawPageFrame(pdf, doc, geometry, label, pageNumber, pageCount);
      textBox(pdf, 'HSN/SAC summary', PAGE.margin, geometry.tableTop, CONTENT_WIDTH, { size: 9, bold: true });
      drawHsnTable(
        pdf,
        doc,
        rows,
        PAGE.margin,
        geometry.tableTop + 14,
        CONTENT_WIDTH,
        i === layout.hsnPages.length - 1 ? hsnTotal(doc) : null,
      );
    });
    annexPages.forEach((items, i) => {
      drawPageFrame(pdf, doc, geometry, label, layout.pageCount + i + 1, pageCount);
      drawAnnex(pdf, items, geometry);
    });
  }
  return finishPdf(pdf);
}
