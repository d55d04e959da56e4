import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ImportMapping, ImportOptions, ImportRowError } from '@bizdash/contracts/imports';
import { AppError, isAppError } from '@bizdash/domain/errors';
import type { Executor } from '../../../platform/db/database';
import type { ImportSpec } from './import-specs';

/** Rows checked between yields to the event loop, so checking 50,000 rows never holds other requests for long. */
const CHECK_SLICE_ROWS = 500;

function normalizeHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/[_\-.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Matches headings to fields by key, label or alias; each column is used at most once. */
export function suggestMapping(spec: ImportSpec, headers: readonly string[]): ImportMapping {
  const normalized = headers.map(normalizeHeading);
  const used = new Set<number>();
  const mapping: ImportMapping = {};
  for (const field of spec.fields) {
    const names = [field.key, field.label, ...field.aliases].map(normalizeHeading);
    const index = normalized.findIndex((h, i) => !used.has(i) && names.includes(h));
    mapping[field.key] = index === -1 ? null : index;
    if (index !== -1) used.add(index);
  }
  return mapping;
}

interface Checked<I> {
  inputs: (I | null)[];
  errors: ImportRowError[];
  errorRows: number;
}

/** Every row through the same rules as the API's create, collecting errors instead of stopping at the first. */
export async function checkRows(
  executor: Executor,
  spec: ImportSpec,
  headers: string[],
  rows: string[][],
  options: ImportOptions,
) {
  const mapping = options.mapping;
  for (const field of spec.fields) {
    const index = mapping[field.key];
    if (field.required && (index === undefined || index === null)) {
      throw new AppError('VALIDATION_FAILED', `mapping.${field.key}: choose the column that holds ${field.label}`, {
        field: `mapping.${field.key}`,
      });
    }
    if (index !== undefined && index !== null && index >= headers.length) {
      throw new AppError('VALIDATION_FAILED', `mapping.${field.key}: the file has no column ${index + 1}`, {
        field: `mapping.${field.key}`,
      });
    }
  }
  const columnOf = (key: string) => {
    const index = mapping[key];
    return index === undefined || index === null ? null : index;
  };
  const result: Checked<unknown> = { inputs: [], errors: [], errorRows: 0 };
  const rowErrors = new Map<number, { field: string; message: string }[]>();
  const push = (i: number, field: string, message: string) => {
    const list = rowErrors.get(i) ?? [];
    list.push({ field, message });
    rowErrors.set(i, list);
  };
  for (const [i, row] of rows.entries()) {
    if (i > 0 && i % CHECK_SLICE_ROWS === 0) await yieldToEventLoop();
    const cells: Record<string, string> = {};
    for (const field of spec.fields) {
      const index = columnOf(field.key);
      if (index !== null) cells[field.key] = row[index] ?? '';
    }
    const { raw, errors } = spec.toRaw(cells, options);
    for (const e of errors) push(i, e.field, e.message);
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) push(i, spec.fieldForPath(issue.path.join('.')), issue.message);
      result.inputs.push(null);
      continue;
    }
    try {
      spec.validate(parsed.data);
      result.inputs.push(errors.length === 0 ? parsed.data : null);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const path = typeof error.details?.field === 'string' ? error.details.field : 'row';
      // Service messages start with the field path ("gstin: …"); the column says it already.
      push(i, spec.fieldForPath(path), error.message.replace(/^[\w.]+: /, ''));
      result.inputs.push(null);
    }
  }
  if (spec.checkBatch) {
    const more = await spec.checkBatch(executor, result.inputs);
    for (const [i, errors] of more) {
      for (const e of errors) push(i, e.field, e.message);
      result.inputs[i] = null;
    }
  }
  for (const [i, errors] of [...rowErrors].sort((a, b) => a[0] - b[0])) {
    for (const e of errors) {
      const index = columnOf(e.field);
      result.errors.push({
        row: i + 2,
        field: e.field,
        column: index === null ? null : (headers[index] ?? null),
        value: index === null ? null : (rows[i]?.[index] ?? null),
        message: e.message,
      });
    }
  }
  result.errorRows = rowErrors.size;
  return { ...result, columnOf };
}
