import { toMoneyString } from '@bizdash/domain/money';
import { STAGE_CODES, TERMINAL_STAGES } from '@bizdash/domain/orders/lifecycle';
import type { Database } from '../../../platform/db/database';
import { draftSettlements, latestOrderEvents, openTasks, overdueInvoices, overdueOrders } from './dashboard.repo';

/** The lists a person starts the day with: activity, their tasks, what is overdue, what waits for approval. */

const money = (paise: number) => toMoneyString(Math.round(paise));
const OPEN_STAGES = STAGE_CODES.filter((s) => !TERMINAL_STAGES.includes(s));

/** The latest things that happened on orders (their timelines), newest first. */
export async function recentActivity(database: Database) {
  const rows = await latestOrderEvents(database);
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    kind: r.kind,
    actorName: r.actor_name,
    orderId: Number(r.order_id),
    orderNumber: r.number,
  }));
}

export async function tasksOf(database: Database, userId: number | null) {
  if (userId === null) return { total: 0, items: [] };
  const { total, rows } = await openTasks(database, userId);
  return {
    total: Number(total ?? 0),
    items: rows.map((r) => ({
      id: Number(r.id),
      title: r.title,
      dueDate: r.due ?? null,
      orderId: r.order_id === null ? null : Number(r.order_id),
      orderNumber: r.number ?? null,
    })),
  };
}

export async function overdueOrdersList(database: Database, today: string) {
  const { total, rows } = await overdueOrders(database, today, OPEN_STAGES);
  return {
    total: Number(total ?? 0),
    items: rows.map((r) => ({
      id: Number(r.id),
      number: r.number,
      title: r.title,
      stage: r.stage_code,
      dueDate: r.due,
      clientName: r.name,
    })),
  };
}

export async function overdueInvoicesList(database: Database, today: string) {
  const { total, rows } = await overdueInvoices(database, today);
  return {
    total: Number(total ?? 0),
    items: rows.map((r) => ({
      id: Number(r.id),
      number: r.number,
      partyName: r.party_name,
      dueDate: r.due,
      balanceDue: money(Number(r.balance_due_paise)),
    })),
  };
}

export async function pendingApprovalsList(database: Database, seePartners: boolean) {
  const { total, rows } = await draftSettlements(database);
  return {
    total: Number(total ?? 0),
    items: rows.map((r) => ({
      id: Number(r.id),
      orderId: Number(r.order_id),
      orderNumber: r.number,
      partnerName: seePartners ? (r.name ?? null) : null,
      kind: r.kind,
      // Approving is a manager's job; the share itself is partner money, shown only with payouts.read.
      partnerShare: seePartners ? money(Number(r.partner_share_paise)) : null,
    })),
  };
}
