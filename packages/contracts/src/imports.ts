import { z } from 'zod';
import { Timestamp } from './common';

/** What can be imported from CSV or XLSX. */
export const ImportEntity = z.enum(['parties', 'items']);
export type ImportEntity = z.infer<typeof ImportEntity>;

/** The MIME types an import upload may be sent as; the server also sniffs the bytes. */
export const IMPORT_CONTENT_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
] as const;

export const ImportUploadQuery = z.object({
  fileName: z.string().trim().min(1).max(200).default('upload.csv'),
});

export const ImportField = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  /** How to write the value, shown beside the mapping ("client; partner", "27 or Maharashtra"). */
  hint: z.string().nullable(),
});
export type ImportField = z.infer<typeof ImportField>;

/** Field key → zero-based column index in the file, or null when the field is not mapped. */
export const ImportMapping = z.record(z.string(), z.number().int().min(0).nullable());
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportPreview = z.object({
  id: z.string(),
  entity: ImportEntity,
  fileName: z.string(),
  rowCount: z.number().int(),
  headers: z.array(z.string()),
  /** The first rows as the file has them. */
  sampleRows: z.array(z.array(z.string())),
  fields: z.array(ImportField),
  /** Columns matched to fields by their headings; the user may change any of it. */
  suggestedMapping: ImportMapping,
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportOptions = z.object({
  mapping: ImportMapping,
  /** Parties: the role given to rows whose roles column is empty or unmapped. */
  defaultRole: z.enum(['client', 'supplier', 'partner']).default('client'),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

export const ImportRowError = z.object({
  /** The row number as a spreadsheet shows it (the heading is row 1). */
  row: z.number().int(),
  field: z.string(),
  /** The heading of the column the value came from, when it came from one. */
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportValidation = z.object({
  id: z.string(),
  rowCount: z.number().int(),
  validCount: z.number().int(),
  /** Rows with at least one error. */
  errorRowCount: z.number().int(),
  /** The first errors; the full list downloads as CSV. */
  errors: z.array(ImportRowError),
  errorCount: z.number().int(),
  /** The first rows as they will be saved, field key → value. */
  preview: z.array(z.record(z.string(), z.string())),
});
export type ImportValidation = z.infer<typeof ImportValidation>;

export const ImportBatch = z.object({
  id: z.string(),
  entity: ImportEntity,
  fileName: z.string(),
  rowCount: z.number().int(),
  /** 'committing' while a large import is written in chunks; committedCount is then its progress. */
  status: z.enum(['staged', 'committing', 'committed']),
  committedCount: z.number().int().nullable(),
  createdAt: Timestamp,
  committedAt: Timestamp.nullable(),
});
export type ImportBatch = z.infer<typeof ImportBatch>;

export const ImportParams = z.object({ id: z.string().uuid() });

/** Every list export takes the list's own filters plus the format. */
export const ExportFormat = z.enum(['csv', 'xlsx']);
export type ExportFormat = z.infer<typeof ExportFormat>;
