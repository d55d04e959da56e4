import { expect } from 'vitest';
import { parseMoney } from '@bizdash/domain/money';
import type { TestApp } from './support/test-app';
import { get, post, transition } from './orders-factories';

/** Helpers for the order-money tests: receipts, expenses and settlements through the API. */

export interface EntryJson {
  id: number;
  orderId: number;
  partner: { id: number; name: string } | null;
  kind: 'settlement' | 'adjustment';
  status: 'draft' | 'approved';
  outcome: string;
  revenue: string;
  expenses: string;
  net: string;
  sharePercent: string;
  partnerShare: string;
  businessShare: string;
}

export interface SettlementJson {
  status: 'projected' | 'draft' | 'approved';
  basis: string;
  outcome: string;
  partner: { id: number; name: string } | null;
  revenue: string;
  expenses: string;
  net: string;
  sharePercent: string;
  partnerShare: string;
  businessShare: string;
  entries: EntryJson[];
  adjustments: EntryJson[];
  canApprove: boolean;
}

export interface MoneyOrderJson {
  id: number;
  fees: string | null;
  amountDue: string | null;
  amountReceived: string | null;
  balanceDue: string | null;
  paymentStatus: string;
  sharePercent: string | null;
}

export const settlementOf = (t: TestApp, token: string, orderId: number) =>
  get<SettlementJson>(t, token, `/api/v1/orders/${orderId}/settlement`);

export const orderOf = (t: TestApp, token: string, orderId: number) =>
  get<MoneyOrderJson>(t, token, `/api/v1/orders/${orderId}`);

export function addReceipt(t: TestApp, token: string, orderId: number, amount: string, extra: object = {}) {
  return post<{ id: number; amount: string }>(t, token, `/api/v1/orders/${orderId}/receipts`, {
    date: '2026-11-20',
    amount,
    mode: 'upi',
    ...extra,
  });
}

export function addExpense(t: TestApp, token: string, orderId: number, amount: string, extra: object = {}) {
  return post<{ id: number; amount: string }>(t, token, `/api/v1/orders/${orderId}/expenses`, {
    date: '2026-11-20',
    amount,
    category: 'stamp_duty',
    ...extra,
  });
}

export async function del(t: TestApp, token: string, url: string) {
  const res = await t.call({ method: 'DELETE', url, token });
  if (res.statusCode !== 200) throw new Error(`DELETE ${url}: ${res.statusCode} ${res.body}`);
}

/** Moves an open order to completed (or failed) through in_progress; reopens first when closed. */
export async function closeAs(t: TestApp, token: string, orderId: number, to: 'completed' | 'failed') {
  const order = await get<{ stage: { code: string } }>(t, token, `/api/v1/orders/${orderId}`);
  if (order.stage.code === 'completed' || order.stage.code === 'failed') {
    expect((await transition(t, token, orderId, 'in_progress', 'changing the outcome')).statusCode).toBe(200);
  } else if (order.stage.code !== 'in_progress') {
    expect((await transition(t, token, orderId, 'in_progress')).statusCode).toBe(200);
  }
  const res = await transition(t, token, orderId, to);
  expect(res.statusCode).toBe(200);
}

/** Figures in one line, for compact assertions: "revenue/expenses/net/partner/business". */
export function figures(s: {
  revenue: string;
  expenses: string;
  net: string;
  partnerShare: string;
  businessShare: string;
}) {
  return `${s.revenue}/${s.expenses}/${s.net}/${s.partnerShare}/${s.businessShare}`;
}

/** Σ of one amount over entries, in paise (approved only unless told). */
export function sumPaise(entries: EntryJson[], key: 'partnerShare' | 'businessShare' | 'net', status?: 'approved') {
  return entries
    .filter((e) => status === undefined || e.status === status)
    .reduce((acc, e) => acc + parseMoney(e[key]), 0);
}
