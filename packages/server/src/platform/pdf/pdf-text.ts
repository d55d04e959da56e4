import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF this server wrote, for tests: CI installs no poppler (only Chromium), and the repo has no npm PDF
 * reader, so this reads exactly what pdfkit writes and nothing more. pdfkit embeds each font as a Type0/Identity-H
 * subset with a ToUnicode CMap of `bfrange` arrays, and writes each line of text as hex glyph strings in a TJ array
 * inside its own BT…ET. Returns one string per page, each text object on its own line, in drawing order.
 */
export function pdfPageTexts(pdf: Buffer): string[] {
  return pdfPageLines(pdf).map((lines) => lines.map((l) => l.text).join('\n'));
}

export interface PdfTextLine {
  text: string;
  /** The line's baseline in PDF user space: larger is higher on the page (pdfkit's Tm after its flip). */
  y: number;
}

/** Each page's text objects with where they sit, for tests of layout ("the GSTIN is above the table"). */
export function pdfPageLines(pdf: Buffer): PdfTextLine[][] {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const objectRe = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = objectRe.exec(raw); m; m = objectRe.exec(raw)) {
    const body = m[2] ?? '';
    const streamAt = body.indexOf('stream');
    if (streamAt < 0) {
      objects.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    let start = streamAt + 'stream'.length;
    if (body[start] === '\r') start++;
    if (body[start] === '\n') start++;
    const end = body.lastIndexOf('endstream');
    let data = Buffer.from(body.slice(start, end), 'latin1');
    if (/\/Filter\s*\/FlateDecode/.test(dict)) data = inflateSync(data);
    objects.set(Number(m[1]), { dict, stream: data });
  }

  // Font resource name (/F1) -> glyph id -> text, from each Type0 font's ToUnicode CMap.
  const cmaps = new Map<string, Map<number, string>>();
  const cmapOf = (fontObject: number): Map<number, string> => {
    const map = new Map<number, string>();
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObject)?.dict ?? '');
    const cmap = ref ? objects.get(Number(ref[1]))?.stream?.toString('latin1') : undefined;
    if (!cmap) return map;
    const rangeRe = /<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi;
    for (let r = rangeRe.exec(cmap); r; r = rangeRe.exec(cmap)) {
      let gid = parseInt(r[1] ?? '0', 16);
      for (const entry of (r[3] ?? '').match(/<[^>]*>/g) ?? []) {
        const units = entry
          .slice(1, -1)
          .split(' ')
          .filter(Boolean)
          .map((h) => parseInt(h, 16));
        map.set(gid++, String.fromCharCode(...units));
      }
    }
    return map;
  };
  for (const { dict } of objects.values()) {
    const fonts = /\/Font\s*<<([\s\S]*?)>>/.exec(dict);
    if (!fonts) continue;
    const entryRe = /\/(\S+?) (\d+) 0 R/g;
    for (let e = entryRe.exec(fonts[1] ?? ''); e; e = entryRe.exec(fonts[1] ?? '')) {
      if (!cmaps.has(e[1] ?? '')) cmaps.set(e[1] ?? '', cmapOf(Number(e[2])));
    }
  }

  const pages: PdfTextLine[][] = [];
  const pageObjects = [...objects.entries()]
    .filter(([, o]) => /\/Type\s*\/Page\b(?!s)/.test(o.dict))
    .sort(([a], [b]) => a - b);
  for (const [, page] of pageObjects) {
    const contents = /\/Contents (\d+) 0 R/.exec(page.dict);
    const content = contents ? (objects.get(Number(contents[1]))?.stream?.toString('latin1') ?? '') : '';
    const lines: PdfTextLine[] = [];
    let font = new Map<number, string>();
    const opRe = /\/(\S+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|[-\d.\s])*)\] TJ|1 0 0 1 [-\d.]+ ([-\d.]+) Tm|\bET\b/gi;
    let line = '';
    let y = 0;
    for (let op = opRe.exec(content); op; op = opRe.exec(content)) {
      if (op[1] !== undefined) font = cmaps.get(op[1]) ?? new Map();
      else if (op[3] !== undefined) {
        if (!line) y = Number(op[3]);
      } else if (op[2] !== undefined) {
        for (const hex of op[2].match(/<([0-9a-f]*)>/gi) ?? []) {
          const digits = hex.slice(1, -1);
          for (let i = 0; i + 4 <= digits.length; i += 4) line += font.get(parseInt(digits.slice(i, i + 4), 16)) ?? '';
        }
      } else if (line) {
        lines.push({ text: line, y });
        line = '';
      }
    }
    pages.push(lines);
  }
  return pages;
}

/** All pages' text, joined. */
export function pdfText(pdf: Buffer): string {
  return pdfPageTexts(pdf).join('\n');
}
