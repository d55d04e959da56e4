import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

/** A run of text placed on the page: where its baseline starts (PDF user space, y up) and how wide and tall it is. */
interface Run {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/**
 * A PDF's text laid out as `pdftotext -layout` would (poppler), read with pdf.js so tests need nothing outside npm:
 * runs side by side on the page make one line, left to right, with spaces in proportion to the gaps between them (so
 * "Total      1,234.00" stays one line), lines top to bottom, and each page ends with a form feed. Rotated text (a
 * CANCELLED watermark) gets lines of its own, so it never lands inside a row of the table it crosses.
 */
export async function pdfText(pdf: Buffer | Uint8Array | string): Promise<string> {
  // pdf.js refuses a Buffer and may take over the array it is given, so it gets a copy.
  const data = new Uint8Array(typeof pdf === 'string' ? await readFile(pdf) : pdf);
  const doc = await getDocument({
    data,
    // Text needs neither fonts in the page nor the standard font files (widths come with pdf.js), nor fetch or eval;
    // in Node pdf.js parses in this thread (no worker). Verbosity 0 keeps its warnings about those fonts quiet.
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      text += layOutPage(content.items.filter((i): i is TextItem => 'str' in i)) + '\f';
      page.cleanup();
    }
    return text;
  } finally {
    await doc.destroy();
  }
}

function layOutPage(items: TextItem[]): string {
  const upright: Run[] = [];
  const rotated: Run[] = [];
  for (const item of items) {
    if (!item.str.trim()) continue; // spaces come back from the geometry below
    const [a = 1, b = 0, c = 0, d = 1, x = 0, y = 0] = item.transform as number[]; // `as`: pdf.js types it any[]
    const run = { text: item.str, x, y, width: item.width, size: Math.hypot(c, d) || item.height };
    if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a < 0) rotated.push(run);
    else upright.push(run);
  }
  if (!upright.length && !rotated.length) return '';

  // One column of the text grid: the typical width of a character on this page.
  const perChar = upright
    .map((r) => r.width / [...r.text].length)
    .filter((w) => w > 0)
    .sort((p, q) => p - q);
  const column = perChar[Math.floor(perChar.length / 2)] ?? 5;
  const left = Math.min(...upright.map((r) => r.x));

  // Top to bottom. A run joins the line above when their glyphs' heights overlap by half the smaller one, as poppler
  // does, so a small label beside a big heading (different baselines) still shares its line.
  const overlap = (p: Run, q: Run) =>
    Math.min(p.y + 0.8 * p.size, q.y + 0.8 * q.size) - Math.max(p.y - 0.2 * p.size, q.y - 0.2 * q.size);
  const lines: Run[][] = [];
  for (const run of [...upright].sort((p, q) => q.y - p.y || p.x - q.x)) {
    const line = lines.at(-1);
    if (line?.some((other) => overlap(run, other) >= 0.5 * Math.min(run.size, other.size))) line.push(run);
    else lines.push([run]);
  }

  const out = lines.map((line) => {
    let text = '';
    let end = left; // where the text written so far ends on the page
    for (const run of line.sort((p, q) => p.x - q.x)) {
      const gap = run.x - end;
      // Runs that touch (a word split by a change of font) join as they are; a gap of about a space or more becomes
      // spaces up to the run's column on the page's character grid, so columns line up as poppler's do, and at least
      // one space when the text before it ran wider than the grid.
      if (text && gap > 0.15 * run.size) {
        text += ' '.repeat(Math.max(1, Math.round((run.x - left) / column) - [...text].length));
      } else if (!text) {
        text = ' '.repeat(Math.max(0, Math.round((run.x - left) / column)));
      }
      text += run.text;
      end = Math.max(end, run.x + run.width);
    }
    return text.trimEnd();
  });
  out.push(...rotated.sort((p, q) => q.y - p.y).map((r) => r.text));
  return out.map((l) => l + '\n').join('');
}
