/**
 * GSTR-1 for a month of 100,000 issued documents (issue 6; target: under 10 s). Seeds a fresh database (SQLite by
 * default; TEST_DIALECT=postgres for PostgreSQL) with a realistic mix written straight into the tables: 50 % B2B
 * (half intra-, half inter-state), 30 % B2CS, 5 % B2CL, 5 % exports, 10 % credit notes to registered buyers, two
 * lines each (18 % and 5 %). Then times GET /api/v1/returns/gstr1 through the service, JSON and XLSX.
 *
 *   npx tsx bench/gstr1.bench.ts [--invoices 100000] [--runs 3]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { gstinCheckChar } from '../packages/domain/src/gstin/validate-gstin';
import type {
  InvoiceLinesTable,
  InvoicesTable,
} from '../packages/server/src/contexts/invoicing/invoices/invoices.tables';
import { createTestApp } from '../packages/server/test/support/test-app';
import type { Insertable } from 'kysely';

const { values } = parseArgs({
  options: { invoices: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' } },
});
const total = Number(values.invoices);
const runs = Number(values.runs);

const t = await createTestApp();
try {
  await t.setup();
  const { token } = await t.login();
  const ourGstin = '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z');
  await t.call({ method: 'PATCH', url: '/api/v1/settings/business', token, body: { gstin: ourGstin } });

  // 200 registered customers across states, 50 consumers.
  const registered: { id: number; gstin: string; state: string; name: string }[] = [];
  const states = ['27', '24', '29', '33', '07'];
  for (let i = 0; i < 200; i++) {
    const state = states[i % states.length] ?? '27';
    const pan = `AABCR${String(1000 + i).padStart(4, '0')}E`;
    const gstin = `${state}${pan}1Z` + gstinCheckChar(`${state}${pan}1Z`);
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/parties',
      token,
      body: { name: `Customer ${i}`, kind: 'company', roles: ['client'], gstin, gstRegistrationType: 'regular' },
    });
    if (res.statusCode !== 201) throw new Error(`party: ${res.statusCode} ${res.body}`);
    registered.push({ id: res.json<{ id: number }>().id, gstin, state, name: `Customer ${i}` });
  }
  const consumer = await t.call({
    method: 'POST',
    url: '/api/v1/parties',
    token,
    body: { name: 'Walk-in', kind: 'individual', roles: ['client'], gstRegistrationType: 'consumer' },
  });
  const consumerId = consumer.json<{ id: number }>().id;

  const now = '2026-11-23T04:30:00.000Z';
  const seedStart = performance.now();
  const BATCH = 250;
  for (let start = 0; start < total; start += BATCH) {
    const rows: Insertable<InvoicesTable>[] = [];
    const lineSpecs: { rate: number; taxable: number; intra: boolean; zero: boolean }[][] = [];
    for (let n = start; n < Math.min(start + BATCH, total); n++) {
      const kind = n % 20; // 0-9 b2b, 10-15 b2cs, 16 b2cl, 17 exp, 18-19 credit notes
      const party = registered[n % registered.length] ?? registered[0]!;
      const isB2b = kind < 10 || kind >= 18;
      const isExp = kind === 17;
      const isB2cl = kind === 16;
      const pos = isExp ? '96' : isB2b ? party.state : isB2cl ? '29' : n % 3 === 0 ? '24' : '27';
      const intra = pos === '27';
      const zero = isExp;
      const a = isB2cl ? 100_000_00 : 1_000_00 + (n % 97) * 1_01;
      const b = 500_00 + (n % 13) * 7;
      const lines = [
        { rate: 1800, taxable: a, intra, zero },
        { rate: 500, taxable: b, intra, zero },
      ];
      const tax = (l: (typeof lines)[number]) =>
        l.zero ? 0 : l.intra ? 2 * Math.round((l.taxable * l.rate) / 20000) : Math.round((l.taxable * l.rate) / 10000);
      const taxable = a + b;
      const totalTax = tax(lines[0]!) + tax(lines[1]!);
      const igst = intra ? 0 : totalTax;
      const half = intra ? totalTax / 2 : 0;
      const before = taxable + totalTax;
      const grand = Math.round(before / 100) * 100;
      const isNote = kind >= 18;
      const month = String((n % 28) + 1).padStart(2, '0');
      rows.push({
        type: isNote ? 'credit_note' : 'sales',
        kind: isNote ? null : isExp ? 'export_invoice' : 'tax_invoice',
        direction: 'receivable',
        status: 'issued',
        number: `${isNote ? 'CN' : 'INV'}/${String(n).padStart(7, '0')}`,
        series: isNote ? 'credit_note' : 'invoice',
        sequence: n + 1,
        financial_year: '2026-27',
        date: `2026-11-${month}`,
        due_date: null,
        party_id: isB2b ? party.id : consumerId,
        party_name: isB2b ? party.name : 'Walk-in',
        party_gstin: isB2b ? party.gstin : null,
        party_state_code: isB2b ? party.state : pos,
        party_snapshot: '{}',
        business_registration_id: null,
        business_gstin: ourGstin,
        business_state_code: '27',
        business_snapshot: '{}',
        place_of_supply: pos,
        supplier_state_code: '27',
        supply_kind: isExp ? 'EXPWOP' : isB2b ? 'B2B' : 'B2C',
        regime: zero ? 'IGST_ZERO_RATED_LUT' : intra ? 'CGST_SGST' : 'IGST',
        is_inter_state: !intra,
        is_zero_rated: zero,
        is_igst_on_intra: false,
        regime_override_reason: null,
        reverse_charge: false,
        round_to_rupee: true,
        original_invoice_id: null,
        note_reason: null,
        supplier_number: null,
        supplier_date: null,
        itc_eligibility: null,
        itc_reason: null,
        export_details: isExp ? JSON.stringify({ portCode: 'INBOM1', shippingBillNumber: String(n) }) : null,
        order_id: null,
        notes: null,
        terms: null,
        gross_paise: taxable,
        discount_paise: 0,
        taxable_paise: taxable,
        cgst_paise: half,
        sgst_paise: half,
        igst_paise: igst,
        cess_ad_valorem_paise: 0,
        cess_non_ad_valorem_paise: 0,
        cess_paise: 0,
        other_charges_paise: 0,
        total_tax_paise: totalTax,
        round_off_paise: grand - before,
        grand_total_paise: grand,
        amount_paid_paise: 0,
        amount_credited_paise: 0,
        balance_due_paise: isNote ? 0 : grand,
        payment_status: isNote ? null : 'unpaid',
        irn: null,
        ack_no: null,
        ack_date: null,
        signed_qr_code: null,
        einvoice_status: null,
        issued_at: now,
        cancelled_at: null,
        cancel_reason: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
      lineSpecs.push(lines);
    }
    await t.services.database.transaction(async (tx) => {
      const ids = await tx.insertInto('invoices').values(rows).returning('id').execute();
      const lineRows: Insertable<InvoiceLinesTable>[] = [];
      ids.forEach(({ id }, i) => {
        (lineSpecs[i] ?? []).forEach((l, p) => {
          const taxHalf = l.zero || !l.intra ? 0 : Math.round((l.taxable * l.rate) / 20000);
          const igst = l.zero || l.intra ? 0 : Math.round((l.taxable * l.rate) / 10000);
          lineRows.push({
            invoice_id: id,
            position: p + 1,
            item_id: null,
            original_line_id: null,
            description: p === 0 ? 'Consulting services' : 'Printed stationery',
            hsn_sac: p === 0 ? '998311' : '48202000',
            quantity_milli: 1000,
            unit: p === 0 ? 'OTH' : 'NOS',
            rate_paise: l.taxable,
            discount_type: null,
            discount_value: null,
            gst_rate_bp: l.rate,
            cess_rate_bp: 0,
            cess_per_unit_paise: 0,
            gross_paise: l.taxable,
            discount_paise: 0,
            taxable_paise: l.taxable,
            cgst_paise: taxHalf,
            sgst_paise: taxHalf,
            igst_paise: igst,
            cess_ad_valorem_paise: 0,
            cess_non_ad_valorem_paise: 0,
            cess_paise: 0,
            total_paise: l.taxable + 2 * taxHalf + igst,
          });
        });
      });
      await tx.insertInto('invoice_lines').values(lineRows).execute();
    });
  }
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, ${t.testDb.dialect}`,
  );
  console.log(
    `data: ${total} issued documents (${2 * total} lines) in 2026-11, seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const time = async (label: string, fn: () => Promise<unknown>) => {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const out = await fn();
      times.push(performance.now() - start);
      size = Buffer.isBuffer(out) ? out.length : JSON.stringify(out).length;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    console.log(
      `${label}: runs ${times.map((x) => (x / 1000).toFixed(2)).join(' / ')} s; median ${(median / 1000).toFixed(2)} s; ${(size / 1e6).toFixed(1)} MB`,
    );
    return median;
  };
  const json = await time('GSTR-1 JSON', () => t.services.returns.gstr1({ period: '2026-11' }));
  const res = await t.call({ method: 'GET', url: '/api/v1/returns/gstr1?period=2026-11', token });
  console.log(
    `through HTTP (contract serialisation included): ${res.statusCode}, ${(res.rawPayload.length / 1e6).toFixed(1)} MB`,
  );
  const xlsx = await time('GSTR-1 XLSX', () => t.services.returns.gstr1Xlsx({ period: '2026-11' }));
  if (json >= 10_000 || xlsx >= 10_000) {
    console.error('FAIL: above the 10 s target');
    process.exitCode = 1;
  }
} finally {
  await t.close();
}
