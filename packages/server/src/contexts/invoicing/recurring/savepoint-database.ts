import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import type { Database } from '../../../platform/db/database';
import { releaseSavepoint, rollbackToSavepoint, savepoint } from './recurring.repo';

/**
 * A Database whose transactions are savepoints inside `tx`. A service written against Database (the invoices service)
 * then works unchanged inside a batch: each create or issue commits or rolls back on its own (a refused issue undoes
 * only itself) while the batch commits once; the ledger's before-commit hook runs at that one real commit.
 */
export function savepointDatabase(database: Database, tx: Transaction<DB>): Database {
  let next = 0;
  return {
    db: tx,
    dialect: database.dialect,
    async transaction(fn) {
      const name = `recurring_${++next}`;
      await savepoint(tx, name);
      try {
        const result = await fn(tx);
        await releaseSavepoint(tx, name);
        return result;
      } catch (error) {
        await rollbackToSavepoint(tx, name);
        await releaseSavepoint(tx, name);
        throw error;
      }
    },
    setBeforeCommit() {
      throw new Error('A batch has no hooks of its own: the enclosing transaction runs them');
    },
    async destroy() {
      throw new Error('A batch cannot close the database');
    },
  };
}
