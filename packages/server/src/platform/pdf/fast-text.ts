import { FONT } from './fonts';
import type { Pdf } from './pdf-document';

/**
 * Single-line table text for long documents (a partner statement can run to 10,000 lines and must render in a
 * fraction of a second). pdfkit's `text()` costs tens of microseconds per call (options, line wrapping, a shaping
 * run per string); here each character's advance is looked up once per document and a page's cells are written as
 * one BT … ET block. Plain ASCII cells (dates, numbers, order numbers, most names) use Helvetica, one byte per
 * character, which keeps the content stream (and its compression) small; any other text (₹, Indian scripts) uses
 * the embedded DejaVu face through its own `encode`, so the glyphs land in the subset. No kerning or ligatures:
 * fine for single-line table cells.
 */

/** What this module uses of pdfkit's font objects (not in its public types). */
interface EmbeddedFontInternals {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string): [string[], { xAdvance: number }[]];
  widthOfString(text: string, size: number): number;
}

/** pdfkit document internals read here: the current font and the page's font resources. */
interface DocInternals {
  _font: EmbeddedFontInternals;
  page: { height: number; fonts: Record<string, unknown> };
}

interface Glyphs {
  font: EmbeddedFontInternals;
  /** Latin (a standard PDF font, one byte per character in a literal string) or DejaVu (two-byte glyph ids). */
  isLatin: boolean;
  /** Per character: what goes into the string operand, and the advance in 1/1000 of the font size. */
  chars: Map<string, { hex: string; advance: number }>;
}

/** Printable ASCII: what the standard Helvetica faces can show; anything else (₹, Indian scripts) uses DejaVu. */
const LATIN = /^[\x20-\x7e]*$/;
const DELIMITERS = /[()\\]/;
const LATIN_FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold' } as const;

export interface FastCell {
  text: string;
  x: number;
  /** Top of the text line, in the page's top-left coordinates like pdfkit's `text()`. */
  y: number;
  /** Right-aligned within [x, x + width] when `align` is right; cut with an ellipsis when wider than `width`. */
  width: number;
  align?: 'left' | 'right';
  bold?: boolean;
}

export function makeFastText(doc: Pdf) {
  // `as`: pdfkit keeps the current font and page resources on these fields; they are stable across 0.x versions.
  const internals = doc as unknown as DocInternals;
  const fonts = new Map<string, Glyphs>();

  function glyphsOf(name: string): Glyphs {
    let glyphs = fonts.get(name);
    if (!glyphs) {
      doc.font(name);
      glyphs = { font: internals._font, isLatin: name.startsWith('Helvetica'), chars: new Map() };
      fonts.set(name, glyphs);
    }
    return glyphs;
  }

  function glyph(g: Glyphs, char: string) {
    let hit = g.chars.get(char);
    if (!hit) {
      if (g.isLatin) {
        // WinAnsi: ASCII as itself (escaping the string delimiters), the ellipsis as octal 205.
        const piece = char === '…' ? '\\205' : char.replace(/[()\\]/g, (c) => `\\${c}`);
        hit = { hex: piece, advance: g.font.widthOfString(char, 1000) };
      } else {
        const [hex, positions] = g.font.encode(char);
        hit = { hex: hex.join(''), advance: positions.reduce((s, p) => s + p.xAdvance, 0) };
      }
      g.chars.set(char, hit);
    }
    return hit;
  }

  /** Width in points of `text` at `size`. */
  function widthOf(text: string, size: number, bold = false): number {
    const latin = LATIN.test(text);
    const g = glyphsOf(latin ? LATIN_FONT[bold ? 'bold' : 'regular'] : bold ? FONT.bold : FONT.regular);
    let units = 0;
    for (const char of text) units += glyph(g, char).advance;
    return (units * size) / 1000;
  }

  /** The longest start of `text` that fits in `limit` (1/1000 of the size) with an ellipsis after it. */
  function cut(g: Glyphs, text: string, limit: number): [string, number] {
    const ellipsis = glyph(g, '…');
    let units = ellipsis.advance;
    let operand = '';
    for (let i = 0; i < text.length; i++) {
      const c = glyph(g, text.charAt(i));
      if (units + c.advance > limit) break;
      units += c.advance;
      operand += c.hex;
    }
    return [operand + ellipsis.hex, units];
  }

  /**
   * Collects cells into one text block on the current page, in `color` at `size`, written when `fill` returns.
   * `put` takes plain arguments (no object per cell) because a long statement puts 60,000 of them.
   */
  function writeBlock(
    size: number,
    color: string,
    fill: (
      put: (text: string, x: number, y: number, width: number, align: 'left' | 'right', bold: boolean) => void,
    ) => void,
  ): void {
    const height = internals.page.height;
    const parts: string[] = [];
    let current: Glyphs | null = null;
    let atX = 0;
    let atY = 0;
    let isFirst = true;
    const put = (text: string, x: number, y: number, width: number, align: 'left' | 'right', bold: boolean) => {
      if (!text) return;
      const latin = LATIN.test(text);
      const g = glyphsOf(latin ? LATIN_FONT[bold ? 'bold' : 'regular'] : bold ? FONT.bold : FONT.regular);
      if (g !== current) {
        internals.page.fonts[g.font.id] ??= g.font.ref();
        parts.push(`/${g.font.id} ${size} Tf`);
        current = g;
      }
      const limit = (width * 1000) / size;
      let units = 0;
      // Plain ASCII without string delimiters is its own operand; only the advances need adding up.
      const isPlain = g.isLatin && !DELIMITERS.test(text);
      let operand = isPlain ? text : '';
      for (let i = 0; i < text.length; i++) {
        const char = text.charAt(i);
        const c = g.chars.get(char) ?? glyph(g, char);
        units += c.advance;
        if (!isPlain) operand += c.hex;
      }
      if (units > limit) [operand, units] = cut(g, text, limit);
      const left = align === 'right' ? x + width - (units * size) / 1000 : x;
      const baseline = height - y - (g.font.ascender / 1000) * size;
      const string = g.isLatin ? `(${operand})` : `<${operand}>`;
      // Positions in tenths of a point; after the first cell, relative moves (Td) keep the content stream short.
      const tx = Math.round(left * 10);
      const ty = Math.round(baseline * 10);
      parts.push(
        isFirst
          ? `1 0 0 1 ${tx / 10} ${ty / 10} Tm ${string} Tj`
          : `${(tx - atX) / 10} ${(ty - atY) / 10} Td ${string} Tj`,
      );
      isFirst = false;
      atX = tx;
      atY = ty;
    };
    fill(put);
    if (parts.length === 0) return;
    // The page's own transform flips y; text is placed in unflipped PDF space, as pdfkit's text() does.
    doc.save();
    doc.fillColor(color);
    doc.addContent(`1 0 0 -1 0 ${height} cm BT ${parts.join(' ')} ET`);
    doc.restore();
  }

  /** Writes the cells in one text block on the current page, in `color` at `size`. */
  function writeCells(cells: readonly FastCell[], size: number, color = '#1a1a1a'): void {
    writeBlock(size, color, (put) => {
      for (const c of cells) put(c.text, c.x, c.y, c.width, c.align ?? 'left', c.bold ?? false);
    });
  }

  return { widthOf, writeCells, writeBlock };
}
