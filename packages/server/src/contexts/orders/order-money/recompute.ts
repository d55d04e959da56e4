import { AppError } from '@bizdash/domain/errors';
import { MAX_DOCUMENT_TOTAL_PAISE } from '@bizdash/domain/money';
import { isTerminalStage } from '@bizdash/domain/orders/lifecycle';
import {
  amountDue,
  computeSettlement,
  gstExclusiveCollected,
  paymentStatusOf,
  type SettlementBasis,
  type SettlementFigures,
} from '@bizdash/domain/settlements/settlement';
import type { Selectable } from 'kysely';
import type { StageCode } from '@bizdash/contracts/orders';
import { readBusinessCalendarSettings } from '../../../platform/calendar/business-settings.repo';
import type { Dialect, Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import type { Tx } from '../orders/order-support';
import type { OrdersTable } from '../orders/orders.tables';
import { billOfOrder, receivedOnOrder } from './order-billing';
import type { DB } from '../../../db-schema';
import {
  deleteDraftEntriesOfOrder,
  deleteEntries,
  entriesOfOrder,
  findDocumentOrder,
  findOrderRow,
  insertEntry,
  lockOrderRow,
  sumOrderExpenses,
  updateEntry,
  updateOrderMoneyColumns,
} from './recompute.repo';

type OrderRow = Selectable<OrdersTable>;
/** A settlement entry (the partners context's table; this is its only writer of drafts, through the root's DB type). */
type EntryRow = Selectable<DB['settlement_entries']>;

/** The five amounts a settlement entry carries; an adjustment carries their differences. */
interface Amounts {
  revenue: number;
  expenses: number;
  net: number;
  partner: number;
  business: number;
}

const ZERO: Amounts = { revenue: 0, expenses: 0, net: 0, partner: 0, business: 0 };

function amountsOf(f: SettlementFigures): Amounts {
  return {
    revenue: f.revenuePaise,
    expenses: f.expensesPaise,
    net: f.netPaise,
    partner: f.partnerSharePaise,
    business: f.businessSharePaise,
  };
}

function entryAmounts(e: EntryRow): Amounts {
  return {
    revenue: Number(e.revenue_paise),
    expenses: Number(e.expenses_paise),
    net: Number(e.net_paise),
    partner: Number(e.partner_share_paise),
    business: Number(e.business_share_paise),
  };
}

function minus(a: Amounts, b: Amounts): Amounts {
  return {
    revenue: a.revenue - b.revenue,
    expenses: a.expenses - b.expenses,
    net: a.net - b.net,
    partner: a.partner - b.partner,
    business: a.business - b.business,
  };
}

function isZero(a: Amounts): boolean {
  return a.revenue === 0 && a.expenses === 0 && a.net === 0 && a.partner === 0 && a.business === 0;
}

/** Locks an order's row for the rest of the transaction (PostgreSQL; SQLite holds the write lock already). */
export async function lockOrder(tx: Tx, dialect: Dialect, orderId: number): Promise<OrderRow> {
  const row = await lockOrderRow(tx, dialect, orderId);
  if (!row) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
  return row;
}

/**
 * The settlement of an order from its stored inputs: as it stands once closed, or (while open) projected as if it
 * completed now.
 */
export function settlementFiguresOf(order: OrderRow, basis: SettlementBasis): SettlementFigures {
  const outcome = order.stage_code === 'failed' ? 'failed' : 'completed';
  const feesPaise = Number(order.fees_paise);
  const baseChargesPaise = Number(order.base_charges_paise);
  return computeSettlement({
    basis,
    outcome,
    feesPaise,
    baseChargesPaise,
    // Receipts include GST and revenue does not: the collected basis counts the revenue share of what came in.
    receivedPaise: gstExclusiveCollected({
      receivedPaise: Number(order.amount_received_paise),
      billedPaise: Number(order.amount_due_paise),
      revenuePaise: amountDue({ feesPaise, baseChargesPaise, failed: outcome === 'failed' }),
    }),
    expensesPaise: Number(order.expenses_paise),
    shareBp: Number(order.share_bp),
    hasPartner: order.partner_id !== null,
  });
}

/**
 * Brings every derived money figure of an order up to date: amount due, received, expenses, payment status and
 * the settlement ledger. Call it in the transaction of any change to receipts, expenses, fees, base charges, stage,
 * partner or share, after the change and with the order row locked (so concurrent receipts sum correctly).
 *
 * Ledger rules: while open, nothing is stored (drafts left from an earlier close are dropped; approved entries stay).
 * Once closed, without any approved entry there is one draft 'settlement' holding the target figures; after an
 * approval, each partner's draft 'adjustment' holds target − Σ approved (the current partner's target is the
 * settlement, any earlier partner's is zero), and disappears when that difference is zero. Approved rows are
 * never rewritten.
 */
export async function recomputeOrderMoney(tx: Tx, ctx: RequestContext, orderId: number, now: string): Promise<void> {
  // Drafts carry no actor (only approval does); ctx stays in the signature every money write shares.
  void ctx;
  await recomputeOrderFigures(tx, orderId, now);
}

/**
 * The order of a receivable document (its own order_id, or its original's for a note), recomputed: called by
 * refreshSettlement, so issuing, cancelling or crediting an order's invoice and every allocation to it move the
 * order's amount due, received and payment status in the same transaction.
 */
export async function recomputeOrderOfDocument(executor: Executor, invoiceId: number, now: string): Promise<void> {
  const row = await findDocumentOrder(executor, invoiceId);
  if (!row || row.direction !== 'receivable' || row.order_id === null) return;
  await recomputeOrderFigures(executor, Number(row.order_id), now);
}

function formatMaxTotal(): string {
  return `₹${MAX_DOCUMENT_TOTAL_PAISE / 100_00_000_00} crore`;
}

async function recomputeOrderFigures(tx: Executor, orderId: number, now: string): Promise<void> {
  const order = await findOrderRow(tx, orderId);
  if (!order) throw new AppError('NOT_FOUND', `Order ${orderId} not found`);
  const received = await receivedOnOrder(tx, orderId);
  const expenses = await sumOrderExpenses(tx, orderId);
  const stage = order.stage_code as StageCode; // the CHECK constraint holds it to the enum
  // GST included: what the client is billed (its issued invoices once there are any), so a receipt of the full
  // bill is "paid" on the order as on the invoice.
  const due = await billOfOrder(tx, order);
  // Each amount is bounded, but not how many an order gets: the order's sums stay within a document's total, so
  // every figure built on them fits its column, JavaScript's safe integers and the API's money format (issue 16).
  // Thrown inside the writing transaction, so the receipt or expense that crossed the line is not kept.
  for (const [field, paise] of [
    ['amount', received],
    ['amount', expenses],
  ] as const) {
    if (Math.abs(paise) > MAX_DOCUMENT_TOTAL_PAISE) {
      throw new AppError('VALIDATION_FAILED', `${field}: the order's total would pass ${formatMaxTotal()}`, {
        field,
      });
    }
  }
  const status = paymentStatusOf(due, received);
  await updateOrderMoneyColumns(tx, orderId, {
    amount_due_paise: due,
    amount_received_paise: received,
    expenses_paise: expenses,
    payment_status: status,
  });

  if (!isTerminalStage(stage)) {
    await deleteDraftEntriesOfOrder(tx, orderId);
    return;
  }
  // Read in the caller's transaction, where the services' business calendar reads it too (a free function: no deps).
  const { settlementBasis: basis } = await readBusinessCalendarSettings(tx);
  const fresh = { ...order, amount_due_paise: due, amount_received_paise: received, expenses_paise: expenses };
  const figures = settlementFiguresOf(fresh, basis);
  const target = amountsOf(figures);
  const outcome = stage === 'failed' ? 'failed' : 'completed';
  const entries = await entriesOfOrder(tx, orderId);
  const approved = entries.filter((e) => e.status === 'approved');
  const drafts = entries.filter((e) => e.status === 'draft');
  const common = { basis, outcome, share_bp: figures.shareBp, computed_at: now, updated_at: now } as const;

  async function upsertDraft(
    existing: EntryRow | undefined,
    kind: 'settlement' | 'adjustment',
    partnerId: number | null,
    a: Amounts,
  ) {
    const values = {
      ...common,
      kind,
      partner_id: partnerId,
      revenue_paise: a.revenue,
      expenses_paise: a.expenses,
      net_paise: a.net,
      partner_share_paise: a.partner,
      business_share_paise: a.business,
    };
    if (existing) {
      await updateEntry(tx, existing.id, values);
    } else {
      await insertEntry(tx, {
        ...values,
        order_id: orderId,
        status: 'draft',
        approved_at: null,
        approved_on: null,
        approved_by: null,
        created_at: now,
      });
    }
  }

  const keep = new Set<number>();
  if (approved.length === 0) {
    const draft = drafts.find((d) => d.kind === 'settlement') ?? drafts[0];
    await upsertDraft(draft, 'settlement', order.partner_id, target);
    if (draft) keep.add(draft.id);
  } else {
    // Partner keys (null = no partner) that have approved entries, plus the current partner.
    const keys = new Map<string, number | null>();
    for (const e of approved) keys.set(String(e.partner_id), e.partner_id);
    keys.set(String(order.partner_id), order.partner_id);
    for (const [key, partnerId] of keys) {
      const sum = approved
        .filter((e) => String(e.partner_id) === key)
        .reduce<Amounts>((acc, e) => {
          const a = entryAmounts(e);
          return {
            revenue: acc.revenue + a.revenue,
            expenses: acc.expenses + a.expenses,
            net: acc.net + a.net,
            partner: acc.partner + a.partner,
            business: acc.business + a.business,
          };
        }, ZERO);
      const goal = partnerId === order.partner_id ? target : ZERO;
      const delta = minus(goal, sum);
      const draft = drafts.find((d) => String(d.partner_id) === key);
      if (isZero(delta)) continue;
      await upsertDraft(draft, 'adjustment', partnerId, delta);
      if (draft) keep.add(draft.id);
    }
  }
  const stale = drafts.filter((d) => !keep.has(d.id)).map((d) => d.id);
  if (stale.length > 0) await deleteEntries(tx, stale);
}
