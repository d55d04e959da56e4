import { csvSafeCell } from '../../platform/export/table-export';
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { stringify } from 'csv-stringify/sync';
import type {
  ImportBatch,
  ImportEntity,
  ImportMapping,
  ImportOptions,
  ImportPreview,
  ImportRowError,
  ImportValidation,
} from '@bizdash/contracts/imports';
import { AppError, isAppError } from '@bizdash/domain/errors';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { RequestContext } from '../../platform/request-context';
import type { MastersService } from '../masters/masters.service';
import type { PartiesService } from '../parties/parties.service';
import { itemSpec, partySpec, type ImportSpec } from './import-specs';
import type { ImportBatchesTable } from './imports.tables';
import { parseTable } from './parse-table';

export interface ImportsServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  parties: PartiesService;
  masters: MastersService;
}

export type ImportsService = ReturnType<typeof makeImportsService>;

/** Staged files older than this are removed when the next one arrives. */
const STAGE_TTL_MS = 24 * 60 * 60 * 1000;
const SAMPLE_ROWS = 10;
const ERRORS_SHOWN = 200;
/**
 * Rows written per transaction. A party costs about half a millisecond to write on SQLite (the row, contacts,
 * search index, audit entry and event), so a chunk holds the one connection (and, on PostgreSQL, the audit chain
 * head) for about 100 ms; requests that arrived meanwhile run before the next chunk.
 */
const COMMIT_CHUNK_ROWS = 200;
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

export function makeImportsService({ database, audit, clock, parties, masters }: ImportsServiceDeps) {
  const specs: Record<ImportEntity, ImportSpec> = {
    parties: partySpec(parties) as ImportSpec,
    items: itemSpec(masters) as ImportSpec,
  };

  function specFor(entity: ImportEntity): ImportSpec {
    return specs[entity];
  }

  async function load(entity: ImportEntity, id: string) {
    const row = await database.db.selectFrom('import_batches').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.entity !== entity) throw new AppError('NOT_FOUND', `Import ${id} not found`);
    return row;
  }

  function toBatch(row: ImportBatchesTable): ImportBatch {
    return {
      id: row.id,
      entity: row.entity as ImportEntity,
      fileName: row.file_name,
      rowCount: row.row_count,
      status: row.status,
      committedCount: row.committed_count,
      createdAt: row.created_at,
      committedAt: row.committed_at,
    };
  }

  /** Reads the uploaded file and keeps its rows for the mapping step. Nothing is imported yet. */
  async function stage(
    ctx: RequestContext,
    entity: ImportEntity,
    fileName: string,
    bytes: Buffer,
  ): Promise<ImportPreview> {
    const spec = specFor(entity);
    const table = await parseTable(bytes);
    const id = randomUUID();
    const now = clock.now();
    await database.db
      .deleteFrom('import_batches')
      .where('created_at', '<', new Date(now.getTime() - STAGE_TTL_MS).toISOString())
      // A commit cut short is kept, so that committing it again can finish it.
      .where('status', '!=', 'committing')
      .execute();
    await database.db
      .insertInto('import_batches')
      .values({
        id,
        entity,
        file_name: fileName,
        headers: JSON.stringify(table.headers),
        rows: JSON.stringify(table.rows),
        row_count: table.rows.length,
        options: null,
        status: 'staged',
        created_by: ctx.actor.type === 'user' ? ctx.actor.id : null,
        created_at: now.toISOString(),
        committed_at: null,
        committed_count: null,
      })
      .execute();
    return {
      id,
      entity,
      fileName,
      rowCount: table.rows.length,
      headers: table.headers,
      sampleRows: table.rows.slice(0, SAMPLE_ROWS),
      fields: spec.fields.map(({ key, label, required, hint }) => ({ key, label, required, hint })),
      suggestedMapping: suggestMapping(spec, table.headers),
    };
  }

  /** Every row through the same rules as the API's create, collecting errors instead of stopping at the first. */
  async function check(spec: ImportSpec, headers: string[], rows: string[][], options: ImportOptions) {
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
      const more = await spec.checkBatch(database.db, result.inputs);
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

  function parseBatch(row: ImportBatchesTable) {
    // Written by stage() from parsed cells.
    return { headers: JSON.parse(row.headers) as string[], rows: JSON.parse(row.rows) as string[][] };
  }

  async function validate(entity: ImportEntity, id: string, options: ImportOptions): Promise<ImportValidation> {
    const spec = specFor(entity);
    const row = await load(entity, id);
    const { headers, rows } = parseBatch(row);
    const checked = await check(spec, headers, rows, options);
    await database.db
      .updateTable('import_batches')
      .set({ options: JSON.stringify(options) })
      .where('id', '=', id)
      .execute();
    return {
      id,
      rowCount: rows.length,
      validCount: rows.length - checked.errorRows,
      errorRowCount: checked.errorRows,
      errorCount: checked.errors.length,
      errors: checked.errors.slice(0, ERRORS_SHOWN),
      preview: rows.slice(0, SAMPLE_ROWS).map((r) => {
        const record: Record<string, string> = {};
        for (const field of spec.fields) {
          const index = checked.columnOf(field.key);
          if (index !== null) record[field.key] = r[index] ?? '';
        }
        return record;
      }),
    };
  }

  /** The full error list of the last validation, as CSV a user can fix the file from. */
  async function errorsCsv(entity: ImportEntity, id: string): Promise<string> {
    const row = await load(entity, id);
    if (!row.options)
      throw new AppError('INVALID_STATE', 'Check the mapping first; there are no errors to download yet');
    const { headers, rows } = parseBatch(row);
    const checked = await check(specFor(entity), headers, rows, JSON.parse(row.options) as ImportOptions);
    return (
      '\uFEFF' +
      stringify([
        ['Row', 'Column', 'Field', 'Value', 'Error'],
        // The values are what the user uploaded: neutralised, so a formula in the file does not run when the
        // error list is opened.
        ...checked.errors.map((e) => [
          e.row,
          csvSafeCell(e.column ?? ''),
          e.field,
          csvSafeCell(e.value ?? ''),
          e.message,
        ]),
      ])
    );
  }

  /** Batches whose commit is running in this process; a second request for one of them is refused. */
  const running = new Set<string>();

  /**
   * Imports every row, as a job with progress, so that no request waits behind a large import:
   * 1. every row is checked first; any error refuses the whole file and nothing is written;
   * 2. the batch is claimed ('staged' → 'committing', with the mapping it was checked with);
   * 3. rows are written COMMIT_CHUNK_ROWS at a time, each chunk in its own short transaction that also moves
   *    `committed_count` on (only from the value this request expects), yielding to other requests in between;
   * 4. one last short transaction marks the batch committed and records the import's audit entry.
   * The file is imported completely and exactly once: rows were all checked before the first was written, a chunk
   * and its progress mark commit together, and if the process stops (or a chunk fails) mid-way, committing the
   * batch again resumes at the mark with the original mapping. Chosen over hiding rows until a final flip, which
   * would need a "pending" filter in every query, search and event that reads parties or items; the price is that
   * other requests can see the rows of finished chunks while the import runs.
   */
  async function commit(ctx: RequestContext, entity: ImportEntity, id: string, options: ImportOptions) {
    const spec = specFor(entity);
    const row = await load(entity, id);
    if (row.status === 'committed') throw new AppError('INVALID_STATE', 'This file has already been imported');
    if (running.has(id)) throw new AppError('INVALID_STATE', 'This file is being imported now');
    const isResuming = row.status === 'committing';
    const from = isResuming ? (row.committed_count ?? 0) : 0;
    const effective = isResuming && row.options ? (JSON.parse(row.options) as ImportOptions) : options;
    const { headers, rows } = parseBatch(row);
    const pending = rows.slice(from);
    const checked = await check(spec, headers, pending, effective);
    if (checked.errors.length > 0) {
      const errors = checked.errors.map((e) => ({ ...e, row: e.row + from }));
      throw new AppError(
        'IMPORT_INVALID',
        isResuming
          ? `${checked.errorRows} of the ${pending.length} rows not yet imported have errors; ${from} are imported`
          : `${checked.errorRows} of ${rows.length} rows have errors; nothing was imported`,
        { field: 'file', errorCount: errors.length, errors: errors.slice(0, 20) },
      );
    }
    running.add(id);
    try {
      if (!isResuming) {
        // Claim the batch first: a second commit of the same file finds it taken.
        const claimed = await database.db
          .updateTable('import_batches')
          .set({ status: 'committing', committed_count: 0, options: JSON.stringify(options) })
          .where('id', '=', id)
          .where('status', '=', 'staged')
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) {
          throw new AppError('INVALID_STATE', 'This file has already been imported');
        }
      }
      for (let start = 0; start < checked.inputs.length; start += COMMIT_CHUNK_ROWS) {
        const chunk = checked.inputs.slice(start, start + COMMIT_CHUNK_ROWS);
        await database.transaction(async (tx) => {
          const done = from + start;
          const advanced = await tx
            .updateTable('import_batches')
            .set({ committed_count: done + chunk.length })
            .where('id', '=', id)
            .where('status', '=', 'committing')
            .where('committed_count', '=', done)
            .executeTakeFirst();
          if (Number(advanced.numUpdatedRows) !== 1) {
            throw new AppError('INVALID_STATE', 'This file is being imported by another request');
          }
          for (const input of chunk) await spec.createIn(tx, ctx, input);
        });
        await yieldToEventLoop();
      }
      return await database.transaction(async (tx) => {
        const finished = await tx
          .updateTable('import_batches')
          .set({ status: 'committed', committed_at: clock.now().toISOString(), committed_count: rows.length })
          .where('id', '=', id)
          .where('status', '=', 'committing')
          .where('committed_count', '=', rows.length)
          .executeTakeFirst();
        if (Number(finished.numUpdatedRows) !== 1) {
          throw new AppError('INVALID_STATE', 'This file is being imported by another request');
        }
        await audit.record(tx, ctx, {
          action: 'import.committed',
          entity: 'import',
          entityId: id,
          changes: { entity: { before: null, after: entity }, rows: { before: null, after: rows.length } },
        });
        const after = await tx.selectFrom('import_batches').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        return toBatch(after);
      });
    } finally {
      running.delete(id);
    }
  }

  async function get(entity: ImportEntity, id: string): Promise<ImportBatch> {
    return toBatch(await load(entity, id));
  }

  return { stage, validate, errorsCsv, commit, get };
}
