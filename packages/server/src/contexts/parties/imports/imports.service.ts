import { csvSafeCell } from '../../../platform/export/table-export';
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { stringify } from 'csv-stringify/sync';
import type {
  ImportBatch,
  ImportEntity,
  ImportOptions,
  ImportPreview,
  ImportValidation,
} from '@bizdash/contracts/imports';
import { AppError } from '@bizdash/domain/errors';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import type { MastersService } from '../masters/masters.service';
import type { PartiesService } from '../parties/parties.service';
import { itemSpec, partySpec, type ImportSpec } from './import-specs';
import type { ImportBatchesTable } from './imports.tables';
import { checkRows, suggestMapping } from './import-check';
import { parseTable } from './parse-table';
import {
  advanceBatch,
  claimBatch,
  deleteStaleBatches,
  findBatch,
  finishBatch,
  getBatch,
  insertBatch,
  setBatchOptions,
} from './imports.repo';

export { suggestMapping } from './import-check';

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

export function makeImportsService({ database, audit, clock, parties, masters }: ImportsServiceDeps) {
  const specs: Record<ImportEntity, ImportSpec> = {
    parties: partySpec(parties) as ImportSpec,
    items: itemSpec(masters) as ImportSpec,
  };

  function specFor(entity: ImportEntity): ImportSpec {
    return specs[entity];
  }

  async function load(entity: ImportEntity, id: string) {
    const row = await findBatch(database.db, id);
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
    // A commit cut short is kept, so that committing it again can finish it.
    await deleteStaleBatches(database.db, new Date(now.getTime() - STAGE_TTL_MS).toISOString());
    await insertBatch(database.db, {
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
    });
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

  function parseBatch(row: ImportBatchesTable) {
    // Written by stage() from parsed cells.
    return { headers: JSON.parse(row.headers) as string[], rows: JSON.parse(row.rows) as string[][] };
  }

  async function validate(entity: ImportEntity, id: string, options: ImportOptions): Promise<ImportValidation> {
    const spec = specFor(entity);
    const row = await load(entity, id);
    const { headers, rows } = parseBatch(row);
    const checked = await checkRows(database.db, spec, headers, rows, options);
    await setBatchOptions(database.db, id, JSON.stringify(options));
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
    const checked = await checkRows(
      database.db,
      specFor(entity),
      headers,
      rows,
      JSON.parse(row.options) as ImportOptions,
    );
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
    const checked = await checkRows(database.db, spec, headers, pending, effective);
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
        if (!(await claimBatch(database.db, id, JSON.stringify(options)))) {
          throw new AppError('INVALID_STATE', 'This file has already been imported');
        }
      }
      for (let start = 0; start < checked.inputs.length; start += COMMIT_CHUNK_ROWS) {
        const chunk = checked.inputs.slice(start, start + COMMIT_CHUNK_ROWS);
        await database.transaction(async (tx) => {
          const done = from + start;
          if (!(await advanceBatch(tx, id, done, done + chunk.length))) {
            throw new AppError('INVALID_STATE', 'This file is being imported by another request');
          }
          for (const input of chunk) await spec.createIn(tx, ctx, input);
        });
        await yieldToEventLoop();
      }
      return await database.transaction(async (tx) => {
        if (!(await finishBatch(tx, id, rows.length, clock.now().toISOString()))) {
          throw new AppError('INVALID_STATE', 'This file is being imported by another request');
        }
        await audit.record(tx, ctx, {
          action: 'import.committed',
          entity: 'import',
          entityId: id,
          changes: { entity: { before: null, after: entity }, rows: { before: null, after: rows.length } },
        });
        const after = await getBatch(tx, id);
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
