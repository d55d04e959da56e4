import type PDFKitDocument from 'pdfkit';
import type QRCodeModule from 'qrcode';
import { FONT, loadFonts, type FontFaces } from './fonts';

/** A4 portrait in PDF points, and the margin every BizDash document uses. */
export const PAGE = { width: 595.28, height: 841.89, margin: 28 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

export const COLORS = {
  text: '#1a1a1a',
  muted: '#5c5c5c',
  rule: '#9a9a9a',
  shade: '#eef1f5',
  watermark: '#c62828',
} as const;

export type Pdf = PDFKit.PDFDocument;

export interface PdfMeta {
  title: string;
  subject?: string;
  author: string;
  /**
   * Fixed creation date (from the document, e.g. the invoice's issue time), so the same document always renders to
   * the same bytes: pdfkit derives the file ID from it too.
   */
  creationDate: Date;
}

interface PdfLibraries {
  PDFDocument: typeof PDFKitDocument;
  QRCode: typeof QRCodeModule;
  fonts: FontFaces;
}

let libraries: PdfLibraries | null = null;

/**
 * pdfkit (with fontkit), qrcode and the parsed DejaVu faces, loaded by the first PDF rather than at start-up: together
 * about 30 MB of resident memory that a server may never need (issue 21).
 */
async function loadPdfLibraries(): Promise<PdfLibraries> {
  if (libraries) return libraries;
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([import('pdfkit'), import('qrcode')]);
  libraries ??= { PDFDocument, QRCode, fonts: loadFonts(PDFDocument) };
  return libraries;
}

/** The libraries `createPdf` loaded; every function that takes a `Pdf` runs after it. */
function loadedPdfLibraries(): PdfLibraries {
  if (!libraries) throw new Error('createPdf loads the PDF libraries before any document exists');
  return libraries;
}

/** A new A4 document with the DejaVu faces registered and fixed metadata. Add pages with `addPage(doc)`. */
export async function createPdf(meta: PdfMeta): Promise<Pdf> {
  const { PDFDocument, fonts } = await loadPdfLibraries();
  const doc = new PDFDocument({
    // No default font: pdfkit would load Helvetica's metrics for every document, and a default DejaVu object would
    // be compared with the registered one by serialising its name table. Every text call sets its font anyway.
    // `as never`: the types allow only a string, the code takes null as "none".
    font: null as never,
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    compress: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject ?? meta.title,
      Creator: 'BizDash',
      Producer: 'BizDash',
      CreationDate: meta.creationDate,
      ModDate: meta.creationDate,
    },
  });
  doc.registerFont(FONT.regular, fonts.regular as never);
  doc.registerFont(FONT.bold, fonts.bold as never);
  return doc;
}

export function addPage(doc: Pdf): void {
  doc.addPage({ size: 'A4', margin: 0 });
  doc.font(FONT.regular).fillColor(COLORS.text);
}

/** Ends the document and collects its bytes. */
export function finishPdf(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: string;
  align?: 'left' | 'right' | 'center';
  /** Most lines to show; the last one ends in an ellipsis when the text is longer. Default 1. */
  maxLines?: number;
  lineGap?: number;
}

/**
 * Writes text inside a box of `width` starting at (x, y), wrapping at word boundaries up to `maxLines` and cutting
 * the rest with an ellipsis, so long descriptions never spill out of a fixed row. Returns the height used.
 */
export function textBox(doc: Pdf, text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
  const size = style.size ?? 8;
  const lineGap = style.lineGap ?? 1;
  const maxLines = style.maxLines ?? 1;
  doc
    .font(style.bold ? FONT.bold : FONT.regular)
    .fontSize(size)
    .fillColor(style.color ?? COLORS.text);
  const lineHeight = doc.currentLineHeight(true) + lineGap;
  const height = lineHeight * maxLines;
  doc.text(text, x, y, {
    width,
    height: height - lineGap / 2,
    align: style.align ?? 'left',
    ellipsis: '…',
    lineGap,
    lineBreak: maxLines > 1,
  });
  // pdfkit leaves the cursor below the text it wrote; reading it spares measuring the text a second time.
  return Math.min(Math.max(doc.y - y, lineHeight), height);
}

/** A single right-aligned line, shrunk to fit the width rather than clipped (amounts must never be cut). */
export function amountText(
  doc: Pdf,
  text: string,
  x: number,
  y: number,
  width: number,
  style: Omit<TextStyle, 'align' | 'maxLines'> = {},
): void {
  let size = style.size ?? 8;
  doc.font(style.bold ? FONT.bold : FONT.regular);
  while (size > 5 && doc.fontSize(size).widthOfString(text) > width) size -= 0.5;
  doc.fillColor(style.color ?? COLORS.text);
  doc.text(text, x, y, { width, align: 'right', lineBreak: false });
}

export function hline(doc: Pdf, x1: number, x2: number, y: number, color: string = COLORS.rule, width = 0.6): void {
  doc.save().lineWidth(width).strokeColor(color).moveTo(x1, y).lineTo(x2, y).stroke().restore();
}

export function vline(doc: Pdf, x: number, y1: number, y2: number, color: string = COLORS.rule, width = 0.6): void {
  doc.save().lineWidth(width).strokeColor(color).moveTo(x, y1).lineTo(x, y2).stroke().restore();
}

export function box(doc: Pdf, x: number, y: number, w: number, h: number, fill?: string): void {
  doc.save().lineWidth(0.6).strokeColor(COLORS.rule);
  if (fill) doc.rect(x, y, w, h).fillAndStroke(fill, COLORS.rule);
  else doc.rect(x, y, w, h).stroke();
  doc.restore();
}

/**
 * Draws a QR code as vector squares (no raster image: sharp at any zoom and byte-for-byte deterministic). Error
 * correction M suits the short UPI link; the IRP's signed QR is long, so callers pass 'L' to keep modules large.
 */
export function drawQr(doc: Pdf, text: string, x: number, y: number, size: number, level: 'L' | 'M' = 'M'): void {
  const qr = loadedPdfLibraries().QRCode.create(text, { errorCorrectionLevel: level });
  const count = qr.modules.size;
  const quiet = 2;
  const cell = size / (count + 2 * quiet);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  doc.fill().restore();
}

/** A large diagonal word across the page (CANCELLED, DRAFT) that does not hide the content underneath. */
export function watermark(doc: Pdf, text: string, color: string = COLORS.watermark): void {
  doc.save();
  doc.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
  doc.font(FONT.bold).fontSize(96).fillColor(color).fillOpacity(0.14);
  const width = doc.widthOfString(text);
  doc.text(text, PAGE.width / 2 - width / 2, PAGE.height / 2 - 48, { lineBreak: false });
  doc.restore();
  doc.fillOpacity(1);
}
