import type {
  AssigneeList,
  AssigneeQuery,
  Board,
  BoardQuery,
  CreateOrderInput,
  ListOrdersQuery,
  OrderDetail,
  OrderPage,
  StageCode,
  TimelinePage,
  TimelineQuery,
  TransitionInput,
  UpdateOrderInput,
} from '@bizdash/contracts/orders';
import { AppError } from '@bizdash/domain/errors';
import { financialYearOf } from '@bizdash/domain/fiscal-year';
import { parseAmount } from '@bizdash/domain/money';
import { STAFF_ROLES } from '@bizdash/domain/permissions';
import { addDays } from '@bizdash/domain/orders/calendar';
import {
  INITIAL_STAGE,
  STAGE_CODES,
  allowedTargets,
  assertTransition,
  isReopen,
  isTerminalStage,
  suggestTransition,
} from '@bizdash/domain/orders/lifecycle';
import { diffRecords, type AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database, Executor } from '../../../platform/db/database';
import { containsText } from '../../../platform/db/dialect-sql';
import type { RequestContext } from '../../../platform/request-context';
import type { FileStorage } from '../../../platform/storage/file-storage';
import { emitEvent } from '../../../platform/jobs/events';
import { shareBpOf } from '../order-money/money-support';
import { recomputeOrderMoney } from '../order-money/recompute';
import { makeCommentsService } from './comments.service';
import { makeNotificationsService } from './notifications.service';
import { makeOrderDocumentsService } from './order-documents.service';
import {
  actorCan,
  actorName,
  actorUserId,
  assertAssignableUser,
  assertCalendarDate,
  excerpt,
  invalid,
  notify,
  priorityRank,
  recordOrderEvent,
  type Tx,
} from './order-support';
import { loadStageConfig, makeOrderStagesService, type StageConfig } from './order-stages';
import { documentsOfOrders } from '../order-money/order-billing';
import {
  completenessFromRow,
  makeOrdersRepo,
  orderSearchText,
  toOrder,
  type OrderDocumentRef,
  type OrderViewRow,
} from './orders.repo';
import { makeTasksService } from './tasks.service';
import { describeEvent } from './timeline';

export interface OrdersServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time: order numbers take today's financial year, due dates count from today. */
  calendar: BusinessCalendar;
  /** Where uploaded files go; without one, uploads answer INTERNAL (CLI runs that never upload). */
  storage?: FileStorage | undefined;
  /** Largest accepted upload in bytes (BIZDASH_UPLOAD_MAX_MB). */
  uploadMaxBytes?: number | undefined;
}

export type OrdersService = ReturnType<typeof makeOrdersService>;

export const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

function money(text: string, field: string): number {
  const paise = parseAmount(text, field);
  if (paise < 0) invalid(field, 'must not be negative');
  return paise;
}

/** What the audit trail records of an order: its stored values, by field. */
function auditView(row: {
  title: string;
  description: string | null;
  client_id: number;
  partner_id: number | null;
  order_type_id: number;
  company_id: number | null;
  share_count: number | null;
  share_price_paise: number | null;
  fees_paise: number;
  base_charges_paise: number;
  assignee_id: number | null;
  priority: number;
  tags: string;
  due_date: string | null;
  share_bp: number;
}): Record<string, unknown> {
  return {
    title: row.title,
    description: row.description,
    clientId: row.client_id,
    partnerId: row.partner_id,
    orderTypeId: row.order_type_id,
    companyId: row.company_id,
    shareCount: row.share_count === null ? null : Number(row.share_count),
    sharePricePaise: row.share_price_paise === null ? null : Number(row.share_price_paise),
    feesPaise: Number(row.fees_paise),
    baseChargesPaise: Number(row.base_charges_paise),
    shareBp: Number(row.share_bp),
    assigneeId: row.assignee_id,
    priority: row.priority,
    tags: JSON.parse(row.tags) as unknown,
    dueDate: row.due_date,
  };
}

export function makeOrdersService(deps: OrdersServiceDeps) {
  const { database, audit, clock, calendar } = deps;
  const repo = makeOrdersRepo(database);
  const uploadMaxBytes = deps.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;
  const stages = makeOrderStagesService({ database, audit, clock });

  async function today(executor: Executor = database.db) {
    const { timeZone, today: date } = await calendar.current(executor);
    return { timeZone, today: date };
  }

  function viewOptions(ctx: RequestContext, stageConfig: StageConfig, todayDate: string) {
    return { stages: stageConfig, today: todayDate, canSeeMoney: actorCan(ctx, 'money.read') };
  }

  function detailOf(
    ctx: RequestContext,
    row: OrderViewRow,
    config: StageConfig,
    todayDate: string,
    documents: readonly OrderDocumentRef[],
  ): OrderDetail {
    const order = toOrder(row, viewOptions(ctx, config, todayDate), documents);
    const stage = order.stage.code;
    const suggestion = suggestTransition(stage, completenessFromRow(row), config.disabled);
    const canReopen = actorCan(ctx, 'orders.reopen');
    return {
      ...order,
      allowedTransitions: allowedTargets(stage, config.disabled)
        .filter((to) => canReopen || !isReopen(stage, to))
        .map((to) => ({ to, label: config.labels[to], isReopen: isReopen(stage, to) })),
      suggestedTransition: suggestion
        ? {
            to: suggestion.to,
            label: config.labels[suggestion.to],
            reason: suggestion.reason,
            message:
              suggestion.reason === 'all_documents_accepted'
                ? `Every required document is accepted: move to ${config.labels[suggestion.to]}?`
                : `Every required document is received: move to ${config.labels[suggestion.to]}?`,
          }
        : null,
    };
  }

  /** Reads an order as its detail answer (inside a transaction when given one). */
  async function loadDetail(ctx: RequestContext, executor: Executor, id: number): Promise<OrderDetail> {
    const row = await repo.findView(executor, id);
    if (!row) throw new AppError('NOT_FOUND', `Order ${id} not found`);
    const [config, t] = await Promise.all([loadStageConfig(executor), today(executor)]);
    const documents = await documentsOfOrders(executor, [id]);
    return detailOf(ctx, row, config, t.today, documents.get(id) ?? []);
  }

  // ---- references

  async function assertParty(executor: Executor, id: number, role: 'client' | 'partner', field: string) {
    const party = await executor
      .selectFrom('parties')
      .select(['id', 'name', 'is_client', 'is_partner', 'archived_at', 'revenue_share_bp'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!party) invalid(field, `party ${id} does not exist`);
    const hasRole = role === 'client' ? party.is_client : party.is_partner;
    if (!(hasRole === true || hasRole === 1)) invalid(field, `${party.name} does not have the ${role} role`);
    if (party.archived_at !== null) invalid(field, `${party.name} is archived`);
    return party;
  }

  async function assertOrderType(executor: Executor, id: number, field = 'orderTypeId') {
    const type = await executor.selectFrom('order_types').selectAll().where('id', '=', id).executeTakeFirst();
    if (!type) invalid(field, `order type ${id} does not exist`);
    if (type.archived_at !== null) invalid(field, `${type.name} is archived`);
    return type;
  }

  async function assertCompany(executor: Executor, id: number) {
    const company = await executor
      .selectFrom('companies')
      .select(['id', 'name', 'archived_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!company) invalid('companyId', `company ${id} does not exist`);
    if (company.archived_at !== null) invalid('companyId', `${company.name} is archived`);
  }

  /** Adds the order type's required documents the order lacks (in the type's order), as pending. */
  async function addTypeDocuments(tx: Tx, ctx: RequestContext, orderId: number, orderTypeId: number, now: string) {
    const required = await tx
      .selectFrom('order_type_documents')
      .innerJoin('document_types', 'document_types.id', 'order_type_documents.document_type_id')
      .select(['document_types.id', 'document_types.name'])
      .where('order_type_documents.order_type_id', '=', orderTypeId)
      .orderBy('order_type_documents.position')
      .execute();
    await documents.requireIn(tx, ctx, orderId, required, now, { silent: true });
  }

  // ---- orders

  async function create(ctx: RequestContext, input: CreateOrderInput): Promise<OrderDetail> {
    assertCalendarDate(input.dueDate, 'dueDate');
    const sharePrice = input.sharePrice == null ? null : money(input.sharePrice, 'sharePrice');
    const fees = input.fees === undefined ? undefined : money(input.fees, 'fees');
    const baseCharges = input.baseCharges === undefined ? undefined : money(input.baseCharges, 'baseCharges');
    const sharePercentBp = input.sharePercent === undefined ? undefined : shareBpOf(input.sharePercent);
    return database.transaction(async (tx) => {
      await assertParty(tx, input.clientId, 'client', 'clientId');
      const partner = input.partnerId != null ? await assertParty(tx, input.partnerId, 'partner', 'partnerId') : null;
      const type = await assertOrderType(tx, input.orderTypeId);
      if (input.companyId != null) await assertCompany(tx, input.companyId);
      const assigneeName =
        input.assigneeId != null ? await assertAssignableUser(tx, input.assigneeId, 'assigneeId') : null;

      const nowDate = clock.now();
      const now = nowDate.toISOString();
      const { today: todayDate } = await today(tx);
      const fy = financialYearOf(todayDate).label;
      const seq = await repo.nextSequence(tx, fy);
      const number = `ORD/${fy}/${String(seq).padStart(5, '0')}`;
      const dueDate =
        input.dueDate !== undefined
          ? input.dueDate
          : type.turnaround_days === null
            ? null
            : addDays(todayDate, type.turnaround_days);
      const searchText = orderSearchText(number, input.title);
      const row = await tx
        .insertInto('orders')
        .values({
          number,
          financial_year: fy,
          number_seq: seq,
          title: input.title,
          description: input.description ?? null,
          client_id: input.clientId,
          partner_id: input.partnerId ?? null,
          order_type_id: input.orderTypeId,
          company_id: input.companyId ?? null,
          share_count: input.shareCount ?? null,
          share_price_paise: sharePrice,
          fees_paise: fees ?? Number(type.default_fee_paise),
          base_charges_paise: baseCharges ?? Number(type.base_charge_paise),
          // The partner's default share is copied, so a later change of the default leaves this order alone.
          share_bp: sharePercentBp ?? partner?.revenue_share_bp ?? 0,
          assignee_id: input.assigneeId ?? null,
          priority: priorityRank(input.priority),
          tags: JSON.stringify([...new Set(input.tags)]),
          due_date: dueDate,
          stage_code: INITIAL_STAGE,
          stage_changed_at: now,
          closed_at: null,
          search_text: searchText,
          created_by: actorUserId(ctx),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await repo.syncSearch(tx, row.id, searchText);
      await repo.moveStageCount(tx, null, INITIAL_STAGE);
      await tx
        .insertInto('order_status_history')
        .values({
          order_id: row.id,
          from_stage: null,
          to_stage: INITIAL_STAGE,
          note: 'Order created',
          actor_id: actorUserId(ctx),
          actor_name: actorName(ctx),
          at: now,
        })
        .execute();
      await recordOrderEvent(tx, ctx, now, {
        orderId: row.id,
        kind: 'order.created',
        payload: { number, title: input.title, stage: INITIAL_STAGE },
      });
      await addTypeDocuments(tx, ctx, row.id, input.orderTypeId, now);
      await recomputeOrderMoney(tx, ctx, row.id, now);
      await emitEvent(
        tx,
        {
          type: 'order.created',
          entity: 'order',
          entityId: row.id,
          payload: { number, title: input.title, clientId: input.clientId, partnerId: input.partnerId ?? null },
        },
        now,
      );
      if (input.assigneeId != null && assigneeName !== null) {
        await notify(tx, ctx, now, {
          userId: input.assigneeId,
          kind: 'order_assigned',
          title: `${actorName(ctx)} assigned you ${number}`,
          body: excerpt(input.title),
          orderId: row.id,
        });
      }
      await audit.record(tx, ctx, {
        action: 'order.created',
        entity: 'order',
        entityId: row.id,
        changes: diffRecords(null, { number, stage: INITIAL_STAGE, ...auditView(row) }),
      });
      return loadDetail(ctx, tx, row.id);
    });
  }

  async function get(ctx: RequestContext, id: number): Promise<OrderDetail> {
    return loadDetail(ctx, database.db, id);
  }

  async function update(ctx: RequestContext, id: number, input: UpdateOrderInput): Promise<OrderDetail> {
    assertCalendarDate(input.dueDate, 'dueDate');
    const sharePrice =
      input.sharePrice === undefined
        ? undefined
        : input.sharePrice === null
          ? null
          : money(input.sharePrice, 'sharePrice');
    const fees = input.fees === undefined ? undefined : money(input.fees, 'fees');
    const baseCharges = input.baseCharges === undefined ? undefined : money(input.baseCharges, 'baseCharges');
    const sharePercentBp = input.sharePercent === undefined ? undefined : shareBpOf(input.sharePercent);
    return database.transaction(async (tx) => {
      const before = await repo.findRowForUpdate(tx, id);
      if (!before) throw new AppError('NOT_FOUND', `Order ${id} not found`);
      if (isTerminalStage(before.stage_code as StageCode)) {
        throw new AppError('INVALID_STATE', `Order ${before.number} is closed; reopen it to change it`, {
          stage: before.stage_code,
        });
      }
      if (input.clientId !== undefined && input.clientId !== before.client_id) {
        await assertParty(tx, input.clientId, 'client', 'clientId');
      }
      const partnerChanges = input.partnerId !== undefined && input.partnerId !== before.partner_id;
      let shareBp = sharePercentBp;
      if (input.partnerId != null && partnerChanges) {
        const partner = await assertParty(tx, input.partnerId, 'partner', 'partnerId');
        // A new partner brings their default share unless the caller set one.
        shareBp ??= partner.revenue_share_bp ?? 0;
      }
      if (input.orderTypeId !== undefined && input.orderTypeId !== before.order_type_id) {
        await assertOrderType(tx, input.orderTypeId);
      }
      if (input.companyId != null && input.companyId !== before.company_id) await assertCompany(tx, input.companyId);
      const newAssignee = input.assigneeId != null && input.assigneeId !== before.assignee_id;
      if (newAssignee && input.assigneeId != null) await assertAssignableUser(tx, input.assigneeId, 'assigneeId');

      const now = clock.now().toISOString();
      const title = input.title ?? before.title;
      const searchText = orderSearchText(before.number, title);
      const after = await tx
        .updateTable('orders')
        .set({
          ...(input.title !== undefined ? { title: input.title, search_text: searchText } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.clientId !== undefined ? { client_id: input.clientId } : {}),
          ...(input.partnerId !== undefined ? { partner_id: input.partnerId } : {}),
          ...(input.orderTypeId !== undefined ? { order_type_id: input.orderTypeId } : {}),
          ...(input.companyId !== undefined ? { company_id: input.companyId } : {}),
          ...(input.shareCount !== undefined ? { share_count: input.shareCount } : {}),
          ...(sharePrice !== undefined ? { share_price_paise: sharePrice } : {}),
          ...(fees !== undefined ? { fees_paise: fees } : {}),
          ...(baseCharges !== undefined ? { base_charges_paise: baseCharges } : {}),
          ...(shareBp !== undefined ? { share_bp: shareBp } : {}),
          ...(input.assigneeId !== undefined ? { assignee_id: input.assigneeId } : {}),
          ...(input.priority !== undefined ? { priority: priorityRank(input.priority) } : {}),
          ...(input.tags !== undefined ? { tags: JSON.stringify([...new Set(input.tags)]) } : {}),
          ...(input.dueDate !== undefined ? { due_date: input.dueDate } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (input.title !== undefined) await repo.syncSearch(tx, id, searchText);
      if (fees !== undefined || baseCharges !== undefined || partnerChanges || shareBp !== undefined) {
        await recomputeOrderMoney(tx, ctx, id, now);
      }
      if (input.orderTypeId !== undefined && input.orderTypeId !== before.order_type_id) {
        await addTypeDocuments(tx, ctx, id, input.orderTypeId, now);
      }
      const changes = diffRecords(auditView(before), auditView(after));
      if (Object.keys(changes).length > 0) {
        // The timeline shows what changed but not money to those who may not see it: it keeps field names only
        // for fees, charges and the partner's share.
        const visible = Object.fromEntries(
          Object.entries(changes).map(([k, v]) =>
            k === 'feesPaise' || k === 'baseChargesPaise' || k === 'shareBp'
              ? [k, { before: null, after: null }]
              : [k, v],
          ),
        );
        await recordOrderEvent(tx, ctx, now, { orderId: id, kind: 'order.updated', payload: { changes: visible } });
        await audit.record(tx, ctx, { action: 'order.updated', entity: 'order', entityId: id, changes });
      }
      if (newAssignee && input.assigneeId != null) {
        await notify(tx, ctx, now, {
          userId: input.assigneeId,
          kind: 'order_assigned',
          title: `${actorName(ctx)} assigned you ${before.number}`,
          body: excerpt(after.title),
          orderId: id,
        });
      }
      return loadDetail(ctx, tx, id);
    });
  }

  async function list(ctx: RequestContext, query: ListOrdersQuery): Promise<OrderPage> {
    // A filter reveals what the answer hides: a role that may not read payment status may not filter on it.
    if (query.paymentStatus && !actorCan(ctx, 'money.read')) {
      throw new AppError('FORBIDDEN', 'You may not filter orders by payment status', { field: 'paymentStatus' });
    }
    assertCalendarDate(query.from, 'from');
    assertCalendarDate(query.to, 'to');
    const [config, t] = await Promise.all([loadStageConfig(database.db), today()]);
    const { rows, total } = await repo.list(query, {
      dialect: database.dialect,
      today: t.today,
      timeZone: t.timeZone,
      userId: actorUserId(ctx),
    });
    const options = viewOptions(ctx, config, t.today);
    const documents = options.canSeeMoney
      ? await documentsOfOrders(
          database.db,
          rows.map((r) => r.id),
        )
      : new Map();
    return {
      items: rows.map((r) => toOrder(r, options, documents.get(r.id))),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async function board(ctx: RequestContext, query: BoardQuery): Promise<Board> {
    assertCalendarDate(query.from, 'from');
    assertCalendarDate(query.to, 'to');
    const [config, t] = await Promise.all([loadStageConfig(database.db), today()]);
    const columns = await repo.board(
      query,
      { dialect: database.dialect, today: t.today, timeZone: t.timeZone, userId: actorUserId(ctx) },
      STAGE_CODES,
    );
    const options = viewOptions(ctx, config, t.today);
    const documents: Map<number, OrderDocumentRef[]> = options.canSeeMoney
      ? await documentsOfOrders(
          database.db,
          columns.flatMap((c) => c.rows.map((r) => r.id)),
        )
      : new Map();
    return {
      columns: columns.map((c) => ({
        stage: { code: c.stage, label: config.labels[c.stage], isTerminal: isTerminalStage(c.stage) },
        total: c.total,
        hiddenClosed: c.hiddenClosed,
        items: c.rows.map((r) => toOrder(r, options, documents.get(r.id))),
      })),
    };
  }

  /** Active staff users by name, for pickers and mentions. */
  async function assignees(query: AssigneeQuery): Promise<AssigneeList> {
    let q = database.db
      .selectFrom('users')
      .select(['id', 'name', 'role'])
      .where('is_active', '=', true)
      .where('role', 'in', [...STAFF_ROLES]);
    if (query.q) q = q.where(containsText(database.dialect, 'name', query.q));
    const rows = await q.orderBy('name').orderBy('id').limit(query.limit).execute();
    return { items: rows };
  }

  async function transition(ctx: RequestContext, id: number, input: TransitionInput): Promise<OrderDetail> {
    return database.transaction(async (tx) => {
      const before = await repo.findRowForUpdate(tx, id);
      if (!before) throw new AppError('NOT_FOUND', `Order ${id} not found`);
      const config = await loadStageConfig(tx);
      const from = before.stage_code as StageCode; // CHECK constraint holds it to the enum
      const note = input.note?.trim() ? input.note.trim() : null;
      const { isReopen: reopen } = assertTransition({
        from,
        to: input.to,
        disabled: config.disabled,
        canReopen: actorCan(ctx, 'orders.reopen'),
        note: note ?? undefined,
      });
      const now = clock.now().toISOString();
      await tx
        .updateTable('orders')
        .set({
          stage_code: input.to,
          stage_changed_at: now,
          // closed_at marks the latest close; a reopen clears it.
          closed_at: isTerminalStage(input.to) ? now : null,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await repo.moveStageCount(tx, from, input.to);
      // Amount due follows the outcome (base charges once failed); closing drafts the settlement, reopening drops it.
      await recomputeOrderMoney(tx, ctx, id, now);
      await tx
        .insertInto('order_status_history')
        .values({
          order_id: id,
          from_stage: from,
          to_stage: input.to,
          note,
          actor_id: actorUserId(ctx),
          actor_name: actorName(ctx),
          at: now,
        })
        .execute();
      await recordOrderEvent(tx, ctx, now, {
        orderId: id,
        kind: 'order.stage_changed',
        payload: {
          from,
          to: input.to,
          fromLabel: config.labels[from],
          toLabel: config.labels[input.to],
          note,
          isReopen: reopen,
        },
      });
      await emitEvent(
        tx,
        {
          type: 'order.stage_changed',
          entity: 'order',
          entityId: id,
          payload: { from, to: input.to, isReopen: reopen },
        },
        now,
      );
      await audit.record(tx, ctx, {
        action: reopen ? 'order.reopened' : 'order.stage_changed',
        entity: 'order',
        entityId: id,
        changes: { stage: { before: from, after: input.to }, ...(note ? { note: { before: null, after: note } } : {}) },
      });
      return loadDetail(ctx, tx, id);
    });
  }

  async function history(id: number, query: TimelineQuery): Promise<TimelinePage> {
    const order = await repo.findRow(database.db, id);
    if (!order) throw new AppError('NOT_FOUND', `Order ${id} not found`);
    const config = await loadStageConfig(database.db);
    let base = database.db.selectFrom('order_events').where('order_id', '=', id);
    if (query.kind) {
      const kind = query.kind;
      base = base.where((eb) => eb.or([eb('kind', '=', kind), eb('kind', 'like', `${kind.replace(/[\\%_]/g, '')}.%`)]));
    }
    const countRow = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await base
      .selectAll()
      .orderBy('at', query.order)
      .orderBy('id', query.order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return {
      items: rows.map((r) => {
        // Written only through recordOrderEvent as a JSON object.
        const payload = JSON.parse(r.payload) as Record<string, unknown>;
        return {
          id: r.id,
          kind: r.kind,
          at: r.at,
          actor: r.actor_name === null && r.actor_id === null ? null : { id: r.actor_id, name: r.actor_name ?? '' },
          summary: describeEvent(r.kind, payload, config),
          payload,
        };
      }),
      total: Number(countRow.total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  const notifications = makeNotificationsService({ database, clock, calendar });
  const documents = makeOrderDocumentsService({
    database,
    audit,
    clock,
    storage: deps.storage,
    uploadMaxBytes,
    refreshCompleteness: repo.refreshCompleteness,
  });
  const tasks = makeTasksService({ database, audit, clock, calendar });
  const comments = makeCommentsService({ database, audit, clock, storage: deps.storage, uploadMaxBytes });

  return {
    create,
    get,
    update,
    list,
    board,
    assignees,
    transition,
    history,
    uploadMaxBytes,
    stages,
    documents,
    tasks,
    comments,
    notifications,
  };
}
