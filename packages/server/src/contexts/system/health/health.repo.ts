import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database';

/** One round trip to the database: it answers, or this throws. */
export async function ping(executor: Executor): Promise<void> {
  await sql`select 1`.execute(executor);
}
