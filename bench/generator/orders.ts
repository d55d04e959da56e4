import { DEFAULT_STAGE_LABELS, TERMINAL_STAGES } from '@bizdash/domain/orders/lifecycle';
import { financialYearOf } from '@bizdash/domain/fiscal-year';
import { addDays } from '@bizdash/domain/orders/calendar';
import { normalizeSearchText } from '../../packages/server/src/platform/db/trigram-search';
import { pick, randomInt, weighted, type Random } from '../../packages/server/src/contexts/system/demo/indian-data';
import type { BaseData } from './base-data';
import type { BulkWriter } from './bulk-writer';
import { buildLife, pickFinalStage } from '../../packages/server/src/contexts/system/demo/order-life';
import type { GeneratedParty } from './parties';
import type { makeMoneyGenerator } from './order-money';

const IST_OFFSET_MS = 330 * 60_000;

/** The calendar day in India of an instant. */
export function istDate(ms: number): string {
  return new Date(ms + IST_OFFSET_MS).toISOString().slice(0, 10);
}

const ORDER_COLUMNS = [
  'id',
  'number',
  'financial_year',
  'number_seq',
  'title',
  'description',
  'client_id',
  'partner_id',
  'order_type_id',
  'company_id',
  'share_count',
  'share_price_paise',
  'fees_paise',
  'base_charges_paise',
  'assignee_id',
  'priority',
  'tags',
  'due_date',
  'stage_code',
  'stage_changed_at',
  'closed_at',
  'docs_required',
  'docs_received',
  'docs_submitted',
  'docs_accepted',
  'docs_rejected',
  'docs_complete',
  'search_text',
  'share_bp',
  'amount_due_paise',
  'amount_received_paise',
  'expenses_paise',
  'payment_status',
  'created_by',
  'created_at',
  'updated_at',
] as const;
const HISTORY_COLUMNS = ['id', 'order_id', 'from_stage', 'to_stage', 'note', 'actor_id', 'actor_name', 'at'] as const;
const EVENT_COLUMNS = ['id', 'order_id', 'kind', 'actor_id', 'actor_name', 'at', 'payload'] as const;
const DOCUMENT_COLUMNS = [
  'id',
  'order_id',
  'document_type_id',
  'position',
  'status',
  'status_changed_at',
  'rejection_reason',
  'current_file_id',
  'received_at',
  'submitted_at',
  'accepted_at',
  'removed_at',
  'created_at',
  'updated_at',
] as const;
const DOC_HISTORY_COLUMNS = [
  'id',
  'order_document_id',
  'from_status',
  'to_status',
  'reason',
  'actor_id',
  'actor_name',
  'at',
] as const;
const TASK_COLUMNS = [
  'id',
  'order_id',
  'title',
  'description',
  'assignee_id',
  'due_date',
  'priority',
  'completed_at',
  'completed_by',
  'created_by',
  'created_at',
  'updated_at',
] as const;
const COMMENT_COLUMNS = [
  'id',
  'order_id',
  'author_id',
  'body',
  'edited_at',
  'deleted_at',
  'deleted_by',
  'created_at',
  'updated_at',
] as const;

const TASK_TITLES = [
  'Collect original share certificates from the client',
  'Courier the document set to the registrar',
  'Follow up with the RTA on the objection letter',
  'Get the affidavit notarised',
  'Call the client about pending KYC documents',
  'Verify signatures against the registrar specimen',
  'Pay stamp duty on the transfer deed',
] as const;

const COMMENTS = [
  'Client will drop the originals at the Pune office on Monday.',
  'Registrar acknowledged receipt; inward number noted on the file.',
  'Spoke to the client, the legal heir certificate is expected next week.',
  'Partner confirmed the fee with the client over the phone.',
  'Objection letter received; we need a fresh indemnity bond.',
  'Demat request generated, DRN shared with the client.',
  'Courier returned: address incomplete. Re-sending today.',
  'Client asked for an update, told them the RTA takes 21 working days.',
] as const;

const TAGS = [[], [], [], [], [], [], ['nri'], ['senior-citizen'], ['bulk'], ['escalated']] as const;

export interface OrdersResult {
  orders: number;
  rows: Record<string, number>;
  /** Completed orders, for the invoices that bill them: id, client index and the day it closed. */
  completed: { ids: Int32Array; clients: Int32Array; closedDays: string[] };
}

interface Ids {
  order: number;
  history: number;
  event: number;
  document: number;
  docHistory: number;
  task: number;
  comment: number;
}

/**
 * Writes `count` orders created evenly between `from` and `until` (business hours, India), each with its stage
 * history, timeline, required documents with their status history, and some tasks and comments; every count kept on
 * the order row (documents completeness) matches its documents. Order numbers run per financial year.
 */
export async function generateOrders(
  writer: BulkWriter,
  random: Random,
  base: BaseData,
  clients: GeneratedParty[],
  partners: GeneratedParty[],
  options: {
    count: number;
    from: number;
    until: number;
    firstIds: Ids;
    log: (line: string) => void;
    /** Receipts, expenses and the settlement ledger of each order (issue 5). */
    money: ReturnType<typeof makeMoneyGenerator>;
  },
): Promise<OrdersResult> {
  const ids = { ...options.firstIds };
  const counters = new Map<string, number>();
  const rowsWritten: Record<string, number> = {
    orders: 0,
    order_status_history: 0,
    order_events: 0,
    order_documents: 0,
    document_status_history: 0,
    tasks: 0,
    comments: 0,
  };
  const completedIds: number[] = [];
  const completedClients: number[] = [];
  const closedDays: string[] = [];
  const today = istDate(options.until);
  const dayMs = 86_400_000;
  const firstDay = Math.floor((options.from + IST_OFFSET_MS) / dayMs);
  const lastDay = Math.floor((options.until + IST_OFFSET_MS) / dayMs);
  const days = Math.max(1, lastDay - firstDay);
  const perDay = options.count / days;
  const BATCH = 5000;
  const TX_ORDERS = 25_000;
  const started = performance.now();

  let buffers = emptyBuffers();
  const flush = async () => {
    const b = buffers;
    buffers = emptyBuffers();
    await writer.insert('orders', ORDER_COLUMNS, b.orders);
    if (writer.dialect === 'sqlite') await writer.insert('orders_fts', ['rowid', 'search_text'], b.fts);
    await writer.insert('order_status_history', HISTORY_COLUMNS, b.history);
    await writer.insert('order_events', EVENT_COLUMNS, b.events);
    await writer.insert('order_documents', DOCUMENT_COLUMNS, b.documents);
    await writer.insert('document_status_history', DOC_HISTORY_COLUMNS, b.docHistory);
    await writer.insert('tasks', TASK_COLUMNS, b.tasks);
    await writer.insert('comments', COMMENT_COLUMNS, b.comments);
    await options.money.flush(writer);
    rowsWritten.orders = (rowsWritten.orders ?? 0) + b.orders.length;
    rowsWritten.order_status_history = (rowsWritten.order_status_history ?? 0) + b.history.length;
    rowsWritten.order_events = (rowsWritten.order_events ?? 0) + b.events.length;
    rowsWritten.order_documents = (rowsWritten.order_documents ?? 0) + b.documents.length;
    rowsWritten.document_status_history = (rowsWritten.document_status_history ?? 0) + b.docHistory.length;
    rowsWritten.tasks = (rowsWritten.tasks ?? 0) + b.tasks.length;
    rowsWritten.comments = (rowsWritten.comments ?? 0) + b.comments.length;
  };

  for (let txStart = 0; txStart < options.count; txStart += TX_ORDERS) {
    await writer.transaction(async () => {
      for (let n = txStart; n < Math.min(options.count, txStart + TX_ORDERS); n++) {
        // Day n/perDay, between 10:00 and 18:30 IST, in creation order.
        const dayIndex = Math.floor(n / perDay);
        const within = n / perDay - dayIndex;
        const createdAt =
          (firstDay + dayIndex) * dayMs - IST_OFFSET_MS + 10 * 3_600_000 + Math.floor(within * 8.5 * 3_600_000);
        writeOrder(n, Math.min(createdAt, options.until - 3_600_000));
        if (buffers.orders.length >= BATCH) await flush();
      }
      await flush();
    });
    const done = Math.min(options.count, txStart + TX_ORDERS);
    if (done % 100_000 === 0 || done === options.count) {
      options.log(`  orders: ${done} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  for (const [fy, last] of counters) {
    await writer.exec('insert into order_number_counters (financial_year, last_seq) values (?, ?)', [fy, last]);
  }
  return {
    orders: options.count,
    rows: rowsWritten,
    completed: {
      ids: Int32Array.from(completedIds),
      clients: Int32Array.from(completedClients),
      closedDays,
    },
  };

  function writeOrder(n: number, createdAt: number) {
    const id = ids.order++;
    const createdIso = new Date(createdAt).toISOString();
    const createdDay = istDate(createdAt);
    const fy = financialYearOf(createdDay).label;
    const seq = (counters.get(fy) ?? 0) + 1;
    counters.set(fy, seq);
    const number = `ORD/${fy}/${String(seq).padStart(5, '0')}`;
    const type = pick(random, base.orderTypes);
    // A few clients bring many orders (brokers, family offices); most bring one or two.
    const clientIndex = Math.floor(clients.length * random() ** 2.2);
    const client = clients[clientIndex] ?? clients[0];
    if (!client) throw new Error('generator: no clients');
    const partner = partners.length > 0 && random() < 0.4 ? pick(random, partners) : null;
    const company = pick(random, base.companies);
    const shares = randomInt(random, 1, 100) * 50;
    const sharePrice = randomInt(random, 50, 2000) * 100;
    const fees = Math.max(1000_00, type.defaultFeePaise + randomInt(random, -10, 20) * 500_00);
    const worker = random() < 0.92 ? pick(random, base.workers) : null;
    const creator = random() < 0.7 && worker ? worker : (base.workers[0] ?? null);
    const priority = weighted(random, [
      [1, 1],
      [2, 12],
      [3, 3],
      [4, 1],
    ] as const);
    const tags = TAGS[n % TAGS.length] ?? [];
    const dueDate = addDays(createdDay, type.turnaroundDays);
    const ageDays = (options.until - createdAt) / 86_400_000;
    const target = pickFinalStage(random, ageDays);
    const life = buildLife(random, createdAt, options.until, type.turnaroundDays, type.documents.length, target);
    const actorOf = () => worker ?? creator;
    const title = `${type.name}: ${shares} shares of ${company.name.replace(/ Limited$/, '')} for ${client.name}`;
    const searchText = normalizeSearchText(`${number} ${title}`);
    const last = life.steps[life.steps.length - 1];
    const isClosed = (TERMINAL_STAGES as readonly string[]).includes(life.stage);
    const stageChangedAt = new Date(last?.at ?? createdAt).toISOString();
    const tasks: unknown[][] = [];
    const comments: unknown[][] = [];
    const events: { at: number; kind: string; actor: { id: number; name: string } | null; payload: object }[] = [];

    for (const step of life.steps) {
      const actor = actorOf();
      buffers.history.push([
        ids.history++,
        id,
        step.from,
        step.to,
        step.from === null ? 'Order created' : step.to === 'failed' ? 'Client withdrew the request' : null,
        actor?.id ?? null,
        actor?.name ?? 'System',
        new Date(step.at).toISOString(),
      ]);
      events.push(
        step.from === null
          ? { at: step.at, kind: 'order.created', actor, payload: { number, title, stage: 'received' } }
          : {
              at: step.at,
              kind: 'order.stage_changed',
              actor,
              payload: {
                from: step.from,
                to: step.to,
                fromLabel: DEFAULT_STAGE_LABELS[step.from],
                toLabel: DEFAULT_STAGE_LABELS[step.to],
                note: step.to === 'failed' ? 'Client withdrew the request' : null,
                isReopen: false,
              },
            },
      );
    }

    type.documents.forEach((docType, i) => {
      const docId = ids.document++;
      const history = life.documents[i] ?? [];
      const final = history[history.length - 1];
      const stamp = (status: string) => {
        const hit = [...history].reverse().find((h) => h.to === status);
        return hit ? new Date(hit.at).toISOString() : null;
      };
      buffers.documents.push([
        docId,
        id,
        docType.id,
        i + 1,
        final?.to ?? 'pending',
        new Date(final?.at ?? createdAt).toISOString(),
        final?.to === 'rejected' ? final.reason : null,
        null,
        stamp('received'),
        stamp('submitted'),
        stamp('accepted'),
        null,
        createdIso,
        new Date(final?.at ?? createdAt).toISOString(),
      ]);
      for (const h of history) {
        const actor = actorOf();
        buffers.docHistory.push([
          ids.docHistory++,
          docId,
          h.from,
          h.to,
          h.reason,
          actor?.id ?? null,
          actor?.name ?? 'System',
          new Date(h.at).toISOString(),
        ]);
        if (h.from !== null) {
          events.push({
            at: h.at,
            kind: 'document.status_changed',
            actor,
            payload: { documentId: docId, documentType: docType.name, from: h.from, to: h.to, reason: h.reason },
          });
        }
      }
    });

    if (random() < 0.35) {
      const count = random() < 0.7 ? 1 : 2;
      for (let k = 0; k < count; k++) {
        const taskId = ids.task++;
        const title = pick(random, TASK_TITLES);
        const at = createdAt + Math.round((life.lastAt - createdAt) * random() * 0.5) + 60_000;
        const due = addDays(istDate(at), randomInt(random, 2, 14));
        const isDone = isClosed || random() < 0.4;
        const doneAt = isDone ? Math.min(options.until - 60_000, at + randomInt(random, 1, 10) * 86_400_000) : null;
        const author = creator;
        tasks.push([
          taskId,
          id,
          title,
          null,
          worker?.id ?? null,
          due,
          priority,
          doneAt === null ? null : new Date(doneAt).toISOString(),
          doneAt === null ? null : (worker?.id ?? null),
          author?.id ?? null,
          new Date(at).toISOString(),
          new Date(doneAt ?? at).toISOString(),
        ]);
        events.push({ at, kind: 'task.created', actor: author, payload: { taskId, title } });
        if (doneAt !== null)
          events.push({ at: doneAt, kind: 'task.completed', actor: worker, payload: { taskId, title } });
      }
    }
    if (random() < 0.4) {
      const count = random() < 0.75 ? 1 : 2;
      for (let k = 0; k < count; k++) {
        const commentId = ids.comment++;
        const body = pick(random, COMMENTS);
        const at = createdAt + Math.round((life.lastAt - createdAt) * random()) + 30_000;
        const author = worker ?? creator;
        const iso = new Date(at).toISOString();
        comments.push([commentId, id, author?.id ?? null, body, null, null, null, iso, iso]);
        events.push({ at, kind: 'comment.added', actor: author, payload: { commentId, excerpt: body.slice(0, 80) } });
      }
    }

    events.sort((a, b) => a.at - b.at);
    for (const e of events) {
      buffers.events.push([
        ids.event++,
        id,
        e.kind,
        e.actor?.id ?? null,
        e.actor?.name ?? 'System',
        new Date(e.at).toISOString(),
        JSON.stringify(e.payload),
      ]);
    }
    buffers.tasks.push(...tasks);
    buffers.comments.push(...comments);
    const c = life.completeness;
    const lastActivity = Math.max(life.lastAt, ...events.map((e) => e.at));
    const updatedAt = new Date(lastActivity).toISOString();
    const closedDay = isClosed
      ? istDate(last?.at ?? createdAt) <= today
        ? istDate(last?.at ?? createdAt)
        : today
      : null;
    const money = options.money.forOrder({
      id,
      createdDay,
      closedDay,
      stage: life.stage,
      feesPaise: fees,
      baseChargesPaise: type.baseChargePaise,
      partnerId: partner?.id ?? null,
      shareBp: partner?.revenueShareBp ?? 0,
      actorId: creator?.id ?? null,
      at: lastActivity,
    });
    buffers.orders.push([
      id,
      number,
      fy,
      seq,
      title,
      random() < 0.3 ? `Folio ${randomInt(random, 100000, 999999)}; certificates ${randomInt(random, 1, 40)}` : null,
      client.id,
      partner?.id ?? null,
      type.id,
      company.id,
      shares,
      sharePrice,
      fees,
      type.baseChargePaise,
      worker?.id ?? null,
      priority,
      JSON.stringify(tags),
      dueDate,
      life.stage,
      stageChangedAt,
      isClosed ? stageChangedAt : null,
      c.required,
      c.received,
      c.submitted,
      c.accepted,
      c.rejected,
      life.isComplete,
      searchText,
      money.shareBp,
      money.amountDuePaise,
      money.receivedPaise,
      money.expensesPaise,
      money.paymentStatus,
      creator?.id ?? null,
      createdIso,
      updatedAt,
    ]);
    buffers.fts.push([id, searchText]);
    if (life.stage === 'completed') {
      completedIds.push(id);
      completedClients.push(clientIndex);
      closedDays.push(istDate(last?.at ?? createdAt) <= today ? istDate(last?.at ?? createdAt) : today);
    }
  }
}

function emptyBuffers() {
  return {
    orders: [] as unknown[][],
    fts: [] as unknown[][],
    history: [] as unknown[][],
    events: [] as unknown[][],
    documents: [] as unknown[][],
    docHistory: [] as unknown[][],
    tasks: [] as unknown[][],
    comments: [] as unknown[][],
  };
}
