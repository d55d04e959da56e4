/**
 * A partner statement over 10,000 orders (issue 5; target: renders in under 200 ms, JSON and PDF separately).
 * A generated firm (cached in bench/.data/) gets one partner with 10,000 closed orders, each with an approved
 * settlement spread over three years, and a payout every month; the statement covers the whole period (10,000
 * settlement lines + the payouts). Measured through the real HTTP app (routes, auth guard; Fastify inject, one
 * request at a time): GET /api/v1/partners/{id}/statement as JSON and as PDF.
 *
 *   npx tsx bench/partner-statement.bench.ts [--orders 10000] [--runs 30]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { computeSettlement } from '@bizdash/domain/settlements/settlement';
import { cachedDatabase, machineLine, openBenchApp, printStats, type Stats } from './generator/bench-support';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '30' },
  },
});
const orderCount = Number(values.orders);
const runs = Number(values.runs);
const TODAY = '2026-11-23';
const FROM = '2023-11-01';

// Enough generated orders that `orderCount` of them are closed; the generator closes most orders older than a month.
const cache = await cachedDatabase(`partner-statement-${orderCount}`, {
  parties: 400,
  orders: Math.ceil(orderCount * 1.4),
  invoices: 0,
  seed: 5,
  today: TODAY,
  years: 3,
});
const bench = await openBenchApp(cache.file, TODAY);
try {
  const db = bench.database.db;
  const partner = await db
    .selectFrom('parties')
    .select(['id', 'name'])
    .where('is_partner', '=', true)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const closed = await db
    .selectFrom('orders')
    .select(['id', 'stage_code', 'fees_paise', 'base_charges_paise', 'closed_at'])
    .where('stage_code', 'in', ['completed', 'failed'])
    .orderBy('closed_at')
    .orderBy('id')
    .limit(orderCount)
    .execute();
  if (closed.length < orderCount) throw new Error(`only ${closed.length} closed orders generated`);

  // Re-seed the partner's ledger from scratch (the cached file keeps the last run's rows).
  const seeded = await bench.database.transaction(async (tx) => {
    const mine = tx.selectFrom('settlement_entries').select('id').where('partner_id', '=', partner.id);
    await tx.deleteFrom('payout_allocations').where('entry_id', 'in', mine).execute();
    await tx
      .deleteFrom('payout_allocations')
      .where('payout_id', 'in', tx.selectFrom('payouts').select('id').where('partner_id', '=', partner.id))
      .execute();
    await tx.deleteFrom('payouts').where('partner_id', '=', partner.id).execute();
    await tx.deleteFrom('settlement_entries').where('partner_id', '=', partner.id).execute();
    const ids = closed.map((o) => o.id);
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      await tx
        .deleteFrom('payout_allocations')
        .where('entry_id', 'in', tx.selectFrom('settlement_entries').select('id').where('order_id', 'in', chunk))
        .execute();
      await tx.deleteFrom('settlement_entries').where('order_id', 'in', chunk).execute();
      await tx.updateTable('orders').set({ partner_id: partner.id, share_bp: 4000 }).where('id', 'in', chunk).execute();
    }
    let owed = 0;
    const monthly = new Map<string, number>();
    let rows = [];
    for (const o of closed) {
      const closedAt = o.closed_at ?? `${TODAY}T05:00:00.000Z`;
      const outcome = o.stage_code === 'failed' ? 'failed' : 'completed';
      const figures = computeSettlement({
        basis: 'contracted',
        outcome,
        feesPaise: Number(o.fees_paise),
        baseChargesPaise: Number(o.base_charges_paise),
        receivedPaise: 0,
        expensesPaise: 0,
        shareBp: 4000,
        hasPartner: true,
      });
      owed += figures.partnerSharePaise;
      const month = closedAt.slice(0, 7);
      monthly.set(month, (monthly.get(month) ?? 0) + figures.partnerSharePaise);
      rows.push({
        order_id: o.id,
        partner_id: partner.id,
        kind: 'settlement' as const,
        status: 'approved' as const,
        basis: 'contracted' as const,
        outcome: outcome as 'completed' | 'failed',
        revenue_paise: figures.revenuePaise,
        expenses_paise: 0,
        net_paise: figures.netPaise,
        share_bp: 4000,
        partner_share_paise: figures.partnerSharePaise,
        business_share_paise: figures.businessSharePaise,
        computed_at: closedAt,
        approved_at: closedAt,
        approved_on: closedAt.slice(0, 10),
        approved_by: null,
        created_at: closedAt,
        updated_at: closedAt,
      });
      if (rows.length === 500) {
        await tx.insertInto('settlement_entries').values(rows).execute();
        rows = [];
      }
    }
    if (rows.length > 0) await tx.insertInto('settlement_entries').values(rows).execute();
    // Each month's share is paid out on the 10th of the next month (unallocated: the statement reads payouts only).
    let payouts = 0;
    for (const [month, paise] of monthly) {
      const [y, m] = month.split('-').map(Number) as [number, number];
      const date = `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-10`;
      if (date > TODAY) continue;
      const at = `${date}T06:00:00.000Z`;
      await tx
        .insertInto('payouts')
        .values({
          partner_id: partner.id,
          date,
          amount_paise: paise,
          mode: 'bank_transfer',
          reference: `UTR${month.replace('-', '')}`,
          note: null,
          created_by: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      owed -= paise;
      payouts++;
    }
    return { owed, payouts };
  });

  const url = `/api/v1/partners/${partner.id}/statement?from=${FROM}&to=${TODAY}`;
  const check = await bench.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bench.token}` } });
  const statement = check.json<{ lines: unknown[]; closingBalance: string }>();
  console.log(machineLine());
  console.log(
    `partner ${partner.name}: ${closed.length} settled orders, ${seeded.payouts} payouts; statement ${FROM} to ${TODAY}: ` +
      `${statement.lines.length} lines, closing ${statement.closingBalance} (${(check.body.length / 1e6).toFixed(1)} MB JSON)`,
  );

  async function time(label: string, format: 'json' | 'pdf'): Promise<Stats> {
    const times: number[] = [];
    // CPU time of this process per request: what the request costs when the machine is shared (wall time includes
    // waiting for a core while other processes run).
    const cpu: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs + 3; i++) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const res = await bench.app.inject({
        method: 'GET',
        url: `${url}&format=${format}`,
        headers: { authorization: `Bearer ${bench.token}` },
      });
      const ms = performance.now() - start;
      if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      bytes = res.rawPayload.length;
      const used = process.cpuUsage(cpuStart);
      if (i >= 3) {
        times.push(ms);
        cpu.push((used.user + used.system) / 1000);
      }
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
    const cpuAt = (q: number) => cpu[Math.min(cpu.length - 1, Math.floor(q * cpu.length))] ?? 0;
    console.log(
      `${label}: ${(bytes / 1e6).toFixed(2)} MB; CPU per request median ${cpuAt(0.5).toFixed(0)} ms, ` +
        `p95 ${cpuAt(0.95).toFixed(0)} ms; load average ${loadavg()[0]?.toFixed(1)}`,
    );
    return {
      label,
      runs,
      median: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: times[times.length - 1] ?? 0,
      total: statement.lines.length,
    };
  }

  const ok = printStats([
    { ...(await time('statement JSON', 'json')), target: 200 },
    { ...(await time('statement PDF', 'pdf')), target: 200 },
  ]);
  if (!ok) {
    console.error('FAIL: a statement took 200 ms or more at p95');
    process.exitCode = 1;
  }
} finally {
  await bench.close();
}
