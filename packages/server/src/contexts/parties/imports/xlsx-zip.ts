import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { AppError } from '@bizdash/domain/errors';
import { IMPORT_LIMITS, limitError } from './import-limits';

/** A 400 saying the uploaded file cannot be imported, on the `file` field. */
export function invalid(message: string): AppError {
  return new AppError('IMPORT_INVALID', message, { field: 'file' });
}

/** Only these parts are inflated (and counted); pictures, printer settings and the like are never touched. */
function isNeeded(name: string): boolean {
  return /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/.test(
    name,
  );
}

/**
 * Fed to the inflater this many compressed bytes at a time, so that one push can inflate to at most ~1,000 times
 * this (DEFLATE's ceiling): the running count is checked long before a large buffer could be allocated.
 */
const PUSH_BYTES = 16 * 1024;

/**
 * The parts of an XLSX zip the reader needs (workbook, relationships, shared strings, styles, sheets), inflated as
 * text against the byte budget: a declared size over the budget is refused before inflating anything, and an entry
 * that inflates past its declared size, or a total past the budget, stops the inflater at once.
 */
export function inflateEntries(bytes: Buffer): Map<string, string> {
  // The central directory states each entry's inflated size: an honest bomb is refused before inflating a byte.
  let declared = 0;
  const declaredSizes = new Map<string, number>();
  try {
    unzipSync(bytes, {
      filter(file) {
        if (isNeeded(file.name)) {
          declared += file.originalSize;
          declaredSizes.set(file.name, (declaredSizes.get(file.name) ?? 0) + file.originalSize);
        }
        return false;
      },
    });
  } catch {
    throw invalid('The workbook cannot be read as XLSX');
  }
  if (declared > IMPORT_LIMITS.inflatedBytes) throw limitError('inflatedBytes', declared);

  // A lying directory is caught by counting what really comes out: an entry that inflates past its stated size is
  // refused at once, and the running total is held to the budget whatever the directory says.
  const chunks = new Map<string, Uint8Array[]>();
  const done = new Set<string>();
  let inflated = 0;
  let over = false;
  let isLying = false;
  let failed = false;
  const unzip = new Unzip((file) => {
    if (!isNeeded(file.name)) return;
    const parts: Uint8Array[] = [];
    chunks.set(file.name, parts);
    const stated = declaredSizes.get(file.name) ?? 0;
    let entryBytes = 0;
    file.ondata = (error, data, final) => {
      if (error) {
        failed = true;
        return;
      }
      if (over || isLying) return;
      entryBytes += data.length;
      if (entryBytes > stated) {
        isLying = true;
        parts.length = 0;
        file.terminate();
        return;
      }
      inflated += data.length;
      if (inflated > IMPORT_LIMITS.inflatedBytes) {
        over = true;
        parts.length = 0;
        file.terminate();
        return;
      }
      parts.push(data);
      if (final) done.add(file.name);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !over && !isLying && !failed; at += PUSH_BYTES) {
      const end = Math.min(at + PUSH_BYTES, bytes.length);
      unzip.push(bytes.subarray(at, end), end === bytes.length);
    }
  } catch {
    if (!over && !isLying) throw invalid('The workbook cannot be read as XLSX');
  }
  if (over) throw limitError('inflatedBytes', inflated);
  if (isLying) throw invalid('The workbook is damaged: a part is larger than its zip directory says');
  if (failed) throw invalid('The workbook cannot be read as XLSX');
  const decoder = new TextDecoder('utf-8');
  const entries = new Map<string, string>();
  for (const name of done) entries.set(name, decoder.decode(Buffer.concat(chunks.get(name) ?? [])));
  return entries;
}
