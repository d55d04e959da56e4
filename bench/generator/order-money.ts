import { computeSettlement, paymentStatusOf } from '@bizdash/domain/settlements/settlement';
import { addDays } from '@bizdash/domain/orders/calendar';
import { pick, randomInt, seededRandom } from '../../packages/server/src/contexts/system/demo/indian-data';
import type { BulkWriter } from './bulk-writer';

/**
 * The money of generated orders (issue 5): receipts from the client, expenses, the settlement ledger and payouts
 * to partners, consistent with the domain formula (computeSettlement, contracted basis) and with each order's
 * derived columns (amount due, received, expenses, payment status). Each order draws from its own PRNG seeded by
 * its id, so adding money leaves the rest of the generated history exactly as before.
 */

const RECEIPT_COLUMNS = [
  'id',
  'order_id',
  'date',
  'amount_paise',
  'mode',
  'reference',
  'cheque_number',
  'cheque_date',
  'note',
  'created_by',
  'created_at',
  'updated_at',
] as const;
const EXPENSE_COLUMNS = [
  'id',
  'order_id',
  'date',
  'amount_paise',
  'category',
  'paid_to',
  'note',
  'created_by',
  'created_at',
  'updated_at',
] as const;
const ENTRY_COLUMNS = [
  'id',
  'order_id',
  'partner_id',
  'kind',
  'status',
  'basis',
  'outcome',
  'revenue_paise',
  'expenses_paise',
  'net_paise',
  'share_bp',
  'partner_share_paise',
  'business_share_paise',
  'allocated_paise',
  'computed_at',
  'approved_at',
  'approved_on',
  'approved_by',
  'created_at',
  'updated_at',
] as const;
const PAYOUT_COLUMNS = [
  'id',
  'partner_id',
  'date',
  'amount_paise',
  'mode',
  'reference',
  'note',
  'created_by',
  'created_at',
  'updated_at',
] as const;
const ALLOCATION_COLUMNS = ['payout_id', 'entry_id', 'amount_paise', 'created_at'] as const;

const EXPENSES = [
  ['stamp_duty', 'Stamp duty office', 50_00, 1500_00],
  ['courier', 'Blue Dart', 80_00, 450_00],
  ['notary', 'Notary public', 200_00, 800_00],
  ['government_fee', 'MCA / registrar fee', 500_00, 3000_00],
  ['travel', null, 150_00, 1200_00],
] as const;
const MODES = ['upi', 'upi', 'bank_transfer', 'bank_transfer', 'cheque', 'cash', 'card'] as const;

export interface MoneyIds {
  receipt: number;
  expense: number;
  entry: number;
  payout: number;
}

export interface OrderMoneyInput {
  id: number;
  /** yyyy-mm-dd (India) of creation and, when closed, of closing. */
  createdDay: string;
  closedDay: string | null;
  stage: string;
  feesPaise: number;
  baseChargesPaise: number;
  partnerId: number | null;
  shareBp: number;
  actorId: number | null;
  /** An instant (ms) to stamp rows with: the order's last activity. */
  at: number;
}

export interface OrderMoneyColumns {
  shareBp: number;
  amountDuePaise: number;
  receivedPaise: number;
  expensesPaise: number;
  paymentStatus: string;
}

/** Collects money rows order by order; `flush` writes them with the order batch, `finish` writes the payouts. */
export function makeMoneyGenerator(options: { firstIds: MoneyIds; today: string; approverId: number | null }) {
  const ids = { ...options.firstIds };
  const { today } = options;
  let receipts: unknown[][] = [];
  let expenses: unknown[][] = [];
  let entries: unknown[][] = [];
  const rows: Record<string, number> = { order_receipts: 0, order_expenses: 0, settlement_entries: 0 };
  // Payouts: one per partner and month, paying the shares approved in the month before (on the 10th).
  const payouts = new Map<string, { id: number; partnerId: number; date: string; paise: number }>();
  const allocations: unknown[][] = [];

  function forOrder(o: OrderMoneyInput): OrderMoneyColumns {
    const random = seededRandom(o.id * 2_654_435_761);
    const stamp = new Date(o.at).toISOString();
    const failed = o.stage === 'failed';
    const closed = o.closedDay !== null;
    const due = failed ? o.baseChargesPaise : o.feesPaise;
    const lastDay = o.closedDay ?? today;

    let expensesPaise = 0;
    if (o.stage !== 'received' && random() < 0.65) {
      const count = random() < 0.6 ? 1 : random() < 0.7 ? 2 : 3;
      for (let k = 0; k < count; k++) {
        const [category, paidTo, min, max] = pick(random, EXPENSES);
        const amount = randomInt(random, min / 100, max / 100) * 100;
        expensesPaise += amount;
        const day = between(random, o.createdDay, lastDay);
        expenses.push([ids.expense++, o.id, day, amount, category, paidTo, null, o.actorId, stamp, stamp]);
      }
    }

    // Most closed orders are paid in full; some partly, a few not yet; open ones sometimes carry an advance.
    let receivedPaise = 0;
    const roll = random();
    const target =
      due === 0
        ? 0
        : closed
          ? roll < 0.82
            ? due
            : roll < 0.94
              ? Math.round((due * randomInt(random, 3, 8)) / 1000) * 100
              : roll < 0.97
                ? due + randomInt(random, 1, 5) * 100_00
                : 0
          : roll < 0.3
            ? Math.round((due * randomInt(random, 2, 5)) / 1000) * 100
            : 0;
    if (target > 0) {
      const parts = target >= 2000_00 && random() < 0.35 ? 2 : 1;
      const first = parts === 2 ? Math.round(target / 200) * 100 : target;
      for (const amount of parts === 2 ? [first, target - first] : [target]) {
        receivedPaise += amount;
        const mode = pick(random, MODES);
        const day = between(random, o.createdDay, lastDay);
        receipts.push([
          ids.receipt++,
          o.id,
          day,
          amount,
          mode,
          mode === 'upi' || mode === 'bank_transfer' ? `UTR${o.id}${ids.receipt}` : null,
          mode === 'cheque' ? String(randomInt(random, 100000, 999999)) : null,
          mode === 'cheque' ? day : null,
          null,
          o.actorId,
          stamp,
          stamp,
        ]);
      }
    }

    if (closed && o.closedDay) {
      const figures = computeSettlement({
        basis: 'contracted',
        outcome: failed ? 'failed' : 'completed',
        feesPaise: o.feesPaise,
        baseChargesPaise: o.baseChargesPaise,
        receivedPaise,
        expensesPaise,
        shareBp: o.shareBp,
        hasPartner: o.partnerId !== null,
      });
      // Approved a few days after closing, except the most recent closings (still waiting) and a few stragglers.
      const approvedOn = addDays(o.closedDay, randomInt(random, 1, 6));
      const isApproved = approvedOn < addDays(today, -3) && random() < 0.95;
      const approvedAt = `${approvedOn}T07:30:00.000Z`;
      const entryId = ids.entry++;
      let allocated = 0;
      if (isApproved && o.partnerId !== null && figures.partnerSharePaise > 0) {
        const payDay = `${nextMonth(approvedOn.slice(0, 7))}-10`;
        // The latest month stays owed: paid only when the payout day is at least a week past.
        if (payDay <= addDays(today, -7)) {
          const key = `${o.partnerId}|${payDay}`;
          let payout = payouts.get(key);
          if (!payout) {
            payout = { id: ids.payout++, partnerId: o.partnerId, date: payDay, paise: 0 };
            payouts.set(key, payout);
          }
          payout.paise += figures.partnerSharePaise;
          allocated = figures.partnerSharePaise;
          allocations.push([payout.id, entryId, allocated, `${payDay}T06:00:00.000Z`]);
        }
      }
      entries.push([
        entryId,
        o.id,
        o.partnerId,
        'settlement',
        isApproved ? 'approved' : 'draft',
        'contracted',
        failed ? 'failed' : 'completed',
        figures.revenuePaise,
        figures.expensesPaise,
        figures.netPaise,
        figures.shareBp,
        figures.partnerSharePaise,
        figures.businessSharePaise,
        allocated,
        stamp,
        isApproved ? approvedAt : null,
        isApproved ? approvedOn : null,
        isApproved ? options.approverId : null,
        stamp,
        isApproved ? approvedAt : stamp,
      ]);
    }
    return {
      shareBp: o.shareBp,
      amountDuePaise: due,
      receivedPaise,
      expensesPaise,
      paymentStatus: paymentStatusOf(due, receivedPaise),
    };
  }

  async function flush(writer: BulkWriter) {
    const [r, e, s] = [receipts, expenses, entries];
    receipts = [];
    expenses = [];
    entries = [];
    await writer.insert('order_receipts', RECEIPT_COLUMNS, r);
    await writer.insert('order_expenses', EXPENSE_COLUMNS, e);
    await writer.insert('settlement_entries', ENTRY_COLUMNS, s);
    rows.order_receipts = (rows.order_receipts ?? 0) + r.length;
    rows.order_expenses = (rows.order_expenses ?? 0) + e.length;
    rows.settlement_entries = (rows.settlement_entries ?? 0) + s.length;
  }

  /** Writes the payouts and their allocations (after every entry they point at exists). */
  async function finish(writer: BulkWriter) {
    const payoutRows = [...payouts.values()].map((p) => {
      const at = `${p.date}T06:00:00.000Z`;
      return [
        p.id,
        p.partnerId,
        p.date,
        p.paise,
        'bank_transfer',
        `NEFT${p.date.replace(/-/g, '')}${p.partnerId}`,
        null,
        null,
        at,
        at,
      ];
    });
    await writer.transaction(async () => {
      for (let i = 0; i < payoutRows.length; i += 5000) {
        await writer.insert('payouts', PAYOUT_COLUMNS, payoutRows.slice(i, i + 5000));
      }
      for (let i = 0; i < allocations.length; i += 5000) {
        await writer.insert('payout_allocations', ALLOCATION_COLUMNS, allocations.slice(i, i + 5000));
      }
    });
    rows.payouts = payoutRows.length;
    rows.payout_allocations = allocations.length;
  }

  return { forOrder, flush, finish, rows };
}

/** A day between two yyyy-mm-dd days (inclusive), never after the later one. */
function between(random: () => number, from: string, to: string): string {
  const span = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000));
  return addDays(from, Math.floor(random() * (span + 1)));
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
