import { parseMoney } from '@bizdash/domain/money';
import type { TestApp } from './support/test-app';

/**
 * Ledger set-up for the payouts, statement and portal tests: approved settlement entries written straight into
 * settlement_entries (what the order-money recompute and approval leave behind), so these tests exercise the
 * partners module on its own. The end-to-end path through the real recompute is covered separately.
 */
export async function insertEntry(
  t: TestApp,
  input: {
    orderId: number;
    partnerId: number | null;
    partnerShare: string;
    approvedOn?: string | null;
    kind?: 'settlement' | 'adjustment';
    shareBp?: number;
  },
): Promise<number> {
  const share = parseMoney(input.partnerShare);
  const bp = input.shareBp ?? 4000;
  // Any net that gives this share at this rate; the figures only need to be self-consistent.
  const net = bp === 0 ? 0 : Math.round((share * 10_000) / bp);
  const approved = input.approvedOn !== null;
  const approvedOn = input.approvedOn ?? '2026-11-01';
  const at = `${approvedOn}T06:00:00.000Z`;
  const row = await t.services.database.db
    .insertInto('settlement_entries')
    .values({
      order_id: input.orderId,
      partner_id: input.partnerId,
      kind: input.kind ?? 'settlement',
      status: approved ? 'approved' : 'draft',
      basis: 'contracted',
      outcome: 'completed',
      revenue_paise: net,
      expenses_paise: 0,
      net_paise: net,
      share_bp: bp,
      partner_share_paise: share,
      business_share_paise: net - share,
      computed_at: at,
      approved_at: approved ? at : null,
      approved_on: approved ? approvedOn : null,
      approved_by: null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
