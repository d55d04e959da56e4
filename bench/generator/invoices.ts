import { computeInvoice, type InvoiceComputation, type InvoiceLineInput } from '@bizdash/domain/gst/compute-invoice';
import type { TaxRegime } from '@bizdash/domain/gst/regime';
import { financialYearOf } from '@bizdash/domain/fiscal-year';
import { renderSeries } from '@bizdash/domain/invoice-number';
import { addDays } from '@bizdash/domain/orders/calendar';
import { settlementOf } from '../../packages/server/src/contexts/invoicing/invoices/invoice-balance';
import { pick, randomInt, weighted, type Random } from '../../packages/server/src/contexts/system/demo/indian-data';
import type { BaseData } from './base-data';
import type { BulkWriter } from './bulk-writer';
import type { OrdersResult } from './orders';
import { partySnapshot, type GeneratedParty } from './parties';

interface LineTemplate {
  description: string;
  hsnSac: string;
  unit: string;
  quantityMilli: number;
  unitPrice: number;
  gstRateBp: number;
}

/** A few typical documents; each is computed once per regime by the domain engine and then reused. */
const SALES_TEMPLATES: readonly LineTemplate[][] = [
  [
    {
      description: 'Share transfer service fee',
      hsnSac: '998399',
      unit: 'OTH',
      quantityMilli: 1000,
      unitPrice: 25_000_00,
      gstRateBp: 1800,
    },
    {
      description: 'Documentation charges',
      hsnSac: '998399',
      unit: 'OTH',
      quantityMilli: 1000,
      unitPrice: 1_500_00,
      gstRateBp: 1800,
    },
  ],
  [
    {
      description: 'Dematerialisation service fee',
      hsnSac: '998399',
      unit: 'OTH',
      quantityMilli: 1000,
      unitPrice: 15_000_00,
      gstRateBp: 1800,
    },
    {
      description: 'Courier and handling',
      hsnSac: '996812',
      unit: 'OTH',
      quantityMilli: 1000,
      unitPrice: 350_00,
      gstRateBp: 1800,
    },
  ],
  [
    {
      description: 'Transmission of shares service fee',
      hsnSac: '998399',
      unit: 'OTH',
      quantityMilli: 1000,
      unitPrice: 45_000_00,
      gstRateBp: 1800,
    },
    {
      description: 'Documentation charges',
      hsnSac: '998399',
      unit: 'OTH',
      quantityMilli: 1000,
      unitPrice: 1_500_00,
      gstRateBp: 1800,
    },
    {
      description: 'Courier and handling',
      hsnSac: '996812',
      unit: 'OTH',
      quantityMilli: 1000,
      unitPrice: 350_00,
      gstRateBp: 1800,
    },
  ],
  [
    {
      description: 'A4 copier paper 75 GSM (ream)',
      hsnSac: '48025690',
      unit: 'PAC',
      quantityMilli: 10_000,
      unitPrice: 260_00,
      gstRateBp: 1200,
    },
    {
      description: 'Toner cartridge 88A',
      hsnSac: '84439959',
      unit: 'NOS',
      quantityMilli: 2000,
      unitPrice: 2_450_00,
      gstRateBp: 1800,
    },
  ],
];

const PURCHASE_TEMPLATES: readonly LineTemplate[][] = [
  [
    {
      description: 'A4 copier paper 75 GSM (ream)',
      hsnSac: '48025690',
      unit: 'PAC',
      quantityMilli: 40_000,
      unitPrice: 230_00,
      gstRateBp: 1200,
    },
  ],
  [
    {
      description: 'Toner cartridge 88A',
      hsnSac: '84439959',
      unit: 'NOS',
      quantityMilli: 5000,
      unitPrice: 2_100_00,
      gstRateBp: 1800,
    },
  ],
  [
    {
      description: 'Courier services (monthly)',
      hsnSac: '996812',
      unit: 'OTH',
      quantityMilli: 1000,
      unitPrice: 4_200_00,
      gstRateBp: 1800,
    },
  ],
];

/** Credit note: documentation charges waived (the second line of templates 0 and 2). */
const CREDIT_TEMPLATE: LineTemplate[] = [
  {
    description: 'Documentation charges waived',
    hsnSac: '998399',
    unit: 'OTH',
    quantityMilli: 1000,
    unitPrice: 1_500_00,
    gstRateBp: 1800,
  },
];

const INVOICE_COLUMNS = [
  'id',
  'type',
  'kind',
  'direction',
  'status',
  'number',
  'series',
  'sequence',
  'financial_year',
  'date',
  'due_date',
  'party_id',
  'party_name',
  'party_gstin',
  'party_state_code',
  'party_snapshot',
  'business_registration_id',
  'business_gstin',
  'business_state_code',
  'business_snapshot',
  'place_of_supply',
  'supplier_state_code',
  'supply_kind',
  'regime',
  'is_inter_state',
  'is_zero_rated',
  'is_igst_on_intra',
  'regime_override_reason',
  'reverse_charge',
  'round_to_rupee',
  'original_invoice_id',
  'note_reason',
  'supplier_number',
  'supplier_date',
  'itc_eligibility',
  'itc_reason',
  'export_details',
  'order_id',
  'notes',
  'terms',
  'gross_paise',
  'discount_paise',
  'taxable_paise',
  'cgst_paise',
  'sgst_paise',
  'igst_paise',
  'cess_ad_valorem_paise',
  'cess_non_ad_valorem_paise',
  'cess_paise',
  'other_charges_paise',
  'total_tax_paise',
  'round_off_paise',
  'grand_total_paise',
  'amount_paid_paise',
  'amount_credited_paise',
  'balance_due_paise',
  'payment_status',
  'irn',
  'ack_no',
  'ack_date',
  'signed_qr_code',
  'einvoice_status',
  'issued_at',
  'cancelled_at',
  'cancel_reason',
  'created_by',
  'created_at',
  'updated_at',
] as const;
const LINE_COLUMNS = [
  'id',
  'invoice_id',
  'position',
  'item_id',
  'original_line_id',
  'description',
  'hsn_sac',
  'quantity_milli',
  'unit',
  'rate_paise',
  'discount_type',
  'discount_value',
  'gst_rate_bp',
  'cess_rate_bp',
  'cess_per_unit_paise',
  'gross_paise',
  'discount_paise',
  'taxable_paise',
  'cgst_paise',
  'sgst_paise',
  'igst_paise',
  'cess_ad_valorem_paise',
  'cess_non_ad_valorem_paise',
  'cess_paise',
  'total_paise',
] as const;
const PAYMENT_COLUMNS = [
  'id',
  'direction',
  'party_id',
  'date',
  'amount_paise',
  'tds_paise',
  'mode',
  'reference',
  'notes',
  'allocated_paise',
  'created_by',
  'created_at',
  'updated_at',
] as const;

const SERIES_TEMPLATES = { invoice: 'INV/{FY:SHORT}/{SEQ:5}', credit_note: 'CN/{FY:SHORT}/{SEQ:5}' } as const;

type Computed = { template: LineTemplate[]; computation: InvoiceComputation };

function compute(template: LineTemplate[], regime: TaxRegime): Computed {
  const lines: InvoiceLineInput[] = template.map((l) => ({
    quantityMilli: l.quantityMilli,
    unitPrice: l.unitPrice,
    gstRateBp: l.gstRateBp,
  }));
  return { template, computation: computeInvoice({ regime, reverseCharge: false, roundToRupee: true, lines }) };
}

interface Spec {
  type: 'sales' | 'purchase' | 'credit_note';
  date: string;
  party: GeneratedParty;
  orderId: number | null;
  templateIndex: number;
  /** For credit notes: the index (in specs) of the invoice corrected. */
  originalSpec: number | null;
}

export interface InvoicesResult {
  rows: Record<string, number>;
}

/**
 * Writes `count` issued documents (about 84 % sales invoices, many billing completed orders, 12 % purchase bills,
 * 4 % credit notes) with lines computed by the GST engine, numbered per series and financial year, plus the
 * payments that settle most of them; every total, balance and payment status matches its lines and allocations.
 */
export async function generateInvoices(
  writer: BulkWriter,
  random: Random,
  base: BaseData,
  clients: GeneratedParty[],
  suppliers: GeneratedParty[],
  completed: OrdersResult['completed'],
  options: {
    count: number;
    from: number;
    until: number;
    today: string;
    firstIds: { invoice: number; payment: number; line: number };
  },
): Promise<InvoicesResult> {
  const computed = new Map<string, Computed>();
  const get = (kind: 'sales' | 'purchase' | 'credit', index: number, regime: TaxRegime) => {
    const key = `${kind}|${index}|${regime}`;
    let c = computed.get(key);
    if (!c) {
      const template =
        kind === 'sales' ? SALES_TEMPLATES[index] : kind === 'purchase' ? PURCHASE_TEMPLATES[index] : CREDIT_TEMPLATE;
      c = compute(template ?? CREDIT_TEMPLATE, regime);
      computed.set(key, c);
    }
    return c;
  };

  // Decide every document first, then number them in date order (numbers in a series follow the dates).
  const specs: Spec[] = [];
  const willCredit = new Set<number>();
  const fromDay = new Date(options.from).toISOString().slice(0, 10);
  const spanDays = Math.max(1, Math.round((options.until - options.from) / 86_400_000));
  let nextCompleted = 0;
  const completedStep = completed.ids.length / Math.max(1, options.count * 0.84);
  for (let n = 0; n < options.count; n++) {
    const kind = weighted(random, [
      ['sales', 84],
      ['purchase', 12],
      ['credit_note', 4],
    ] as const);
    if (kind === 'sales') {
      const useOrder = completed.ids.length > 0 && random() < 0.7;
      if (useOrder) {
        const i = Math.min(completed.ids.length - 1, Math.floor(nextCompleted));
        nextCompleted += completedStep;
        const client = clients[completed.clients[i] ?? 0] ?? clients[0];
        const day = completed.closedDays[i] ?? options.today;
        if (client) {
          specs.push({
            type: 'sales',
            date: day,
            party: client,
            orderId: completed.ids[i] ?? null,
            templateIndex: randomInt(random, 0, 2),
            originalSpec: null,
          });
          continue;
        }
      }
      const client = pick(random, clients);
      specs.push({
        type: 'sales',
        date: addDays(fromDay, randomInt(random, 0, spanDays)),
        party: client,
        orderId: null,
        templateIndex: randomInt(random, 0, 3),
        originalSpec: null,
      });
    } else if (kind === 'purchase' && suppliers.length > 0) {
      specs.push({
        type: 'purchase',
        date: addDays(fromDay, randomInt(random, 0, spanDays)),
        party: pick(random, suppliers),
        orderId: null,
        templateIndex: randomInt(random, 0, 2),
        originalSpec: null,
      });
    } else {
      // A credit note waives the documentation charges of an earlier invoice that had them.
      for (let tries = 0; tries < 5 && specs.length > 0; tries++) {
        const o = randomInt(random, 0, specs.length - 1);
        const original = specs[o];
        if (
          original?.type === 'sales' &&
          (original.templateIndex === 0 || original.templateIndex === 2) &&
          !willCredit.has(o)
        ) {
          willCredit.add(o);
          const date = addDays(original.date, randomInt(random, 3, 25));
          specs.push({
            type: 'credit_note',
            date: date > options.today ? options.today : date,
            party: original.party,
            orderId: original.orderId,
            templateIndex: 0,
            originalSpec: o,
          });
          break;
        }
      }
    }
  }
  const order = specs
    .map((_, i) => i)
    .sort((a, b) => (specs[a]?.date ?? '').localeCompare(specs[b]?.date ?? '') || a - b);
  const idOfSpec = new Int32Array(specs.length);
  order.forEach((specIndex, k) => {
    idOfSpec[specIndex] = options.firstIds.invoice + k;
  });

  const seriesNext = new Map<string, number>();
  const credited = new Map<number, number>();
  const supplierSeq = new Map<number, number>();
  const rows: Record<string, number> = { invoices: 0, invoice_lines: 0, payments: 0, payment_allocations: 0 };
  let paymentId = options.firstIds.payment;
  let lineId = options.firstIds.line;
  const firstLineOf = new Map<number, number>();
  // Credit notes first need their originals' totals; documents are written in date order, originals before notes.
  const grandOf = new Map<number, number>();

  const BATCH = 2000;
  for (let start = 0; start < order.length; start += BATCH) {
    const invoiceRows: unknown[][] = [];
    const lineRows: unknown[][] = [];
    const paymentRows: unknown[][] = [];
    const allocationRows: unknown[][] = [];
    for (const specIndex of order.slice(start, start + BATCH)) {
      const spec = specs[specIndex];
      if (!spec) continue;
      const id = idOfSpec[specIndex] ?? 0;
      const partyState = spec.party.gstin ? spec.party.gstin.slice(0, 2) : spec.party.address.stateCode;
      const intra = partyState === base.business.stateCode;
      const regime: TaxRegime = intra ? 'CGST_SGST' : 'IGST';
      const c =
        spec.type === 'sales'
          ? get('sales', spec.templateIndex, regime)
          : spec.type === 'purchase'
            ? get('purchase', spec.templateIndex, regime)
            : get('credit', 0, regime);
      const t = c.computation.totals;
      const fy = financialYearOf(spec.date).label;
      const at = `${spec.date}T06:30:00.000Z`;
      let number: string;
      let series: string | null = null;
      let sequence: number | null = null;
      let supplierNumber: string | null = null;
      if (spec.type === 'purchase') {
        const s = (supplierSeq.get(spec.party.id) ?? 0) + 1;
        supplierSeq.set(spec.party.id, s);
        supplierNumber = `${spec.party.name
          .slice(0, 3)
          .toUpperCase()
          .replace(/[^A-Z]/g, 'X')}/${fy.slice(2)}/${s}`;
        number = supplierNumber;
      } else {
        const s: keyof typeof SERIES_TEMPLATES = spec.type === 'sales' ? 'invoice' : 'credit_note';
        series = s;
        const key = `${s}|${fy}`;
        sequence = seriesNext.get(key) ?? 1;
        seriesNext.set(key, sequence + 1);
        number = renderSeries(SERIES_TEMPLATES[s], { fy, seq: sequence });
      }
      const dueDate = spec.type === 'credit_note' ? null : addDays(spec.date, 30);
      const grand = t.grandTotal;
      grandOf.set(id, grand);
      const originalId = spec.originalSpec === null ? null : (idOfSpec[spec.originalSpec] ?? null);
      if (spec.type === 'credit_note' && originalId !== null) {
        credited.set(originalId, (credited.get(originalId) ?? 0) + grand);
      }
      // Payment: most older documents are settled, some in part.
      let paid = 0;
      const isPayable = spec.type !== 'credit_note';
      const ageDays = (options.until - Date.parse(at)) / 86_400_000;
      if (isPayable && ageDays > 10) {
        const r = random();
        const settle = r < (spec.type === 'purchase' ? 0.75 : 0.65) ? 1 : r < 0.8 ? 0.5 : 0;
        paid = Math.round((grand * settle) / 100) * 100;
      }
      const credit = credited.get(id) ?? 0;
      // A document that will be credited is never paid beyond what the note leaves due (no refunds generated).
      const comingCredit = willCredit.has(specIndex) ? get('credit', 0, regime).computation.totals.grandTotal : 0;
      if (paid + credit + comingCredit > grand) paid = Math.max(0, grand - credit - comingCredit);
      const settlement = settlementOf({ status: 'issued', type: spec.type, grand_total_paise: grand }, paid, credit);
      invoiceRows.push([
        id,
        spec.type,
        spec.type === 'sales' ? 'tax_invoice' : null,
        spec.type === 'purchase' ? 'payable' : 'receivable',
        'issued',
        number,
        series,
        sequence,
        fy,
        spec.date,
        dueDate,
        spec.party.id,
        spec.party.name,
        spec.party.gstin,
        partyState,
        partySnapshot(spec.party),
        null,
        base.business.gstin,
        base.business.stateCode,
        base.business.snapshot,
        spec.type === 'purchase' ? base.business.stateCode : partyState,
        spec.type === 'purchase' ? partyState : base.business.stateCode,
        spec.party.gstin ? 'B2B' : 'B2C',
        regime,
        !intra,
        false,
        false,
        null,
        false,
        true,
        originalId,
        spec.type === 'credit_note' ? 'Documentation charges waived' : null,
        supplierNumber,
        spec.type === 'purchase' ? spec.date : null,
        spec.type === 'purchase' ? 'eligible' : null,
        null,
        null,
        spec.orderId,
        null,
        null,
        t.gross,
        t.discount,
        t.taxableValue,
        t.cgst,
        t.sgst,
        t.igst,
        t.cessAdValorem,
        t.cessNonAdValorem,
        t.cess,
        t.otherCharges,
        t.totalTax,
        t.roundOff,
        grand,
        settlement.amount_paid_paise,
        settlement.amount_credited_paise,
        settlement.balance_due_paise,
        settlement.payment_status,
        null,
        null,
        null,
        null,
        null,
        at,
        null,
        null,
        base.workers[0]?.id ?? null,
        at,
        at,
      ]);
      firstLineOf.set(id, lineId);
      // A credit note corrects the original's documentation-charges line (its second line).
      const correctedLine = originalId === null ? null : (firstLineOf.get(originalId) ?? 0) + 1;
      c.computation.lines.forEach((l, p) => {
        const tl = c.template[p];
        if (!tl) return;
        lineRows.push([
          lineId++,
          id,
          p + 1,
          null,
          correctedLine,
          tl.description,
          tl.hsnSac,
          tl.quantityMilli,
          tl.unit,
          tl.unitPrice,
          null,
          null,
          tl.gstRateBp,
          0,
          0,
          l.gross,
          l.discount,
          l.taxableValue,
          l.cgst,
          l.sgst,
          l.igst,
          l.cessAdValorem,
          l.cessNonAdValorem,
          l.cess,
          l.lineTotal,
        ]);
      });
      if (paid > 0) {
        const payDate = addDays(spec.date, randomInt(random, 5, 45));
        const date = payDate > options.today ? options.today : payDate;
        const mode = weighted(random, [
          ['bank_transfer', 6],
          ['upi', 3],
          ['cheque', 2],
          ['cash', 1],
        ] as const);
        const pid = paymentId++;
        paymentRows.push([
          pid,
          spec.type === 'purchase' ? 'made' : 'received',
          spec.party.id,
          date,
          paid,
          0,
          mode,
          mode === 'cash' ? null : `${mode === 'cheque' ? 'CHQ' : 'UTR'}${String(pid).padStart(10, '0')}`,
          null,
          paid,
          base.workers[0]?.id ?? null,
          `${date}T07:00:00.000Z`,
          `${date}T07:00:00.000Z`,
        ]);
        allocationRows.push([pid, id, paid, `${date}T07:00:00.000Z`]);
      }
    }
    await writer.transaction(async () => {
      await writer.insert('invoices', INVOICE_COLUMNS, invoiceRows);
      await writer.insert('invoice_lines', LINE_COLUMNS, lineRows);
      await writer.insert('payments', PAYMENT_COLUMNS, paymentRows);
      await writer.insert(
        'payment_allocations',
        ['payment_id', 'invoice_id', 'amount_paise', 'created_at'],
        allocationRows,
      );
    });
    rows.invoices = (rows.invoices ?? 0) + invoiceRows.length;
    rows.invoice_lines = (rows.invoice_lines ?? 0) + lineRows.length;
    rows.payments = (rows.payments ?? 0) + paymentRows.length;
    rows.payment_allocations = (rows.payment_allocations ?? 0) + allocationRows.length;
  }

  // Originals whose credit notes came later: their credited amount and balance follow from the notes.
  await writer.transaction(async () => {
    for (const [invoiceId, credit] of credited) {
      const grand = grandOf.get(invoiceId) ?? 0;
      const paidRows = await writer.query<{ paid: number }>(
        'select coalesce(sum(amount_paise), 0) as paid from payment_allocations where invoice_id = ?',
        [invoiceId],
      );
      const paid = Number(paidRows[0]?.paid ?? 0);
      const s = settlementOf({ status: 'issued', type: 'sales', grand_total_paise: grand }, paid, credit);
      await writer.exec(
        'update invoices set amount_credited_paise = ?, balance_due_paise = ?, payment_status = ? where id = ?',
        [s.amount_credited_paise, s.balance_due_paise, s.payment_status, invoiceId],
      );
    }
  });

  // The app numbers the next document after the generated ones.
  const nowIso = new Date(options.until).toISOString();
  for (const [key, next] of seriesNext) {
    const [series, fy] = key.split('|') as [keyof typeof SERIES_TEMPLATES, string];
    await writer.exec(
      // Every generated document is issued from the primary registration, whose series these are.
      'insert into number_series (gstin, document_type, financial_year, template, next_sequence, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
      [base.business.gstin ?? '', series, fy, SERIES_TEMPLATES[series], next, nowIso, nowIso],
    );
  }
  return { rows };
}
