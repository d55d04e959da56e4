import type {
  AgeingBuckets,
  AgeingQuery,
  AgeingReport,
  LedgerEntryKind,
  LedgerQuery,
  PartyLedger,
} from '@bizdash/contracts/payments';
import type { Address } from '@bizdash/contracts/parties';
import { AppError } from '@bizdash/domain/errors';
import { financialYearOf } from '@bizdash/domain/fiscal-year';
import { toMoneyString } from '@bizdash/domain/money';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import * as repo from './money-reports.repo';

const m = (paise: number | string) => toMoneyString(Number(paise));

const minusDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};

export interface MoneyReportsDeps {
  database: Database;
  clock: Clock;
  /** Business time: reports run to today's date by default. */
  calendar: BusinessCalendar;
}

const KIND_LABELS: Record<LedgerEntryKind, string> = {
  sales_invoice: 'Sales invoice',
  purchase_bill: 'Purchase bill',
  credit_note: 'Credit note',
  debit_note: 'Debit note',
  payment_received: 'Payment received',
  payment_made: 'Payment made',
  tds: 'TDS deducted',
};

export function makeMoneyReports({ database, clock, calendar }: MoneyReportsDeps) {
  const { db } = database;

  /** Receivables or payables by party in due-date buckets, as of a date; aggregated in SQL. */
  async function ageing(query: AgeingQuery): Promise<AgeingReport> {
    const asOf = query.asOf ?? (await calendar.today(db));
    financialYearOf(asOf, 'asOf');
    const d30 = minusDays(asOf, 30);
    const d60 = minusDays(asOf, 60);
    const d90 = minusDays(asOf, 90);
    const rows = await repo.ageingRows(db, { direction: query.direction, asOf, d30, d60, d90, partyId: query.partyId });
    const totals = { notDue: 0, days0to30: 0, days31to60: 0, days61to90: 0, over90: 0, total: 0 };
    const out = rows.map((r) => {
      const b = {
        notDue: Number(r.not_due),
        days0to30: Number(r.b30),
        days31to60: Number(r.b60),
        days61to90: Number(r.b90),
        over90: Number(r.over90),
        total: Number(r.total),
      };
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += b[key];
      return { party: { id: Number(r.party_id), name: r.party_name }, documents: Number(r.documents), ...money(b) };
    });
    return { direction: query.direction, asOf, basis: 'due_date', rows: out, totals: money(totals) };
  }

  function money(b: Record<keyof AgeingBuckets, number>): AgeingBuckets {
    return {
      notDue: m(b.notDue),
      days0to30: m(b.days0to30),
      days31to60: m(b.days31to60),
      days61to90: m(b.days61to90),
      over90: m(b.over90),
      total: m(b.total),
    };
  }

  /** A party's statement: opening balance, every document and payment in date order with a running balance. */
  async function ledger(partyId: number, query: LedgerQuery): Promise<PartyLedger> {
    const party = await repo.partyById(db, partyId);
    if (!party) throw new AppError('NOT_FOUND', `Party ${partyId} not found`);
    const business = await repo.businessNameAndGstin(db);
    const today = await calendar.today(db);
    const to = query.to ?? today;
    const from = query.from ?? financialYearOf(to, 'to').start;
    financialYearOf(from, 'from');
    financialYearOf(to, 'to');
    if (from > to) throw new AppError('VALIDATION_FAILED', 'from: is after to', { field: 'from' });

    const openingBalance = Number((await repo.ledgerOpening(db, partyId, from)) ?? 0);
    const entries = await repo.ledgerEntries(db, partyId, from, to);

    let balance = openingBalance;
    let totalDebit = 0;
    let totalCredit = 0;
    const out = entries.map((e) => {
      const debit = Number(e.debit);
      const credit = Number(e.credit);
      balance += debit - credit;
      totalDebit += debit;
      totalCredit += credit;
      const label = KIND_LABELS[e.kind];
      const isPayment = e.payment_id !== null;
      const description = isPayment
        ? [label, e.mode ? `(${e.mode.replace('_', ' ')})` : null, e.number].filter(Boolean).join(' ')
        : `${label} ${e.number ?? ''}`.trim();
      return {
        // PostgreSQL returns dates as yyyy-mm-dd already; SQLite stores them so.
        date: String(e.date).slice(0, 10),
        kind: e.kind,
        invoiceId: e.invoice_id === null ? null : Number(e.invoice_id),
        paymentId: e.payment_id === null ? null : Number(e.payment_id),
        number: e.number,
        description,
        debit: m(debit),
        credit: m(credit),
        balance: m(balance),
      };
    });
    const billing = party.billing_address ? (JSON.parse(party.billing_address) as Address) : null;
    return {
      party: {
        id: party.id,
        name: party.name,
        gstin: party.gstin,
        billingAddress: billing
          ? {
              line1: billing.line1,
              line2: billing.line2 ?? null,
              city: billing.city,
              stateCode: billing.stateCode,
              pin: billing.pin,
            }
          : null,
      },
      business: { name: business?.name ?? '', gstin: business?.gstin ?? null },
      from,
      to,
      openingBalance: m(openingBalance),
      entries: out,
      totalDebit: m(totalDebit),
      totalCredit: m(totalCredit),
      closingBalance: m(balance),
      generatedAt: clock.now().toISOString(),
    };
  }

  return { ageing, ledger };
}
