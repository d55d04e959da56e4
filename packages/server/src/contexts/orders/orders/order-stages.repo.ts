import type { Executor } from '../../../platform/db/database';

/** The queries of the stage settings: one row (id 1), absent until the business first changes them. */

export function findStageSettings(executor: Executor) {
  return executor.selectFrom('order_stage_settings').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function saveStageSettings(
  executor: Executor,
  values: { labels: string; disabled_transitions: string; updated_at: string },
): Promise<void> {
  await executor
    .insertInto('order_stage_settings')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
