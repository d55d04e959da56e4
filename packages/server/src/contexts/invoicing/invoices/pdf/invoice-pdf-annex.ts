import type { Column } from '../../../../platform/pdf/blocks';
import { COLORS, CONTENT_WIDTH, PAGE, textBox, type Pdf } from '../../../../platform/pdf/pdf-document';
import { FONT } from '../../../../platform/pdf/fonts';
import type { InvoiceDocument } from './invoice-document';
import { closingLeftWidth, closingTextHeight, type ClosingText } from './invoice-pdf-closing';
import { ROW_HEIGHT, type Geometry } from './invoice-pdf-common';

/** Pages after the invoice printing in full the texts its fixed rows cut short. */

export interface AnnexItem {
  label: string;
  text: string;
}

export const ANNEX_SIZE = 7.5;

/**
 * Texts the fixed rows cut short, printed in full on pages of their own: a line description (Rule 46(h), up to 500
 * characters) that needs more than its row's two lines, and notes longer than the closing block shows.
 */
export function annexItems(pdf: Pdf, doc: InvoiceDocument, columns: readonly Column[]): AnnexItem[] {
  const items: AnnexItem[] = [];
  const descWidth = (columns[1]?.width ?? 100) - 5;
  pdf.font(FONT.regular).fontSize(7.5);
  const rowLines = Math.max(1, Math.floor((ROW_HEIGHT - 4) / 9.3));
  const lineHeight = pdf.currentLineHeight(true) + 1;
  doc.lines.forEach((line, i) => {
    pdf.font(FONT.regular).fontSize(7.5);
    if (pdf.heightOfString(line.description, { width: descWidth, lineGap: 1 }) > rowLines * lineHeight + 0.5) {
      items.push({ label: `Line ${i + 1} (HSN/SAC ${line.hsn})`, text: line.description });
    }
  });
  if (doc.notes) {
    const note: ClosingText = { text: `Note: ${doc.notes}`, size: 7, maxLines: 2, gapAfter: 0 };
    pdf.font(FONT.regular).fontSize(7);
    const full = pdf.heightOfString(note.text, { width: closingLeftWidth(), lineGap: 1 });
    if (full > closingTextHeight(pdf, note, closingLeftWidth()) + 0.5) items.push({ label: 'Note', text: doc.notes });
  }
  return items;
}

/** The annex items on each page below the table top, measured so the page count is known before drawing. */
export function paginateAnnex(pdf: Pdf, items: readonly AnnexItem[], geometry: Geometry): AnnexItem[][] {
  const pages: AnnexItem[][] = [];
  const bottom = PAGE.height - PAGE.margin - 12;
  let current: AnnexItem[] = [];
  let y = geometry.tableTop + 16;
  for (const item of items) {
    const height = annexItemHeight(pdf, item);
    if (current.length > 0 && y + height > bottom) {
      pages.push(current);
      current = [];
      y = geometry.tableTop + 16;
    }
    current.push(item);
    y += height;
  }
  if (current.length > 0) pages.push(current);
  return pages;
}

export function annexItemHeight(pdf: Pdf, item: AnnexItem): number {
  pdf.font(FONT.bold).fontSize(ANNEX_SIZE);
  const label = pdf.currentLineHeight(true) + 1;
  pdf.font(FONT.regular).fontSize(ANNEX_SIZE);
  return label + pdf.heightOfString(item.text, { width: CONTENT_WIDTH, lineGap: 1 }) + 6;
}

export function drawAnnex(pdf: Pdf, items: readonly AnnexItem[], geometry: Geometry): void {
  textBox(pdf, 'Descriptions in full (continued from the table)', PAGE.margin, geometry.tableTop, CONTENT_WIDTH, {
    size: 9,
    bold: true,
  });
  let y = geometry.tableTop + 16;
  for (const item of items) {
    const height = annexItemHeight(pdf, item);
    pdf.font(FONT.bold).fontSize(ANNEX_SIZE).fillColor(COLORS.text);
    pdf.text(item.label, PAGE.margin, y, { width: CONTENT_WIDTH, lineBreak: false });
    pdf.font(FONT.regular).fontSize(ANNEX_SIZE);
    pdf.text(item.text, PAGE.margin, y + pdf.currentLineHeight(true) + 1, { width: CONTENT_WIDTH, lineGap: 1 });
    y += height;
  }
}
