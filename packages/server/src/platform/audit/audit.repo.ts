import type { Transaction } from 'kysely';
import type { Dialect, DB, Executor } from '../db/database';
import { forUpdate } from '../db/dialect-sql';
import type { AuditLogTable } from './audit.tables';

/** The hash chain's storage: its head (locked while an entry is added), the entries, and reading them in order. */

/** Taking the chain head serialises writers on PostgreSQL; SQLite has one writer already. */
export function lockChainHead(tx: Transaction<DB>, dialect: Dialect) {
  return forUpdate(
    dialect,
    tx.selectFrom('audit_chain_head').select(['last_seq', 'last_hash']).where('id', '=', 1),
  ).executeTakeFirstOrThrow();
}

/** Appends an entry and moves the head to it. */
export async function appendEntry(tx: Transaction<DB>, row: AuditLogTable): Promise<void> {
  await tx.insertInto('audit_log').values(row).execute();
  await tx
    .updateTable('audit_chain_head')
    .set({ last_seq: row.seq, last_hash: row.hash })
    .where('id', '=', 1)
    .execute();
}

/** Up to `limit` entries from sequence number `fromSeq` on, in order. */
export function entriesFrom(executor: Executor, fromSeq: number, limit: number) {
  return executor
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>=', fromSeq)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
}

export function chainHead(executor: Executor) {
  return executor
    .selectFrom('audit_chain_head')
    .select(['last_seq', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
}
