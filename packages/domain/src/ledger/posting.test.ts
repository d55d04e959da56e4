import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInvoice } from '../gst/compute-invoice';
import { TAX_REGIMES } from '../gst/regime';
import { CHART_OF_ACCOUNTS } from './chart';
import {
  entryTotals,
  fingerprint,
  postExpense,
  postInvoice,
  postOpeningBalance,
  postPayment,
  postPayout,
  postSettlement,
  reversalOf,
  type InvoiceDoc,
  type JournalDraft,
  type JournalLine,
} from './posting';

/** The entry as { account: signed amount } (debit positive), the shape an accountant checks by hand. */
function byAccount(draft: JournalDraft | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of draft?.lines ?? []) {
    const key = line.partyId === null ? line.account : `${line.account}#${line.partyId}`;
    out[key] = (out[key] ?? 0) + line.debit - line.credit;
  }
  return out;
}

const base: InvoiceDoc = {
  type: 'sales',
  direction: 'receivable',
  status: 'issued',
  number: 'INV/2026-27/0001',
  date: '2026-12-05',
  partyId: 7,
  partyName: 'Asha Traders',
  regime: 'CGST_SGST',
  reverseCharge: false,
  itcEligibility: null,
  lines: [{ hsnSac: '998311', taxable: 10_000_00, cgst: 900_00, sgst: 900_00, igst: 0, cess: 0 }],
  otherCharges: 0,
  roundOff: 0,
  grandTotal: 11_800_00,
};

describe('posting rules, hand-worked', () => {
  const cases: { name: string; draft: JournalDraft | null; expected: Record<string, number> }[] = [
    {
      name: 'intra-state service invoice: fees ₹10,000 + 18%',
      draft: postInvoice(base),
      expected: {
        'sundry_debtors#7': 11_800_00,
        sales_services: -10_000_00,
        output_cgst: -900_00,
        output_sgst: -900_00,
      },
    },
    {
      name: 'UT invoice credits UTGST, not SGST',
      draft: postInvoice({ ...base, regime: 'CGST_UTGST' }),
      expected: {
        'sundry_debtors#7': 11_800_00,
        sales_services: -10_000_00,
        output_cgst: -900_00,
        output_utgst: -900_00,
      },
    },
    {
      name: 'inter-state goods with cess and round-off down',
      draft: postInvoice({
        ...base,
        regime: 'IGST',
        lines: [{ hsnSac: '8703', taxable: 1_000_49, cgst: 0, sgst: 0, igst: 280_14, cess: 150_07 }],
        roundOff: -70,
        grandTotal: 1_430_00,
      }),
      expected: {
        'sundry_debtors#7': 1_430_00,
        sales_goods: -1_000_49,
        output_igst: -280_14,
        output_cess: -150_07,
        round_off: 70,
      },
    },
    {
      name: 'export under LUT: no tax',
      draft: postInvoice({
        ...base,
        regime: 'IGST_ZERO_RATED_LUT',
        lines: [{ hsnSac: '998311', taxable: 50_000_00, cgst: 0, sgst: 0, igst: 0, cess: 0 }],
        grandTotal: 50_000_00,
      }),
      expected: { 'sundry_debtors#7': 50_000_00, sales_services: -50_000_00 },
    },
    {
      name: 'sales under reverse charge: the recipient pays the tax, so none is credited',
      draft: postInvoice({ ...base, reverseCharge: true, grandTotal: 10_000_00 }),
      expected: { 'sundry_debtors#7': 10_000_00, sales_services: -10_000_00 },
    },
    {
      name: 'credit note turns every sign',
      draft: postInvoice({
        ...base,
        type: 'credit_note',
        lines: [{ hsnSac: '998311', taxable: 1_000_00, cgst: 90_00, sgst: 90_00, igst: 0, cess: 0 }],
        grandTotal: 1_180_00,
      }),
      expected: { 'sundry_debtors#7': -1_180_00, sales_services: 1_000_00, output_cgst: 90_00, output_sgst: 90_00 },
    },
    {
      name: 'purchase bill with eligible ITC and other charges',
      draft: postInvoice({
        ...base,
        type: 'purchase',
        direction: 'payable',
        itcEligibility: 'eligible',
        lines: [{ hsnSac: '4820', taxable: 2_000_00, cgst: 120_00, sgst: 120_00, igst: 0, cess: 0 }],
        otherCharges: 50_00,
        grandTotal: 2_290_00,
      }),
      expected: {
        'sundry_creditors#7': -2_290_00,
        purchases_goods: 2_000_00,
        input_cgst: 120_00,
        input_sgst: 120_00,
        purchase_charges: 50_00,
      },
    },
    {
      name: 'purchase bill with ineligible ITC: the tax is an expense',
      draft: postInvoice({
        ...base,
        type: 'purchase',
        direction: 'payable',
        itcEligibility: 'ineligible',
        regime: 'IGST',
        lines: [{ hsnSac: '996331', taxable: 1_000_00, cgst: 0, sgst: 0, igst: 180_00, cess: 0 }],
        grandTotal: 1_180_00,
      }),
      expected: { 'sundry_creditors#7': -1_180_00, purchases_services: 1_000_00, ineligible_itc: 180_00 },
    },
    {
      name: 'purchase under reverse charge: tax owed to the government, credit taken',
      draft: postInvoice({
        ...base,
        type: 'purchase',
        direction: 'payable',
        itcEligibility: 'eligible',
        reverseCharge: true,
        lines: [{ hsnSac: '996511', taxable: 5_000_00, cgst: 125_00, sgst: 125_00, igst: 0, cess: 0 }],
        grandTotal: 5_000_00,
      }),
      expected: {
        'sundry_creditors#7': -5_000_00,
        purchases_services: 5_000_00,
        input_cgst: 125_00,
        input_sgst: 125_00,
        rcm_payable: -250_00,
      },
    },
    {
      name: 'supplier credit note against a purchase reduces what is owed',
      draft: postInvoice({
        ...base,
        type: 'credit_note',
        direction: 'payable',
        itcEligibility: 'eligible',
        lines: [{ hsnSac: '4820', taxable: 100_00, cgst: 6_00, sgst: 6_00, igst: 0, cess: 0 }],
        grandTotal: 112_00,
      }),
      expected: { 'sundry_creditors#7': 112_00, purchases_goods: -100_00, input_cgst: -6_00, input_sgst: -6_00 },
    },
    {
      name: 'payment received with TDS, part allocated, the rest an advance',
      draft: postPayment({
        id: 3,
        direction: 'received',
        date: '2026-12-05',
        partyId: 7,
        partyName: 'Asha Traders',
        amount: 9_800_00,
        tds: 200_00,
        mode: 'bank_transfer',
        allocated: 8_000_00,
        reference: 'UTR1',
      }),
      expected: {
        bank: 9_800_00,
        tds_receivable: 200_00,
        'sundry_debtors#7': -8_000_00,
        'customer_advances#7': -2_000_00,
      },
    },
    {
      name: 'payment made by UPI to a supplier, fully allocated',
      draft: postPayment({
        id: 4,
        direction: 'made',
        date: '2026-12-05',
        partyId: 9,
        partyName: 'Paper Mart',
        amount: 2_290_00,
        tds: 0,
        mode: 'upi',
        allocated: 2_290_00,
        reference: null,
      }),
      expected: { upi_clearing: -2_290_00, 'sundry_creditors#9': 2_290_00 },
    },
    {
      name: 'order expense from petty cash',
      draft: postExpense({
        id: 1,
        date: '2026-12-01',
        amount: 500_00,
        category: 'courier',
        orderNumber: 'ORD/1',
        paidTo: null,
      }),
      expected: { expense_courier: 500_00, cash: -500_00 },
    },
    {
      name: 'approved settlement: partner commission payable',
      draft: postSettlement({
        id: 2,
        kind: 'settlement',
        status: 'approved',
        approvedOn: '2026-12-02',
        partnerId: 11,
        partnerShare: 3_000_00,
        orderNumber: 'ORD/1',
      }),
      expected: { partner_commission: 3_000_00, 'partner_payable#11': -3_000_00 },
    },
    {
      name: 'negative adjustment takes commission back',
      draft: postSettlement({
        id: 5,
        kind: 'adjustment',
        status: 'approved',
        approvedOn: '2026-12-03',
        partnerId: 11,
        partnerShare: -500_00,
        orderNumber: 'ORD/1',
      }),
      expected: { partner_commission: -500_00, 'partner_payable#11': 500_00 },
    },
    {
      name: 'payout in cash',
      draft: postPayout({
        id: 1,
        date: '2026-12-04',
        partnerId: 11,
        partnerName: 'P',
        amount: 2_500_00,
        mode: 'cash',
        reference: null,
      }),
      expected: { 'partner_payable#11': 2_500_00, cash: -2_500_00 },
    },
    {
      name: 'opening balance payable to a supplier',
      draft: postOpeningBalance({ date: '2026-04-01', partyId: 9, partyName: 'Paper Mart', amount: -1_000_00 }),
      expected: { 'sundry_creditors#9': -1_000_00, opening_balance_equity: 1_000_00 },
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(byAccount(c.draft)).toEqual(c.expected);
      const totals = entryTotals(c.draft!.lines);
      expect(totals.debit).toBe(totals.credit);
    });
  }

  it('drafts, cancelled documents and unapproved settlements post nothing', () => {
    expect(postInvoice({ ...base, status: 'draft' })).toBeNull();
    expect(postInvoice({ ...base, status: 'cancelled' })).toBeNull();
    expect(
      postSettlement({
        id: 1,
        kind: 'settlement',
        status: 'draft',
        approvedOn: null,
        partnerId: 1,
        partnerShare: 1,
        orderNumber: 'x',
      }),
    ).toBeNull();
    expect(
      postSettlement({
        id: 1,
        kind: 'settlement',
        status: 'approved',
        approvedOn: '2026-12-01',
        partnerId: null,
        partnerShare: 1,
        orderNumber: 'x',
      }),
    ).toBeNull();
  });

  it('a reversal undoes the entry line by line', () => {
    const draft = postInvoice(base)!;
    const undone = [...draft.lines, ...reversalOf(draft.lines)];
    const sums = new Map<string, number>();
    for (const l of undone) sums.set(l.account, (sums.get(l.account) ?? 0) + l.debit - l.credit);
    expect([...sums.values()].every((v) => v === 0)).toBe(true);
  });

  it('the fingerprint ignores narration but not amounts', () => {
    const draft = postInvoice(base)!;
    expect(fingerprint({ ...draft, narration: 'renamed' })).toBe(fingerprint(draft));
    expect(fingerprint(postInvoice({ ...base, date: '2026-12-06' }))).not.toBe(fingerprint(draft));
  });

  it('every account a rule names is in the chart, with a unique code', () => {
    const codes = CHART_OF_ACCOUNTS.map((x) => x.code);
    expect(new Set(codes).size).toBe(codes.length);
    const keys = new Set(CHART_OF_ACCOUNTS.map((x) => x.key));
    const all: JournalLine[] = cases.flatMap((c) => c.draft?.lines ?? []);
    for (const line of all) expect(keys.has(line.account)).toBe(true);
  });
});

// ---- property tests: whatever the GST engine computes, the entry balances to the paisa

const lineArb = fc.record({
  quantityMilli: fc.integer({ min: 1, max: 5_000_000 }),
  unitPrice: fc.integer({ min: 0, max: 50_000_000 }),
  gstRateBp: fc.constantFrom(0, 10, 25, 300, 500, 1200, 1800, 2800),
  cessRateBp: fc.constantFrom(0, 100, 1200, 1500),
  cessPerUnit: fc.constantFrom(0, 0, 417, 207_600),
  hsnSac: fc.constantFrom('998311', '8703', '4820', '996511', '2402'),
  discountBp: fc.constantFrom(0, 0, 500, 1000),
});

const invoiceArb = fc.record({
  regime: fc.constantFrom(...TAX_REGIMES),
  reverseCharge: fc.boolean(),
  roundToRupee: fc.boolean(),
  otherCharges: fc.integer({ min: 0, max: 1_000_000 }),
  type: fc.constantFrom('sales', 'purchase', 'credit_note', 'debit_note' as const),
  direction: fc.constantFrom('receivable', 'payable' as const),
  itc: fc.constantFrom('eligible', 'ineligible', 'partial', null),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 8 }),
});

describe('posting rules, properties', () => {
  it('every GST document posts a balanced entry: cess, reverse charge, exports, SEZ, notes', () => {
    fc.assert(
      fc.property(invoiceArb, (inv) => {
        const computed = computeInvoice({
          regime: inv.regime,
          reverseCharge: inv.reverseCharge,
          roundToRupee: inv.roundToRupee,
          otherCharges: inv.otherCharges,
          lines: inv.lines.map((l) => ({
            quantityMilli: l.quantityMilli,
            unitPrice: l.unitPrice,
            gstRateBp: l.gstRateBp,
            cessRateBp: l.cessRateBp,
            cessPerUnit: l.cessPerUnit,
            discount: l.discountBp ? { type: 'percent' as const, rateBp: l.discountBp } : null,
          })),
        });
        const draft = postInvoice({
          ...base,
          type: inv.type,
          direction: inv.type === 'purchase' ? 'payable' : inv.direction,
          regime: inv.regime,
          reverseCharge: inv.reverseCharge,
          itcEligibility: inv.itc,
          lines: computed.lines.map((l, i) => ({
            hsnSac: inv.lines[i]!.hsnSac,
            taxable: l.taxableValue,
            cgst: l.cgst,
            sgst: l.sgst,
            igst: l.igst,
            cess: l.cess,
          })),
          otherCharges: computed.totals.otherCharges,
          roundOff: computed.totals.roundOff,
          grandTotal: computed.totals.grandTotal,
        });
        if (computed.totals.grandTotal === 0 && computed.totals.totalTax === 0) return;
        const totals = entryTotals(draft!.lines);
        expect(totals.debit).toBe(totals.credit);
        // The party's ledger moves by exactly the grand total: the document's balance is what it owes.
        const party = draft!.lines.filter((l) => l.partyId !== null);
        const partyNet = Math.abs(party.reduce((s, l) => s + l.debit - l.credit, 0));
        expect(partyNet).toBe(computed.totals.grandTotal);
        // GST is never revenue: income accounts carry exactly the taxable value, other charges and round-off.
        const income = draft!.lines
          .filter((l) => ['sales_services', 'sales_goods'].includes(l.account))
          .reduce((s, l) => s + l.credit - l.debit, 0);
        if (inv.direction === 'receivable' && inv.type !== 'purchase') {
          const sign = inv.type === 'credit_note' ? -1 : 1;
          expect(income).toBe(sign * computed.totals.taxableValue);
        }
      }),
      { numRuns: 400, seed: 20261205 },
    );
  });

  it('every payment, settlement, payout and expense balances', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('received', 'made' as const),
        fc.constantFrom('cash', 'bank_transfer', 'upi', 'cheque', 'card', 'other' as const),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        (amount, tds, share, direction, mode, partnerShare) => {
          const allocated = Math.floor((amount + tds) * share);
          const drafts = [
            postPayment({
              id: 1,
              direction,
              date: '2026-12-05',
              partyId: 1,
              partyName: 'X',
              amount,
              tds,
              mode,
              allocated,
              reference: null,
            }),
            postSettlement({
              id: 1,
              kind: 'adjustment',
              status: 'approved',
              approvedOn: '2026-12-05',
              partnerId: 2,
              partnerShare,
              orderNumber: 'O',
            }),
            postPayout({ id: 1, date: '2026-12-05', partnerId: 2, partnerName: 'P', amount, mode, reference: null }),
            postExpense({ id: 1, date: '2026-12-05', amount, category: 'other', orderNumber: 'O', paidTo: null }),
          ];
          for (const draft of drafts) {
            if (!draft) continue;
            const t = entryTotals(draft.lines);
            expect(t.debit).toBe(t.credit);
          }
        },
      ),
      { numRuns: 300, seed: 20261205 },
    );
  });
});
