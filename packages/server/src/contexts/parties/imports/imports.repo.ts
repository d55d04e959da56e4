import type { Executor } from '../../../platform/db/database';
import type { ImportBatchesTable } from './imports.tables';

export function findBatch(executor: Executor, id: string): Promise<ImportBatchesTable | undefined> {
  return executor.selectFrom('import_batches').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getBatch(executor: Executor, id: string): Promise<ImportBatchesTable> {
  return executor.selectFrom('import_batches').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Removes staged files created before `before`; a commit cut short is kept, so that committing it again can finish it. */
export async function deleteStaleBatches(executor: Executor, before: string): Promise<void> {
  await executor
    .deleteFrom('import_batches')
    .where('created_at', '<', before)
    .where('status', '!=', 'committing')
    .execute();
}

export async function insertBatch(executor: Executor, row: ImportBatchesTable): Promise<void> {
  await executor.insertInto('import_batches').values(row).execute();
}

/** Keeps the options (the mapping) a batch was last checked with. */
export async function setBatchOptions(executor: Executor, id: string, options: string): Promise<void> {
  await executor.updateTable('import_batches').set({ options }).where('id', '=', id).execute();
}

/** 'staged' → 'committing' with the options it is committed with; false when the batch was not staged. */
export async function claimBatch(executor: Executor, id: string, options: string): Promise<boolean> {
  const claimed = await executor
    .updateTable('import_batches')
    .set({ status: 'committing', committed_count: 0, options })
    .where('id', '=', id)
    .where('status', '=', 'staged')
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** Moves a committing batch's progress mark from `done` to `to`; false when the mark was not at `done`. */
export async function advanceBatch(executor: Executor, id: string, done: number, to: number): Promise<boolean> {
  const advanced = await executor
    .updateTable('import_batches')
    .set({ committed_count: to })
    .where('id', '=', id)
    .where('status', '=', 'committing')
    .where('committed_count', '=', done)
    .executeTakeFirst();
  return Number(advanced.numUpdatedRows) === 1;
}

/** Marks a batch whose `rowCount` rows are all written committed; false when it was not in that state. */
export async function finishBatch(executor: Executor, id: string, rowCount: number, at: string): Promise<boolean> {
  const finished = await executor
    .updateTable('import_batches')
    .set({ status: 'committed', committed_at: at, committed_count: rowCount })
    .where('id', '=', id)
    .where('status', '=', 'committing')
    .where('committed_count', '=', rowCount)
    .executeTakeFirst();
  return Number(finished.numUpdatedRows) === 1;
}

/** Which of `names` items already use (at most 500 names per call). */
export async function existingItemNames(executor: Executor, names: string[]): Promise<string[]> {
  const rows = await executor.selectFrom('items').select('name').where('name', 'in', names).execute();
  return rows.map((r) => r.name);
}
