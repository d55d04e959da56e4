import { describe, expect, it } from 'vitest';
import {
  periodGrain,
  averageCompletionDays,
  averageOrderValue,
  bookedRevenue,
  collected,
  documentTurnaroundDays,
  inputTaxCredit,
  monthsOf,
  netGstPayable,
  onTimeRate,
  outputTax,
  outstanding,
  partnerShare,
  pipeline,
  previousPeriod,
  profitAndLoss,
  purchases,
  realizedRevenue,
  sales,
  taxByRate,
  unrealizedRevenue,
  assertPeriod,
  type MetricInvoice,
  type MetricLine,
  type MetricOrder,
  type MetricSettlementEntry,
  type StageChange,
} from './definitions';

const APRIL = { from: '2026-04-01', to: '2026-04-30' };
const MAY = { from: '2026-05-01', to: '2026-05-31' };

// Figures in paise. Order 1 completed in April at ₹10,000 fees, paid ₹6,000 (partial receipt).
// Order 2 failed in April: fees ₹8,000 but base charges ₹1,500 are what is due; ₹2,000 received (overpaid).
// Order 3 is open (created April, fees ₹5,000, nothing received). Order 4 completed in May (₹4,000, fully paid).
const orders: MetricOrder[] = [
  {
    id: 1,
    stage: 'completed',
    feesPaise: 1_000_000,
    baseChargesPaise: 200_000,
    receivedPaise: 600_000,
    createdOn: '2026-04-02',
    closedOn: '2026-04-20',
    dueDate: '2026-04-25',
  },
  {
    id: 2,
    stage: 'failed',
    feesPaise: 800_000,
    baseChargesPaise: 150_000,
    receivedPaise: 200_000,
    createdOn: '2026-04-03',
    closedOn: '2026-04-28',
    dueDate: '2026-04-10',
  },
  {
    id: 3,
    stage: 'documents_pending',
    feesPaise: 500_000,
    baseChargesPaise: 100_000,
    receivedPaise: 0,
    createdOn: '2026-04-10',
    closedOn: null,
    dueDate: null,
  },
  {
    id: 4,
    stage: 'completed',
    feesPaise: 400_000,
    baseChargesPaise: 0,
    receivedPaise: 400_000,
    createdOn: '2026-04-29',
    closedOn: '2026-05-05',
    dueDate: '2026-05-01',
  },
];

describe('periods', () => {
  it('compares whole months with the same number of months before, other ranges by days', () => {
    expect(previousPeriod(APRIL)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(previousPeriod({ from: '2026-04-01', to: '2027-03-31' })).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-03-31' })).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-04-11', to: '2026-04-20' })).toEqual({ from: '2026-04-01', to: '2026-04-10' });
  });
  it('lists the months of a period and refuses bad periods naming the field', () => {
    expect(monthsOf({ from: '2026-11-15', to: '2027-02-01' })).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(() => assertPeriod({ from: '2026-02-30', to: '2026-03-01' })).toThrow(/from/);
    expect(() => assertPeriod({ from: '2026-03-02', to: '2026-03-01' })).toThrow(/after/);
  });
  it('maps a period onto the summaries: a whole financial year, whole months, or days', () => {
    expect(periodGrain({ from: '2026-04-01', to: '2027-03-31' }, 4)).toEqual({ grain: 'fy', year: '2026' });
    // The same twelve months are not a financial year when the year starts in January.
    expect(periodGrain({ from: '2026-04-01', to: '2027-03-31' }, 1)).toMatchObject({ grain: 'months' });
    expect(periodGrain({ from: '2026-01-01', to: '2026-12-31' }, 1)).toEqual({ grain: 'fy', year: '2026' });
    expect(periodGrain({ from: '2026-10-01', to: '2026-12-31' }, 4)).toEqual({
      grain: 'months',
      months: ['2026-10', '2026-11', '2026-12'],
    });
    expect(periodGrain({ from: '2024-02-01', to: '2024-02-29' }, 4)).toEqual({ grain: 'months', months: ['2024-02'] });
    expect(periodGrain({ from: '2026-10-01', to: '2026-10-30' }, 4)).toEqual({ grain: 'days' });
    expect(periodGrain({ from: '2026-10-02', to: '2026-10-31' }, 4)).toEqual({ grain: 'days' });
  });
});

describe('service-side definitions', () => {
  it('books completed orders at fees and failed ones at base charges, in the month they closed', () => {
    expect(bookedRevenue(orders, APRIL)).toBe(1_000_000 + 150_000);
    expect(bookedRevenue(orders, MAY)).toBe(400_000);
    expect(averageOrderValue(orders, APRIL)).toBe(575_000);
    expect(averageOrderValue(orders, { from: '2026-06-01', to: '2026-06-30' })).toBeNull();
  });

  it('counts receipts by their own date, partial ones included', () => {
    const receipts = [
      { orderId: 1, date: '2026-04-05', amountPaise: 250_000 },
      { orderId: 2, date: '2026-04-12', amountPaise: 200_000 },
      { orderId: 1, date: '2026-05-02', amountPaise: 350_000 },
      { orderId: 4, date: '2026-05-06', amountPaise: 400_000 },
    ];
    expect(collected(receipts, APRIL)).toBe(450_000);
    expect(collected(receipts, MAY)).toBe(750_000);
  });

  it('unrealized is the balance still due on orders created in the period; overpayment does not offset', () => {
    // Order 1: 10,000 − 6,000 = 4,000; order 2 failed: 1,500 − 2,000 → 0; order 3 open: 5,000; order 4 paid: 0.
    expect(unrealizedRevenue(orders, APRIL)).toBe(400_000 + 500_000);
    expect(pipeline(orders, APRIL)).toBe(500_000);
    expect(pipeline(orders, MAY)).toBe(0);
  });

  it("realized is the business's share of every entry (settlement, adjustment, draft) of orders closed in the period", () => {
    const entries: MetricSettlementEntry[] = [
      // Order 1: revenue 10,000, expenses 1,000, partner 40% of 9,000 = 3,600, business 5,400; approved.
      {
        orderId: 1,
        partnerId: 9,
        revenuePaise: 1_000_000,
        expensesPaise: 100_000,
        partnerSharePaise: 360_000,
        businessSharePaise: 540_000,
      },
      // ...then an adjustment after a ₹500 expense: partner −200, business −300.
      {
        orderId: 1,
        partnerId: 9,
        revenuePaise: 0,
        expensesPaise: 50_000,
        partnerSharePaise: -20_000,
        businessSharePaise: -30_000,
      },
      // Order 2 failed: base 1,500 − expenses 2,000 = −500 net: the loss is the business's alone.
      {
        orderId: 2,
        partnerId: 9,
        revenuePaise: 150_000,
        expensesPaise: 200_000,
        partnerSharePaise: 0,
        businessSharePaise: -50_000,
      },
      {
        orderId: 4,
        partnerId: null,
        revenuePaise: 400_000,
        expensesPaise: 0,
        partnerSharePaise: 0,
        businessSharePaise: 400_000,
      },
    ];
    expect(realizedRevenue(entries, orders, APRIL)).toBe(540_000 - 30_000 - 50_000);
    expect(partnerShare(entries, orders, APRIL)).toBe(340_000);
    expect(realizedRevenue(entries, orders, MAY)).toBe(400_000);
  });

  it('times completion from the first received to the last completed and rates on-time by due date', () => {
    const history: StageChange[] = [
      { orderId: 1, toStage: 'received', at: '2026-04-02T04:30:00.000Z' },
      { orderId: 1, toStage: 'completed', at: '2026-04-10T04:30:00.000Z' },
      { orderId: 1, toStage: 'in_progress', at: '2026-04-12T04:30:00.000Z' },
      // Reopened and completed again: the last completion counts.
      { orderId: 1, toStage: 'completed', at: '2026-04-20T10:30:00.000Z' },
      { orderId: 2, toStage: 'received', at: '2026-04-03T04:30:00.000Z' },
    ];
    expect(averageCompletionDays(orders, history, APRIL)).toBe(18.25);
    expect(averageCompletionDays(orders, history, MAY)).toBeNull();
    // April: order 1 completed 20th, due 25th: on time; order 2 failed: not counted. May: order 4 late.
    expect(onTimeRate(orders, APRIL)).toEqual({ count: 1, total: 1, bp: 10_000 });
    expect(onTimeRate(orders, MAY)).toEqual({ count: 0, total: 1, bp: 0 });
  });

  it('averages document turnaround over documents accepted in the period', () => {
    const docs = [
      { receivedAt: '2026-04-01T00:00:00.000Z', acceptedAt: '2026-04-03T00:00:00.000Z', acceptedOn: '2026-04-03' },
      { receivedAt: '2026-04-01T00:00:00.000Z', acceptedAt: '2026-04-02T00:00:00.000Z', acceptedOn: '2026-04-02' },
      { receivedAt: '2026-04-01T00:00:00.000Z', acceptedAt: null, acceptedOn: null },
      { receivedAt: '2026-04-01T00:00:00.000Z', acceptedAt: '2026-05-09T00:00:00.000Z', acceptedOn: '2026-05-09' },
    ];
    expect(documentTurnaroundDays(docs, APRIL)).toBe(1.5);
  });
});

describe('trading-side definitions', () => {
  const inv = (
    over: Partial<MetricInvoice> & Pick<MetricInvoice, 'id' | 'type' | 'direction' | 'date'>,
  ): MetricInvoice => ({
    status: 'issued',
    taxablePaise: 0,
    taxPaise: 0,
    balanceDuePaise: 0,
    itcEligibility: null,
    orderId: null,
    ...over,
  });
  const invoices: MetricInvoice[] = [
    // April sale ₹1,00,000 + 18% GST, ₹50,000 still due after a May credit note of ₹10,000 + 1,800.
    inv({
      id: 1,
      type: 'sales',
      direction: 'receivable',
      date: '2026-04-20',
      taxablePaise: 10_000_000,
      taxPaise: 1_800_000,
      balanceDuePaise: 5_000_000,
    }),
    inv({
      id: 2,
      type: 'credit_note',
      direction: 'receivable',
      date: '2026-05-03',
      taxablePaise: 1_000_000,
      taxPaise: 180_000,
    }),
    // A 5% sale in April, draft: not counted. A cancelled one: not counted.
    inv({
      id: 3,
      type: 'sales',
      direction: 'receivable',
      status: 'draft',
      date: '2026-04-21',
      taxablePaise: 999,
      taxPaise: 99,
    }),
    inv({
      id: 4,
      type: 'sales',
      direction: 'receivable',
      status: 'cancelled',
      date: '2026-04-21',
      taxablePaise: 999,
      taxPaise: 99,
    }),
    // April purchase ₹40,000 + 18%, eligible; one ineligible ₹10,000 + 5%.
    inv({
      id: 5,
      type: 'purchase',
      direction: 'payable',
      date: '2026-04-10',
      taxablePaise: 4_000_000,
      taxPaise: 720_000,
      itcEligibility: 'eligible',
      balanceDuePaise: 4_720_000,
    }),
    inv({
      id: 6,
      type: 'purchase',
      direction: 'payable',
      date: '2026-04-11',
      taxablePaise: 1_000_000,
      taxPaise: 50_000,
      itcEligibility: 'ineligible',
    }),
    // A supplier's debit note in April adds to purchases and ITC.
    inv({
      id: 7,
      type: 'debit_note',
      direction: 'payable',
      date: '2026-04-30',
      taxablePaise: 100_000,
      taxPaise: 18_000,
      itcEligibility: 'eligible',
      balanceDuePaise: 118_000,
    }),
  ];
  const lines: MetricLine[] = [
    { invoiceId: 1, gstRateBp: 1800, taxablePaise: 10_000_000, taxPaise: 1_800_000 },
    { invoiceId: 2, gstRateBp: 1800, taxablePaise: 1_000_000, taxPaise: 180_000 },
    { invoiceId: 3, gstRateBp: 500, taxablePaise: 999, taxPaise: 99 },
    { invoiceId: 5, gstRateBp: 1800, taxablePaise: 4_000_000, taxPaise: 720_000 },
    { invoiceId: 6, gstRateBp: 500, taxablePaise: 1_000_000, taxPaise: 50_000 },
    { invoiceId: 7, gstRateBp: 1800, taxablePaise: 100_000, taxPaise: 18_000 },
  ];

  it('nets credit notes in the month of the note, not of the invoice', () => {
    expect(sales(invoices, APRIL)).toBe(10_000_000);
    expect(sales(invoices, MAY)).toBe(-1_000_000);
    expect(sales(invoices, { from: '2026-04-01', to: '2026-05-31' })).toBe(9_000_000);
    expect(purchases(invoices, APRIL)).toBe(5_100_000);
  });

  it('computes output tax, ITC (without ineligible) and net payable, by rate too', () => {
    expect(outputTax(invoices, APRIL)).toBe(1_800_000);
    expect(inputTaxCredit(invoices, APRIL)).toBe(738_000);
    expect(netGstPayable(invoices, APRIL)).toBe(1_062_000);
    expect(netGstPayable(invoices, MAY)).toBe(-180_000);
    expect(taxByRate(invoices, lines, APRIL)).toEqual([
      {
        gstRateBp: 1800,
        outputTaxablePaise: 10_000_000,
        outputTaxPaise: 1_800_000,
        inputTaxablePaise: 4_100_000,
        inputTaxPaise: 738_000,
      },
    ]);
  });

  it('sums balances due for receivables and payables, leaving credit notes to their originals', () => {
    expect(outstanding(invoices, 'receivable')).toBe(5_000_000);
    expect(outstanding(invoices, 'payable')).toBe(4_838_000);
  });

  it('P&L counts each rupee of revenue once, when invoiced, order or not; GST is never revenue', () => {
    const withOrderInvoice = [
      ...invoices,
      inv({ id: 8, type: 'sales', direction: 'receivable', date: '2026-04-22', taxablePaise: 1_000_000, orderId: 1 }),
      inv({
        id: 9,
        type: 'purchase',
        direction: 'payable',
        date: '2026-04-23',
        taxablePaise: 100_000,
        taxPaise: 18_000,
        itcEligibility: 'ineligible',
        roundOffPaise: -50,
      }),
    ];
    const pl = profitAndLoss(
      {
        invoices: withOrderInvoice,
        expenses: [
          { date: '2026-04-05', amountPaise: 20_000 },
          { date: '2026-05-01', amountPaise: 99_999 },
        ],
        shares: [
          { status: 'approved', approvedOn: '2026-04-30', partnerId: 3, partnerSharePaise: 300_000 },
          { status: 'draft', approvedOn: null, partnerId: 3, partnerSharePaise: 77_000 },
          { status: 'approved', approvedOn: '2026-04-30', partnerId: null, partnerSharePaise: 0 },
        ],
      },
      APRIL,
    );
    expect(pl).toEqual({
      revenuePaise: 11_000_000,
      otherIncomePaise: 50,
      purchasesPaise: 5_200_000,
      // Ineligible GST: ₹500 on the fixture's ₹10,000 bill at 5 %, ₹180 here; then expenses and the approved share.
      otherExpensesPaise: 50_000 + 18_000 + 20_000 + 300_000,
      profitPaise: 11_000_000 + 50 - 5_200_000 - 388_000,
    });
  });
});
