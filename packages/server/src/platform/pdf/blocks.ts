import { findState } from '@bizdash/domain/states';
import { amountText, box, COLORS, CONTENT_WIDTH, hline, PAGE, textBox, vline, type Pdf } from './pdf-document';
import { pageLabel } from './table-pages';

/**
 * Layout pieces shared by every printed document (tax invoice, credit/debit note, statement of account): the
 * letterhead, a party block, a fixed-row table with brought/carried forward rows, a totals list and the footer.
 */

export interface PrintedAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  pin: string | null;
  stateCode: string | null;
}

/** "Maharashtra (27)"; the State name and code Rule 46(e) and (n) ask for. */
export function stateWithCode(code: string | null): string {
  if (!code) return '';
  const state = findState(code);
  return state ? `${state.name} (${code})` : code;
}

/** Address lines as printed: street lines, then "City - PIN", then the state with its code. */
export function addressLines(address: PrintedAddress | null): string[] {
  if (!address) return [];
  const cityPin = [address.city, address.pin].filter(Boolean).join(' - ');
  return [address.line1, address.line2, cityPin, stateWithCode(address.stateCode)].filter(
    (l): l is string => typeof l === 'string' && l.trim() !== '',
  );
}

export interface LetterheadInput {
  name: string;
  /** Legal name when it differs from the trade name (printed under it). */
  legalName: string | null;
  lines: string[];
  title: string;
  /** Label/value pairs under the title (number, date, place of supply …). */
  meta: [string, string][];
  /** PNG or JPEG bytes printed left of the name, fitted into a small square; the name moves right of it. */
  logo?: Buffer | null;
}

/** The logo's box: fits a square or a wide mark without crowding the name and address. */
const LOGO_BOX = { width: 64, height: 56, gap: 8 };

/** Supplier on the left, document title and its particulars on the right. Returns the y below the block. */
export function drawLetterhead(doc: Pdf, input: LetterheadInput, y: number): number {
  const leftWidth = CONTENT_WIDTH * 0.55;
  let left = PAGE.margin;
  let textWidth = leftWidth;
  let logoBottom = y;
  if (input.logo) {
    doc.image(input.logo, left, y, { fit: [LOGO_BOX.width, LOGO_BOX.height], align: 'center' });
    logoBottom = y + LOGO_BOX.height;
    left += LOGO_BOX.width + LOGO_BOX.gap;
    textWidth -= LOGO_BOX.width + LOGO_BOX.gap;
  }
  let ly = y;
  ly += textBox(doc, input.name, left, ly, textWidth, { size: 14, bold: true }) + 2;
  if (input.legalName && input.legalName !== input.name) {
    ly += textBox(doc, input.legalName, left, ly, textWidth, { size: 8, color: COLORS.muted }) + 1;
  }
  for (const line of input.lines) ly += textBox(doc, line, left, ly, textWidth, { size: 8 }) + 1;

  const rightX = PAGE.margin + leftWidth + 8;
  const rightWidth = PAGE.width - PAGE.margin - rightX;
  let ry = y;
  ry += textBox(doc, input.title.toUpperCase(), rightX, ry, rightWidth, { size: 14, bold: true, align: 'right' }) + 4;
  const labelWidth = 78;
  for (const [label, value] of input.meta) {
    textBox(doc, label, rightX, ry, labelWidth, { size: 8, color: COLORS.muted });
    ry += textBox(doc, value, rightX + labelWidth, ry, rightWidth - labelWidth, { size: 8, bold: true, maxLines: 2 });
    ry += 1.5;
  }
  const bottom = Math.max(ly, ry, logoBottom) + 6;
  hline(doc, PAGE.margin, PAGE.width - PAGE.margin, bottom, COLORS.text, 1);
  return bottom + 6;
}

export interface PartyBlockInput {
  heading: string;
  name: string;
  lines: string[];
}

/** Side-by-side boxes (bill to / ship to, or a party and the statement period) of one fixed height. */
export function drawPartyBlocks(doc: Pdf, blocks: PartyBlockInput[], y: number, height: number): number {
  const gap = 8;
  const width = (CONTENT_WIDTH - gap * (blocks.length - 1)) / blocks.length;
  blocks.forEach((block, i) => {
    const x = PAGE.margin + i * (width + gap);
    box(doc, x, y, width, height);
    let by = y + 4;
    by += textBox(doc, block.heading.toUpperCase(), x + 6, by, width - 12, { size: 6.5, color: COLORS.muted }) + 1;
    by += textBox(doc, block.name, x + 6, by, width - 12, { size: 9, bold: true }) + 1;
    const lineHeight = 9.5;
    const room = Math.floor((y + height - 3 - by) / lineHeight);
    block.lines.slice(0, Math.max(room, 0)).forEach((line) => {
      by += textBox(doc, line, x + 6, by, width - 12, { size: 7.5 }) + 1;
    });
  });
  return y + height + 8;
}

export interface Column {
  title: string;
  /** Second heading line, e.g. the tax rate or "(₹)". */
  subtitle?: string;
  width: number;
  align: 'left' | 'right' | 'center';
}

export interface Cell {
  text: string;
  /** A smaller grey second line (the rate under a tax amount, the HSN under a description). */
  sub?: string;
  bold?: boolean;
}

export const TABLE_HEADER_HEIGHT = 22;
export const SUBTOTAL_ROW_HEIGHT = 14;

/** Column x positions from the left margin. */
function columnXs(columns: readonly Column[]): number[] {
  const xs: number[] = [];
  let x = PAGE.margin;
  for (const column of columns) {
    xs.push(x);
    x += column.width;
  }
  return xs;
}

export function drawTableHeader(doc: Pdf, columns: readonly Column[], y: number): number {
  const xs = columnXs(columns);
  const width = columns.reduce((s, c) => s + c.width, 0);
  box(doc, PAGE.margin, y, width, TABLE_HEADER_HEIGHT, COLORS.shade);
  columns.forEach((column, i) => {
    const x = (xs[i] ?? 0) + 2.5;
    const w = column.width - 5;
    textBox(doc, column.title, x, y + 3.5, w, { size: 6.8, bold: true, align: column.align });
    if (column.subtitle)
      textBox(doc, column.subtitle, x, y + 12, w, { size: 6, align: column.align, color: COLORS.muted });
  });
  return y + TABLE_HEADER_HEIGHT;
}

/**
 * One row of a fixed height. Text cells wrap to as many lines as fit and end in an ellipsis; right-aligned cells
 * are amounts and shrink rather than clip.
 */
export function drawTableRow(
  doc: Pdf,
  columns: readonly Column[],
  cells: readonly Cell[],
  y: number,
  height: number,
  shaded = false,
): void {
  const xs = columnXs(columns);
  const width = columns.reduce((s, c) => s + c.width, 0);
  if (shaded) doc.save().rect(PAGE.margin, y, width, height).fill(COLORS.shade).restore();
  columns.forEach((column, i) => {
    const cell = cells[i];
    if (!cell) return;
    const x = (xs[i] ?? 0) + 2.5;
    const w = column.width - 5;
    const subRoom = cell.sub ? 8 : 0;
    if (column.align === 'right') {
      amountText(doc, cell.text, x, y + 3, w, { size: 7.5, bold: cell.bold ?? false });
    } else {
      const lines = Math.max(1, Math.floor((height - 4 - subRoom) / 9.3));
      textBox(doc, cell.text, x, y + 3, w, {
        size: 7.5,
        bold: cell.bold ?? false,
        align: column.align,
        maxLines: lines,
      });
    }
    if (cell.sub) {
      textBox(doc, cell.sub, x, y + height - 10, w, { size: 6, color: COLORS.muted, align: column.align });
    }
  });
  hline(doc, PAGE.margin, PAGE.margin + width, y + height, '#d6d6d6', 0.4);
}

/** Outer box and column rules for a table area of a fixed height, drawn once the rows are in. */
export function drawTableFrame(doc: Pdf, columns: readonly Column[], top: number, bottom: number): void {
  const xs = columnXs(columns);
  const width = columns.reduce((s, c) => s + c.width, 0);
  box(doc, PAGE.margin, top, width, bottom - top);
  for (let i = 1; i < xs.length; i++) vline(doc, xs[i] ?? 0, top, bottom, '#c8c8c8', 0.4);
}

/** Label/value lines, values right-aligned; the emphasised last line (the grand total) is boxed. */
export function drawTotals(
  doc: Pdf,
  rows: readonly { label: string; value: string; emphasis?: boolean }[],
  x: number,
  y: number,
  width: number,
): number {
  let ty = y;
  for (const row of rows) {
    const height = row.emphasis ? 16 : 11.5;
    if (row.emphasis) box(doc, x, ty, width, height, COLORS.shade);
    const size = row.emphasis ? 9.5 : 8;
    textBox(doc, row.label, x + 4, ty + (row.emphasis ? 3.5 : 1.5), width * 0.55, {
      size,
      bold: row.emphasis ?? false,
    });
    amountText(doc, row.value, x + width * 0.45, ty + (row.emphasis ? 3.5 : 1.5), width * 0.55 - 4, {
      size,
      bold: row.emphasis ?? false,
    });
    ty += height;
  }
  return ty;
}

/** "Page X of Y" and a note at the foot of every page. */
export function drawFooter(doc: Pdf, pageNumber: number, pageCount: number, note: string): void {
  const y = PAGE.height - PAGE.margin + 4;
  hline(doc, PAGE.margin, PAGE.width - PAGE.margin, y - 4, COLORS.rule, 0.5);
  textBox(doc, note, PAGE.margin, y, CONTENT_WIDTH * 0.7, { size: 6.5, color: COLORS.muted });
  textBox(doc, pageLabel(pageNumber, pageCount), PAGE.margin + CONTENT_WIDTH * 0.7, y, CONTENT_WIDTH * 0.3, {
    size: 7,
    align: 'right',
    bold: true,
  });
}

/** dd-mm-yyyy, the date format Indian users read, from the wire format yyyy-mm-dd. */
export function displayDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}-${m}-${y}`;
}
