import { AppError } from '@bizdash/domain/errors';

/**
 * Hard limits on an uploaded import file. Each one bounds what a single upload can cost the one server process
 * (memory, CPU, database growth), so that no user allowed to import can take the service down for everyone.
 */
export const IMPORT_LIMITS = {
  /**
   * The request body (the compressed file). A 50,000-row party list is about 5 MB as CSV and 3 MB as XLSX; 20 MB
   * leaves room for wide sheets while bounding what Fastify buffers per request.
   */
  uploadBytes: 20 * 1024 * 1024,
  /**
   * All XML parts of an XLSX that we read, once inflated. A full 50,000 × 20 sheet is about 40 MB of XML; past 64 MB
   * the file is a bomb, not a sheet. Holding this much text is the largest buffer an import can make us keep.
   */
  inflatedBytes: 64 * 1024 * 1024,
  /**
   * Data rows. Every row is validated and written with its audit entry; 50,000 keeps a commit to seconds of
   * background work and the staged JSON to tens of MB. Larger lists are imported in parts.
   */
  rows: 50_000,
  /** Columns. Our widest import (parties) has 20 fields; 100 leaves room for unmapped extra columns. */
  columns: 100,
  /**
   * Characters in one cell. The longest field we store (an address or a description) is well under 1,000; a longer
   * cell is a mistake or an attack, and 2,000 × rows × columns bounds what a file can stage.
   */
  cellChars: 2_000,
  /** Wall time for reading a file. A legitimate 50,000-row file reads in about a second. */
  parseMs: 15_000,
} as const;

export type ImportLimit = keyof typeof IMPORT_LIMITS;

const DESCRIPTIONS: Record<ImportLimit, (max: number) => string> = {
  uploadBytes: (max) => `The file is larger than ${max / 1024 / 1024} MB`,
  inflatedBytes: (max) => `The workbook unpacks to more than ${max / 1024 / 1024} MB`,
  rows: (max) => `The file has more than ${max.toLocaleString('en-IN')} rows; import at most that many at a time`,
  columns: (max) => `The file has more than ${max} columns`,
  cellChars: (max) => `A cell is longer than ${max.toLocaleString('en-IN')} characters`,
  parseMs: (max) => `The file took longer than ${max / 1000} seconds to read`,
};

/**
 * The error for a file over one of the limits: 413 for the sizes, 400 for the shape, naming the limit and its value
 * so a user can split or fix the file.
 */
export function limitError(limit: ImportLimit, actual: number | null): AppError {
  const max = IMPORT_LIMITS[limit];
  const code = limit === 'uploadBytes' || limit === 'inflatedBytes' ? 'PAYLOAD_TOO_LARGE' : 'IMPORT_INVALID';
  return new AppError(code, DESCRIPTIONS[limit](max), {
    field: 'file',
    limit,
    max,
    ...(actual === null ? {} : { actual }),
  });
}
