import { AppError } from '@bizdash/domain/errors';
import type { Transaction } from 'kysely';
import { diffRecords, type AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import { isUniqueViolation, type Database, type Executor } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import type { RequestContext } from '../../../platform/request-context';
import { archiveRow, makeMastersRepo, type MasterTable } from './masters.repo';

export interface MastersServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
}

export type Tx = Transaction<DB>;

/** Fields of the API shape that the audit trail leaves out: they change on every write or never. */
const AUDIT_IGNORE = ['id', 'createdAt', 'updatedAt'];

/** What still uses a record that is to be archived. */
export interface Usage {
  usedBy: string;
  count: number;
  names: string[];
}

export type MastersCore = ReturnType<typeof makeMastersCore>;

/** What every master shares: uniqueness checks, writes that map unique violations, archiving and the audit trail. */
export function makeMastersCore({ database, audit, clock }: MastersServiceDeps) {
  const repo = makeMastersRepo(database);
  const now = () => clock.now().toISOString();

  function notFound(what: string, id: number): never {
    throw new AppError('NOT_FOUND', `${what} ${id} not found`);
  }

  async function assertUnique(
    tx: Executor,
    table: MasterTable,
    column: 'name' | 'cin' | 'isin',
    value: string | null | undefined,
    exceptId: number | null,
    label: string,
  ) {
    if (value === undefined || value === null) return;
    if ((await repo.findOtherWith(tx, table, column, value, exceptId)) !== null) {
      const field = column;
      throw new AppError('DUPLICATE', `Another ${label} already has the ${column} "${value}"`, { field });
    }
  }

  /** Runs a write; a unique index that fires despite the pre-check (a concurrent insert) is still a DUPLICATE. */
  async function write<T>(label: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await database.transaction(fn);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('DUPLICATE', `Another ${label} already has this name`, { field: 'name' });
      }
      throw error;
    }
  }

  /** Sets archived_at, unless something live still uses the record (409 IN_USE says what). */
  async function archiveRecord<T extends { archivedAt: string | null }>(
    ctx: RequestContext,
    spec: {
      table: MasterTable;
      entity: string;
      label: string;
      id: number;
      load: (executor: Executor, id: number) => Promise<T | undefined>;
      usage?: (tx: Tx, id: number) => Promise<Usage | null>;
    },
  ): Promise<T> {
    return database.transaction(async (tx) => {
      const before = await spec.load(tx, spec.id);
      if (!before) notFound(spec.label, spec.id);
      if (before.archivedAt !== null) return before;
      const usage = spec.usage ? await spec.usage(tx, spec.id) : null;
      if (usage && usage.count > 0) {
        const more = usage.count > usage.names.length ? ` and ${usage.count - usage.names.length} more` : '';
        throw new AppError(
          'IN_USE',
          `This ${spec.label} is used by ${usage.count} ${usage.usedBy}${usage.count === 1 ? '' : 's'} ` +
            `(${usage.names.join(', ')}${more}); change or archive those first`,
          { usedBy: usage.usedBy, count: usage.count, names: usage.names },
        );
      }
      const at = now();
      await archiveRow(tx, spec.table, spec.id, at);
      const after = await spec.load(tx, spec.id);
      if (!after) notFound(spec.label, spec.id);
      await audit.record(tx, ctx, {
        action: `${spec.entity}.archived`,
        entity: spec.entity,
        entityId: spec.id,
        changes: diffRecords({ archivedAt: null }, { archivedAt: after.archivedAt }),
      });
      return after;
    });
  }

  async function recordCreated(tx: Tx, ctx: RequestContext, entity: string, record: { id: number }) {
    await audit.record(tx, ctx, {
      action: `${entity}.created`,
      entity,
      entityId: record.id,
      changes: diffRecords(null, record, AUDIT_IGNORE),
    });
  }

  async function recordUpdated(tx: Tx, ctx: RequestContext, entity: string, before: object, after: { id: number }) {
    // cast: API shapes are plain JSON objects
    const changes = diffRecords(before as Record<string, unknown>, after as Record<string, unknown>, AUDIT_IGNORE);
    if (Object.keys(changes).length > 0) {
      await audit.record(tx, ctx, { action: `${entity}.updated`, entity, entityId: after.id, changes });
    }
  }

  return { database, repo, now, notFound, assertUnique, write, archiveRecord, recordCreated, recordUpdated };
}
