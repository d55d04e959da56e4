import type {
  CreateSyncTargetInput,
  SyncEventType,
  SyncRecord,
  SyncRecordState,
  SyncTarget,
  UpdateSyncTargetInput,
  WebhookDelivery,
} from '@bizdash/contracts/sync';
import { AppError } from '@bizdash/domain/errors';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import { SYNC_DELIVER_JOB } from '../../../platform/jobs/events.repo';
import type { JobQueue } from '../../../platform/jobs/queue-types';
import type { RequestContext } from '../../../platform/request-context';
import { findDelivery, listDeliveriesPage } from './deliveries.repo';
import type { SyncDriver } from './sync-driver';
import { makeSyncDeliver } from './sync-deliver';
import {
  deleteTarget,
  findTarget,
  insertTarget,
  listRecordsPage,
  listTargets,
  recordCountsByState,
  updateTarget,
  type SyncTargetRow,
} from './sync.repo';
import { KINDS, makeConfigSealer, parseConfig, viewConfig } from './target-config';

export interface SyncServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  queue: JobQueue;
  drivers: SyncDriver[];
  /** keys.encryption: secrets in target configs are stored encrypted with it. */
  encryptionKey: Buffer;
}

export type SyncService = ReturnType<typeof makeSyncService>;

type TargetRow = Pick<
  SyncTargetRow,
  'kind' | 'name' | 'config' | 'events' | 'is_active' | 'created_at' | 'updated_at'
> & {
  id: number;
};

/**
 * Sync targets (webhooks, Google Sheets, the XLSX ledger), their per-record sync state and the webhook delivery log.
 * Registers the `sync.deliver` job: events reach a target only through the queue, so a slow or failing target never
 * touches the business write that raised the event.
 */
export function makeSyncService(deps: SyncServiceDeps) {
  const { database, audit, clock, queue, drivers, encryptionKey } = deps;

  const { sealConfig, openConfig } = makeConfigSealer(encryptionKey);

  async function loadRow(id: number): Promise<TargetRow> {
    const row = await findTarget(database.db, id);
    if (!row) throw new AppError('NOT_FOUND', `Sync target ${id} not found`);
    return { ...row, id: Number(row.id) };
  }

  async function toView(rows: TargetRow[]): Promise<SyncTarget[]> {
    if (rows.length === 0) return [];
    const counts = await recordCountsByState(
      database.db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => {
      const of = (state: string) =>
        Number(counts.find((c) => Number(c.target_id) === row.id && c.state === state)?.n ?? 0);
      return {
        id: row.id,
        kind: row.kind,
        name: row.name,
        events: JSON.parse(row.events) as SyncEventType[],
        isActive: toBool(row.is_active),
        config: viewConfig(row.kind, row.config),
        counts: { pending: of('pending'), synced: of('synced'), failed: of('failed') },
        createdAt: new Date(row.created_at).toISOString(),
        updatedAt: new Date(row.updated_at).toISOString(),
      };
    });
  }

  async function list(): Promise<{ items: SyncTarget[] }> {
    const rows = await listTargets(database.db);
    return { items: await toView(rows.map((r) => ({ ...r, id: Number(r.id) }))) };
  }

  async function get(id: number): Promise<SyncTarget> {
    return (await toView([await loadRow(id)]))[0]!;
  }

  async function create(ctx: RequestContext, input: CreateSyncTargetInput): Promise<SyncTarget> {
    const config = parseConfig(KINDS[input.kind].full, input.config);
    const now = clock.now().toISOString();
    const id = await database.transaction(async (tx) => {
      const targetId = await insertTarget(tx, {
        kind: input.kind,
        name: input.name,
        config: sealConfig(input.kind, config),
        events: JSON.stringify(input.events),
        is_active: input.isActive,
        created_at: now,
        updated_at: now,
      });
      await audit.record(tx, ctx, {
        action: 'sync_target.created',
        entity: 'sync_target',
        entityId: targetId,
        changes: {
          kind: { before: null, after: input.kind },
          name: { before: null, after: input.name },
          events: { before: null, after: input.events },
          isActive: { before: null, after: input.isActive },
        },
      });
      return targetId;
    });
    return get(id);
  }

  async function update(ctx: RequestContext, id: number, input: UpdateSyncTargetInput): Promise<SyncTarget> {
    await database.transaction(async (tx) => {
      const row = await findTarget(tx, id);
      if (!row) throw new AppError('NOT_FOUND', `Sync target ${id} not found`);
      const set: Partial<Record<'name' | 'events' | 'is_active' | 'config', unknown>> = {};
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      if (input.name !== undefined && input.name !== row.name) {
        set.name = input.name;
        changes.name = { before: row.name, after: input.name };
      }
      if (input.events !== undefined) {
        const before = JSON.parse(row.events) as string[];
        if (JSON.stringify(before) !== JSON.stringify(input.events)) {
          set.events = JSON.stringify(input.events);
          changes.events = { before, after: input.events };
        }
      }
      if (input.isActive !== undefined && input.isActive !== toBool(row.is_active)) {
        set.is_active = input.isActive;
        changes.isActive = { before: toBool(row.is_active), after: input.isActive };
      }
      if (input.config !== undefined) {
        const patch = parseConfig(KINDS[row.kind].update, input.config);
        const merged = { ...openConfig(row.kind, row.config) };
        for (const [key, value] of Object.entries(patch)) if (value !== undefined) merged[key] = value;
        const full = parseConfig(KINDS[row.kind].full, merged);
        set.config = sealConfig(row.kind, full);
        // Secrets are recorded as changed, never with their values.
        changes.config = {
          before: viewConfig(row.kind, row.config),
          after: viewConfig(row.kind, set.config as string),
        };
        for (const field of KINDS[row.kind].secrets) {
          if (patch[field] !== undefined) changes[`config.${field}`] = { before: '[redacted]', after: '[redacted]' };
        }
      }
      if (Object.keys(set).length === 0) return;
      await updateTarget(tx, id, { ...set, updated_at: clock.now().toISOString() });
      await audit.record(tx, ctx, { action: 'sync_target.updated', entity: 'sync_target', entityId: id, changes });
    });
    return get(id);
  }

  async function remove(ctx: RequestContext, id: number): Promise<void> {
    await database.transaction(async (tx) => {
      const row = await findTarget(tx, id);
      if (!row) throw new AppError('NOT_FOUND', `Sync target ${id} not found`);
      await deleteTarget(tx, id);
      await audit.record(tx, ctx, {
        action: 'sync_target.deleted',
        entity: 'sync_target',
        entityId: id,
        changes: { name: { before: row.name, after: null }, kind: { before: row.kind, after: null } },
      });
    });
  }

  async function records(
    targetId: number,
    query: { page: number; pageSize: number; state?: SyncRecordState | undefined },
  ): Promise<{ items: SyncRecord[]; total: number; page: number; pageSize: number }> {
    await loadRow(targetId);
    const { rows, total } = await listRecordsPage(database.db, targetId, query);
    return {
      items: rows.map((r) => ({
        id: Number(r.id),
        targetId: Number(r.target_id),
        entity: r.entity,
        entityId: r.entity_id,
        state: r.state,
        rowRef: r.row_ref,
        attempts: Number(r.attempts),
        lastError: r.last_error,
        lastEventId: r.last_event_id === null ? null : Number(r.last_event_id),
        lastEventType: r.event_type ?? null,
        updatedAt: new Date(r.updated_at).toISOString(),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async function deliveries(
    targetId: number,
    query: { page: number; pageSize: number },
  ): Promise<{ items: WebhookDelivery[]; total: number; page: number; pageSize: number }> {
    await loadRow(targetId);
    const { rows, total } = await listDeliveriesPage(database.db, targetId, query);
    return {
      items: rows.map((r) => ({
        id: Number(r.id),
        targetId: Number(r.target_id),
        eventId: Number(r.event_id),
        eventType: r.event_type,
        attempt: Number(r.attempt),
        status: r.status === null ? null : Number(r.status),
        ok: toBool(r.ok),
        error: r.error,
        durationMs: Number(r.duration_ms),
        replay: toBool(r.replay),
        createdAt: new Date(r.created_at).toISOString(),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Sends a delivery's event to its target again, through the queue (a new job, retried like any other). */
  async function replay(ctx: RequestContext, targetId: number, deliveryId: number): Promise<void> {
    await database.transaction(async (tx) => {
      const delivery = await findDelivery(tx, targetId, deliveryId);
      if (!delivery) throw new AppError('NOT_FOUND', `Delivery ${deliveryId} of sync target ${targetId} not found`);
      await queue.enqueue(tx, {
        type: SYNC_DELIVER_JOB,
        payload: { targetId, eventId: Number(delivery.event_id), replay: true },
      });
      await audit.record(tx, ctx, {
        action: 'webhook_delivery.replayed',
        entity: 'sync_target',
        entityId: targetId,
        changes: { deliveryId: { before: null, after: deliveryId } },
      });
    });
  }

  /** The `sync.deliver` job: one event to one target, then the record's state. */
  const deliver = makeSyncDeliver({ database, clock, drivers, openConfig });
  queue.register(SYNC_DELIVER_JOB, deliver);

  /** A target with its secrets decrypted, for drivers' own jobs (e.g. the Sheets flush). */
  async function resolveTarget<C = Record<string, unknown>>(id: number) {
    const row = await loadRow(id);
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      isActive: toBool(row.is_active),
      config: openConfig(row.kind, row.config) as C,
    };
  }

  return { list, get, create, update, remove, records, deliveries, replay, resolveTarget };
}
