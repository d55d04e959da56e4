import {
  GoogleSheetsConfig,
  GoogleSheetsConfigUpdate,
  WebhookConfig,
  WebhookConfigUpdate,
  XlsxConfig,
  XlsxConfigUpdate,
  type CreateSyncTargetInput,
  type SyncEventType,
  type SyncRecord,
  type SyncRecordState,
  type SyncTarget,
  type SyncTargetKind,
  type UpdateSyncTargetInput,
  type WebhookDelivery,
} from '@bizdash/contracts/sync';
import { AppError } from '@bizdash/domain/errors';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { toBool } from '../../platform/db/schema';
import { SYNC_DELIVER_JOB, type EventType } from '../../platform/jobs/events';
import type { JobQueue } from '../../platform/jobs/queue-types';
import type { SyncTargetsTable } from '../../platform/jobs/jobs.tables';
import type { RequestContext } from '../../platform/request-context';
import { decryptSecret, encryptSecret } from '../../platform/security/secrets';
import type { SyncDriver } from './sync-driver';

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

/** Per kind: the full config schema, the PATCH schema, and which fields are write-only secrets. */
const KINDS: Record<SyncTargetKind, { full: z.ZodType; update: z.ZodType; secrets: readonly string[] }> = {
  webhook: { full: WebhookConfig, update: WebhookConfigUpdate, secrets: ['secret'] },
  google_sheets: { full: GoogleSheetsConfig, update: GoogleSheetsConfigUpdate, secrets: ['privateKey'] },
  xlsx: { full: XlsxConfig, update: XlsxConfigUpdate, secrets: [] },
};

type TargetRow = Pick<
  SyncTargetsTable,
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

  function sealConfig(kind: SyncTargetKind, config: Record<string, unknown>): string {
    const stored: Record<string, unknown> = { ...config };
    for (const field of KINDS[kind].secrets) {
      if (typeof stored[field] === 'string') stored[field] = encryptSecret(encryptionKey, stored[field]);
    }
    return JSON.stringify(stored);
  }

  function openConfig(kind: SyncTargetKind, stored: string): Record<string, unknown> {
    const config = JSON.parse(stored) as Record<string, unknown>;
    for (const field of KINDS[kind].secrets) {
      if (typeof config[field] === 'string') config[field] = decryptSecret(encryptionKey, config[field]);
    }
    return config;
  }

  /** The config a client may see: secrets replaced by has* flags. */
  function viewConfig(kind: SyncTargetKind, stored: string): SyncTarget['config'] {
    const config = JSON.parse(stored) as Record<string, unknown>;
    const view: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) {
      if (KINDS[kind].secrets.includes(key)) continue;
      view[key] = value;
    }
    for (const field of KINDS[kind].secrets) {
      view[`has${field[0]!.toUpperCase()}${field.slice(1)}`] = typeof config[field] === 'string';
    }
    return view as SyncTarget['config'];
  }

  async function loadRow(id: number): Promise<TargetRow> {
    const row = await database.db.selectFrom('sync_targets').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `Sync target ${id} not found`);
    return { ...row, id: Number(row.id) };
  }

  async function toView(rows: TargetRow[]): Promise<SyncTarget[]> {
    if (rows.length === 0) return [];
    const counts = await database.db
      .selectFrom('sync_records')
      .select(['target_id', 'state', sql<number>`count(*)`.as('n')])
      .where(
        'target_id',
        'in',
        rows.map((r) => r.id),
      )
      .groupBy(['target_id', 'state'])
      .execute();
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

  function parseConfig(schema: z.ZodType, value: unknown): Record<string, unknown> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = ['config', ...issue.path.map(String)].join('.');
      throw new AppError('VALIDATION_FAILED', `${field}: ${issue.message}`, { field });
    }
    return parsed.data as Record<string, unknown>;
  }

  async function list(): Promise<{ items: SyncTarget[] }> {
    const rows = await database.db.selectFrom('sync_targets').selectAll().orderBy('name').orderBy('id').execute();
    return { items: await toView(rows.map((r) => ({ ...r, id: Number(r.id) }))) };
  }

  async function get(id: number): Promise<SyncTarget> {
    return (await toView([await loadRow(id)]))[0]!;
  }

  async function create(ctx: RequestContext, input: CreateSyncTargetInput): Promise<SyncTarget> {
    const config = parseConfig(KINDS[input.kind].full, input.config);
    const now = clock.now().toISOString();
    const id = await database.transaction(async (tx) => {
      const row = await tx
        .insertInto('sync_targets')
        .values({
          kind: input.kind,
          name: input.name,
          config: sealConfig(input.kind, config),
          events: JSON.stringify(input.events),
          is_active: input.isActive,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(tx, ctx, {
        action: 'sync_target.created',
        entity: 'sync_target',
        entityId: Number(row.id),
        changes: {
          kind: { before: null, after: input.kind },
          name: { before: null, after: input.name },
          events: { before: null, after: input.events },
          isActive: { before: null, after: input.isActive },
        },
      });
      return Number(row.id);
    });
    return get(id);
  }

  async function update(ctx: RequestContext, id: number, input: UpdateSyncTargetInput): Promise<SyncTarget> {
    await database.transaction(async (tx) => {
      const row = await tx.selectFrom('sync_targets').selectAll().where('id', '=', id).executeTakeFirst();
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
      await tx
        .updateTable('sync_targets')
        .set({ ...(set as object), updated_at: clock.now().toISOString() })
        .where('id', '=', id)
        .execute();
      await audit.record(tx, ctx, { action: 'sync_target.updated', entity: 'sync_target', entityId: id, changes });
    });
    return get(id);
  }

  async function remove(ctx: RequestContext, id: number): Promise<void> {
    await database.transaction(async (tx) => {
      const row = await tx
        .selectFrom('sync_targets')
        .select(['id', 'name', 'kind'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', `Sync target ${id} not found`);
      await tx.deleteFrom('webhook_deliveries').where('target_id', '=', id).execute();
      await tx.deleteFrom('sync_records').where('target_id', '=', id).execute();
      await tx.deleteFrom('sync_targets').where('id', '=', id).execute();
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
    let base = database.db.selectFrom('sync_records').where('target_id', '=', targetId);
    if (query.state) base = base.where('state', '=', query.state);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .leftJoin('events', 'events.id', 'sync_records.last_event_id')
      .select([
        'sync_records.id',
        'sync_records.target_id',
        'sync_records.entity',
        'sync_records.entity_id',
        'sync_records.state',
        'sync_records.row_ref',
        'sync_records.attempts',
        'sync_records.last_error',
        'sync_records.last_event_id',
        'sync_records.updated_at',
        'events.type as event_type',
      ])
      .orderBy('sync_records.updated_at', 'desc')
      .orderBy('sync_records.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
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
      total: Number(total.n),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async function deliveries(
    targetId: number,
    query: { page: number; pageSize: number },
  ): Promise<{ items: WebhookDelivery[]; total: number; page: number; pageSize: number }> {
    await loadRow(targetId);
    const base = database.db.selectFrom('webhook_deliveries').where('target_id', '=', targetId);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
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
      total: Number(total.n),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Sends a delivery's event to its target again, through the queue (a new job, retried like any other). */
  async function replay(ctx: RequestContext, targetId: number, deliveryId: number): Promise<void> {
    await database.transaction(async (tx) => {
      const delivery = await tx
        .selectFrom('webhook_deliveries')
        .select(['id', 'event_id'])
        .where('id', '=', deliveryId)
        .where('target_id', '=', targetId)
        .executeTakeFirst();
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
  async function deliver(payload: Record<string, unknown>): Promise<void> {
    const targetId = Number(payload.targetId);
    const eventId = Number(payload.eventId);
    const row = await database.db.selectFrom('sync_targets').selectAll().where('id', '=', targetId).executeTakeFirst();
    // A target deleted or switched off since the event: nothing to deliver.
    if (!row || !toBool(row.is_active)) return;
    const event = await database.db.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
    if (!event) throw new Error(`Event ${eventId} not found`);
    const driver = drivers.find((d) => d.kind === row.kind);
    if (!driver) throw new Error(`No sync driver for targets of kind "${row.kind}" is installed`);
    const now = clock.now().toISOString();
    await database.db
      .insertInto('sync_records')
      .values({
        target_id: targetId,
        entity: event.entity,
        entity_id: event.entity_id,
        state: 'pending',
        last_event_id: eventId,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['target_id', 'entity', 'entity_id']).doNothing())
      .execute();
    const record = await database.db
      .selectFrom('sync_records')
      .select(['id', 'row_ref', 'state', 'last_event_id'])
      .where('target_id', '=', targetId)
      .where('entity', '=', event.entity)
      .where('entity_id', '=', event.entity_id)
      .executeTakeFirstOrThrow();
    // An older event finishing after a newer one was raised must not mark the record synced: the newer job will.
    const isLatest = record.last_event_id === null || Number(record.last_event_id) <= eventId;
    const input = {
      target: { id: targetId, name: row.name, config: openConfig(row.kind, row.config) },
      event: {
        id: eventId,
        type: event.type as EventType,
        entity: event.entity,
        entityId: event.entity_id,
        payload: JSON.parse(event.payload) as Record<string, unknown>,
        at: new Date(event.at).toISOString(),
      },
      record: { rowRef: record.row_ref, state: record.state },
      executor: database.db,
      replay: payload.replay === true,
    };
    let result: Awaited<ReturnType<SyncDriver['deliver']>>;
    try {
      result = await driver.deliver(input);
    } catch (error) {
      await database.db
        .updateTable('sync_records')
        .set((eb) => ({
          ...(isLatest ? { state: 'failed' as const } : {}),
          attempts: eb('attempts', '+', 1),
          last_error: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
          updated_at: clock.now().toISOString(),
        }))
        .where('id', '=', record.id)
        .execute();
      throw error;
    }
    await database.db
      .updateTable('sync_records')
      .set((eb) => ({
        ...(isLatest ? { state: result.state ?? 'synced' } : {}),
        ...(result.rowRef !== undefined ? { row_ref: result.rowRef } : {}),
        attempts: eb('attempts', '+', 1),
        last_error: null,
        updated_at: clock.now().toISOString(),
      }))
      .where('id', '=', record.id)
      .execute();
  }

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
