import {
  postExpense,
  postInvoice,
  postOpeningBalance,
  postPayment,
  postPayout,
  postSettlement,
  type InvoiceDocLine,
  type JournalDraft,
} from '@bizdash/domain/ledger/posting';
import type { Executor } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';

/**
 * Reads money documents in batches and turns each into its journal draft through the domain's posting rules. A
 * document that no longer exists, or one that posts nothing (a draft, a cancelled invoice, an unapproved
 * settlement), maps to null.
 */

export type SourceType = 'invoice' | 'payment' | 'expense' | 'settlement' | 'payout' | 'opening';
export const SOURCE_TYPES: readonly SourceType[] = ['invoice', 'payment', 'expense', 'settlement', 'payout', 'opening'];

type Drafts = Map<number, JournalDraft | null>;

async function invoiceDrafts(executor: Executor, ids: number[]): Promise<Drafts> {
  const rows = await executor
    .selectFrom('invoices')
    .select([
      'id',
      'type',
      'direction',
      'status',
      'number',
      'date',
      'party_id',
      'party_name',
      'regime',
      'reverse_charge',
      'itc_eligibility',
      'other_charges_paise',
      'round_off_paise',
      'grand_total_paise',
    ])
    .where('id', 'in', ids)
    .execute();
  const issued = rows.filter((r) => r.status === 'issued').map((r) => r.id);
  const lines = new Map<number, InvoiceDocLine[]>();
  if (issued.length > 0) {
    const lineRows = await executor
      .selectFrom('invoice_lines')
      .select(['invoice_id', 'hsn_sac', 'taxable_paise', 'cgst_paise', 'sgst_paise', 'igst_paise', 'cess_paise'])
      .where('invoice_id', 'in', issued)
      .orderBy('invoice_id')
      .orderBy('position')
      .execute();
    for (const l of lineRows) {
      const list = lines.get(l.invoice_id) ?? [];
      list.push({
        hsnSac: l.hsn_sac,
        taxable: Number(l.taxable_paise),
        cgst: Number(l.cgst_paise),
        sgst: Number(l.sgst_paise),
        igst: Number(l.igst_paise),
        cess: Number(l.cess_paise),
      });
      lines.set(l.invoice_id, list);
    }
  }
  const out: Drafts = new Map();
  for (const r of rows) {
    out.set(
      r.id,
      postInvoice({
        type: r.type,
        direction: r.direction,
        status: r.status,
        number: r.number,
        date: r.date,
        partyId: r.party_id,
        partyName: r.party_name,
        regime: r.regime,
        reverseCharge: toBool(r.reverse_charge),
        itcEligibility: r.itc_eligibility,
        lines: lines.get(r.id) ?? [],
        otherCharges: Number(r.other_charges_paise),
        roundOff: Number(r.round_off_paise),
        grandTotal: Number(r.grand_total_paise),
      }),
    );
  }
  return out;
}

async function paymentDrafts(executor: Executor, ids: number[]): Promise<Drafts> {
  const rows = await executor
    .selectFrom('payments')
    .innerJoin('parties', 'parties.id', 'payments.party_id')
    .select([
      'payments.id',
      'payments.direction',
      'payments.date',
      'payments.party_id',
      'parties.name as party_name',
      'payments.amount_paise',
      'payments.tds_paise',
      'payments.mode',
      'payments.allocated_paise',
      'payments.reference',
    ])
    .where('payments.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      postPayment({
        id: r.id,
        direction: r.direction,
        date: r.date,
        partyId: r.party_id,
        partyName: r.party_name,
        amount: Number(r.amount_paise),
        tds: Number(r.tds_paise),
        mode: r.mode,
        allocated: Number(r.allocated_paise),
        reference: r.reference,
      }),
    ]),
  );
}

async function expenseDrafts(executor: Executor, ids: number[]): Promise<Drafts> {
  const rows = await executor
    .selectFrom('order_expenses')
    .innerJoin('orders', 'orders.id', 'order_expenses.order_id')
    .select([
      'order_expenses.id',
      'order_expenses.date',
      'order_expenses.amount_paise',
      'order_expenses.category',
      'order_expenses.paid_to',
      'orders.number as order_number',
    ])
    .where('order_expenses.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      postExpense({
        id: r.id,
        date: r.date,
        amount: Number(r.amount_paise),
        category: r.category,
        orderNumber: r.order_number,
        paidTo: r.paid_to,
      }),
    ]),
  );
}

async function settlementDrafts(executor: Executor, ids: number[]): Promise<Drafts> {
  const rows = await executor
    .selectFrom('settlement_entries')
    .innerJoin('orders', 'orders.id', 'settlement_entries.order_id')
    .select([
      'settlement_entries.id',
      'settlement_entries.kind',
      'settlement_entries.status',
      'settlement_entries.approved_on',
      'settlement_entries.partner_id',
      'settlement_entries.partner_share_paise',
      'orders.number as order_number',
    ])
    .where('settlement_entries.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      postSettlement({
        id: r.id,
        kind: r.kind,
        status: r.status,
        approvedOn: r.approved_on,
        partnerId: r.partner_id,
        partnerShare: Number(r.partner_share_paise),
        orderNumber: r.order_number,
      }),
    ]),
  );
}

async function payoutDrafts(executor: Executor, ids: number[]): Promise<Drafts> {
  const rows = await executor
    .selectFrom('payouts')
    .innerJoin('parties', 'parties.id', 'payouts.partner_id')
    .select([
      'payouts.id',
      'payouts.date',
      'payouts.partner_id',
      'parties.name as partner_name',
      'payouts.amount_paise',
      'payouts.mode',
      'payouts.reference',
    ])
    .where('payouts.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      postPayout({
        id: r.id,
        date: r.date,
        partnerId: r.partner_id,
        partnerName: r.partner_name,
        amount: Number(r.amount_paise),
        mode: r.mode,
        reference: r.reference,
      }),
    ]),
  );
}

/** A party's opening balance; the document's id is the party's. */
async function openingDrafts(executor: Executor, ids: number[]): Promise<Drafts> {
  const rows = await executor
    .selectFrom('parties')
    .select(['id', 'name', 'opening_balance_paise', 'opening_balance_on'])
    .where('id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      r.opening_balance_on === null || Number(r.opening_balance_paise) === 0
        ? null
        : postOpeningBalance({
            date: r.opening_balance_on,
            partyId: r.id,
            partyName: r.name,
            amount: Number(r.opening_balance_paise),
          }),
    ]),
  );
}

const LOADERS: Record<SourceType, (executor: Executor, ids: number[]) => Promise<Drafts>> = {
  invoice: invoiceDrafts,
  payment: paymentDrafts,
  expense: expenseDrafts,
  settlement: settlementDrafts,
  payout: payoutDrafts,
  opening: openingDrafts,
};

/** The drafts of documents of one type, keyed by id; ids that do not exist are absent from the map. */
export async function loadDrafts(executor: Executor, type: SourceType, ids: number[]): Promise<Drafts> {
  if (ids.length === 0) return new Map();
  const out: Drafts = new Map();
  // Bounded IN lists: SQLite allows 32,766 parameters and PostgreSQL 65,535.
  for (let i = 0; i < ids.length; i += 5000) {
    for (const [id, draft] of await LOADERS[type](executor, ids.slice(i, i + 5000))) out.set(id, draft);
  }
  return out;
}

/** Ids of every document of a type that may post, in id order, a page at a time (rebuild and check). */
export async function sourceIdsAfter(
  executor: Executor,
  type: SourceType,
  afterId: number,
  limit: number,
): Promise<number[]> {
  const table = (
    {
      invoice: 'invoices',
      payment: 'payments',
      expense: 'order_expenses',
      settlement: 'settlement_entries',
      payout: 'payouts',
      opening: 'parties',
    } as const
  )[type];
  const rows = await executor
    .selectFrom(table)
    .select('id')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.id));
}
