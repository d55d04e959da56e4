import { findState } from '@bizdash/domain/states';
import { FONT } from './fonts';
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
  /** Which copy this is (Rule 48: "Original for recipient" …), printed above the title. */
  copyLabel?: string | null;
  /**
   * Wrap the name and address lines in full (tax invoices: the supplier's name and address are Rule 46 fields, so the
   * caller measures and places the rest below). Default: one line each, cut with "…" (statements).
   */
  wrap?: boolean;
}

/** The logo's box: fits a square or a wide mark without crowding the name and address. */
const LOGO_BOX = { width: 64, height: 56, gap: 8 };

/** Room the supplier's name and address have before a tax invoice's party blocks would have to move down. */
const LETTERHEAD_ROOM = 100;

/**
 * Type sizes for a wrapped letterhead: the usual 14/8 when the text fits LETTERHEAD_ROOM, else smaller steps down to
 * 9/6.5, so a 200-character name and address take a few lines more rather than a third of the page.
 */
function letterheadSizes(doc: Pdf, input: LetterheadInput, width: number): { name: number; line: number } {
  const steps = [
    { name: 14, line: 8 },
    { name: 12, line: 7.5 },
    { name: 10.5, line: 7 },
    { name: 9, line: 6.5 },
  ];
  const measure = (text: string, size: number, bold: boolean) => {
    doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
    return doc.heightOfString(text, { width, lineGap: 1 }) + 1;
  };
  for (const step of steps) {
    let height = measure(input.name, step.name, true) + 1;
    if (input.legalName && input.legalName !== input.name) height += measure(input.legalName, step.line, false);
    for (const line of input.lines) height += measure(line, step.line, false);
    if (height <= LETTERHEAD_ROOM) return step;
  }
  return steps[steps.length - 1] ?? { name: 9, line: 6.5 };
}

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
  const sizes = input.wrap ? letterheadSizes(doc, input, textWidth) : { name: 14, line: 8 };
  const lines = input.wrap ? 20 : 1;
  ly += textBox(doc, input.name, left, ly, textWidth, { size: sizes.name, bold: true, maxLines: lines }) + 2;
  if (input.legalName && input.legalName !== input.name) {
    ly +=
      textBox(doc, input.legalName, left, ly, textWidth, { size: sizes.line, color: COLORS.muted, maxLines: lines }) +
      1;
  }
  for (const line of input.lines)
    ly += textBox(doc, line, left, ly, textWidth, { size: sizes.line, maxLines: lines }) + 1;

  const rightX = PAGE.margin + leftWidth + 8;
  const rightWidth = PAGE.width - PAGE.margin - rightX;
  let ry = y;
  if (input.copyLabel) {
    ry += textBox(doc, input.copyLabel.toUpperCase(), rightX, ry, rightWidth, { size: 7, bold: true, align: 'right' });
    ry += 1;
  }
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

/** Type sizes of a party block: the name is set this much larger than the lines under it. */
const PARTY_LINE_SIZE = 7.5;
/** The smallest size the lines shrink to before the block grows instead (still legible on a printed A4). */
export const PARTY_LINE_FLOOR_SIZE = 6;
const PARTY_NAME_STEP = 1.5;
const PARTY_PAD = { x: 6, top: 4, bottom: 4 };
const PARTY_GAP = 8;

export interface PartyBlockLayout {
  /** Height of every box (they share one); at least the height asked for. */
  height: number;
  /** Size of the address lines; the name is PARTY_NAME_STEP larger. */
  size: number;
}

function partyBlockWidth(count: number): number {
  return (CONTENT_WIDTH - PARTY_GAP * (count - 1)) / count;
}

/** Height a block's text takes at a given line size, every line wrapped in full (nothing is cut). */
function partyTextHeight(doc: Pdf, block: PartyBlockInput, width: number, size: number): number {
  const inner = width - 2 * PARTY_PAD.x;
  const measure = (text: string, fontSize: number, bold: boolean) => {
    doc.font(bold ? FONT.bold : FONT.regular).fontSize(fontSize);
    return doc.heightOfString(text, { width: inner, lineGap: 1 }) + 1;
  };
  let height = PARTY_PAD.top + measure(block.heading.toUpperCase(), 6.5, false);
  height += measure(block.name, size + PARTY_NAME_STEP, true);
  for (const line of block.lines) height += measure(line, size, false);
  return height + PARTY_PAD.bottom;
}

/**
 * How party blocks fit: every mandatory line (address, GSTIN, State) is printed in full, so when the text does not
 * fit the box it first shrinks step by step to PARTY_LINE_FLOOR_SIZE, and only then the boxes grow. Callers that lay
 * out a page around the blocks measure first and place what follows below `height`.
 */
export function partyBlockLayout(
  doc: Pdf,
  blocks: readonly PartyBlockInput[],
  minHeight: number,
  overflow: 'grow' | 'clip' = 'grow',
): PartyBlockLayout {
  const width = partyBlockWidth(blocks.length);
  const needed = (size: number) => Math.max(...blocks.map((b) => partyTextHeight(doc, b, width, size)));
  for (let size = PARTY_LINE_SIZE; size >= PARTY_LINE_FLOOR_SIZE; size -= 0.5) {
    if (needed(size) <= minHeight) return { height: minHeight, size };
  }
  // Statements keep a fixed box (their table starts at a fixed y; nothing on them is a Rule 46 field).
  if (overflow === 'clip') return { height: minHeight, size: PARTY_LINE_FLOOR_SIZE };
  return { height: Math.ceil(needed(PARTY_LINE_FLOOR_SIZE)), size: PARTY_LINE_FLOOR_SIZE };
}

/**
 * Side-by-side boxes (bill to / ship to, or a party and the statement period) of one height. Without a layout the
 * boxes keep `minHeight` and text that does not fit even at the floor size is clipped: pass the invoice's
 * partyBlockLayout(…, 'grow') where every line must print. Returns the y below the blocks.
 */
export function drawPartyBlocks(
  doc: Pdf,
  blocks: PartyBlockInput[],
  y: number,
  minHeight: number,
  layout: PartyBlockLayout = partyBlockLayout(doc, blocks, minHeight, 'clip'),
): number {
  const width = partyBlockWidth(blocks.length);
  const inner = width - 2 * PARTY_PAD.x;
  const write = (text: string, x: number, at: number, size: number, bold: boolean, color: string = COLORS.text) => {
    doc
      .font(bold ? FONT.bold : FONT.regular)
      .fontSize(size)
      .fillColor(color);
    const height = doc.heightOfString(text, { width: inner, lineGap: 1 });
    doc.text(text, x, at, { width: inner, lineGap: 1 });
    return height + 1;
  };
  blocks.forEach((block, i) => {
    const x = PAGE.margin + i * (width + PARTY_GAP);
    box(doc, x, y, width, layout.height);
    doc.save().rect(x, y, width, layout.height).clip();
    let by = y + PARTY_PAD.top;
    by += write(block.heading.toUpperCase(), x + PARTY_PAD.x, by, 6.5, false, COLORS.muted);
    by += write(block.name, x + PARTY_PAD.x, by, layout.size + PARTY_NAME_STEP, true);
    for (const line of block.lines) by += write(line, x + PARTY_PAD.x, by, layout.size, false);
    doc.restore();
  });
  return y + layout.height + 8;
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
    if (cell.sub && column.align === 'right') {
      // A rate under an amount ("@ 5% + ₹2,076/THD") explains the amount: it shrinks to fit, never ends in "…".
      amountText(doc, cell.sub, x, y + height - 10, w, { size: 6, color: COLORS.muted });
    } else if (cell.sub) {
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
