import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

/** Font names registered on every document. */
export const FONT = { regular: 'DejaVu', bold: 'DejaVu-Bold' } as const;

/**
 * A parsed font as pdfkit's own fontkit returns it. pdfkit takes such an object wherever it takes a font file
 * (PDFFontFactory.open accepts anything with `layout`), and each document still embeds its own glyph subset.
 */
export type ParsedFont = object;

export interface FontFaces {
  regular: ParsedFont;
  bold: ParsedFont;
}

let cached: FontFaces | null = null;

/** The DejaVu Sans files (they have the ₹ glyph; the PDF standard fonts do not). */
function readFontFiles(): { regular: Buffer; bold: Buffer } {
  // Resolved through Node's module resolution from this file: works from the sources and from the esbuild bundle in
  // packages/server/dist alike, as the package stays in node_modules.
  const require = createRequire(import.meta.url);
  return {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
}

/**
 * DejaVu Sans regular and bold, parsed once per process on first use (never at import time) and shared by every
 * document: parsing the 750 kB font tables for each PDF took most of the render time. The faces are taken from a
 * throw-away pdfkit document (of the class the caller loaded) so they come from the very fontkit build pdfkit itself
 * uses.
 */
export function loadFonts(PdfDocumentClass: typeof PDFDocument): FontFaces {
  if (cached) return cached;
  const files = readFontFiles();
  const probe = new PdfDocumentClass({ autoFirstPage: false });
  // `as`: pdfkit keeps the current font in the undocumented `_font`; its `font` property is the fontkit object.
  const current = () => (probe as unknown as { _font: { font: ParsedFont } })._font.font;
  probe.font(files.regular);
  const regular = current();
  probe.font(files.bold);
  const bold = current();
  cached = { regular: withLayoutMemo(regular), bold: withLayoutMemo(bold) };
  return cached;
}

interface Position {
  xAdvance: number;
  [key: string]: number;
}
interface Run {
  glyphs: unknown[];
  positions: Position[];
}
type LayoutFn = (text: string, features?: unknown) => Run;

/** Distinct words remembered per face; invoices repeat the same words and numbers over and over. */
const LAYOUT_MEMO_SIZE = 20_000;

/**
 * Shaping a word with fontkit (OpenType lookups) is the bulk of rendering text, and pdfkit's own cache lives only
 * as long as one document. This keeps a bounded, process-wide memo of the shaped words on our shared font objects.
 * pdfkit scales the positions of the run it gets in place, so every call returns fresh position objects and an
 * `advanceWidth` computed from them, as fontkit's GlyphRun does.
 */
function withLayoutMemo(font: ParsedFont): ParsedFont {
  const target = font as { layout: LayoutFn }; // `as`: fontkit's Font, see ParsedFont
  const layout = target.layout.bind(font);
  const memo = new Map<string, Run>();
  target.layout = (text, features) => {
    if (features !== undefined && features !== null) return layout(text, features);
    let run = memo.get(text);
    if (!run) {
      const shaped = layout(text);
      run = { glyphs: shaped.glyphs, positions: shaped.positions.map((p) => ({ ...p })) };
      if (memo.size >= LAYOUT_MEMO_SIZE) memo.clear();
      memo.set(text, run);
    }
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        let width = 0;
        for (const p of positions) width += p.xAdvance;
        return width;
      },
    };
  };
  return font;
}
