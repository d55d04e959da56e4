import { describe, expect, it } from 'vitest';
import {
  BLANK_EXPORT_DETAILS,
  blankLine,
  computeDraft,
  parseDiscountText,
  toInput,
  type InvoiceDraft,
  type TaxContext,
} from './invoice-draft';

const party: TaxContext['party'] = {
  gstin: '27AAPFU0939F1ZV',
  gstRegistrationType: 'regular',
  billingAddress: { line1: '12 MG Road', line2: null, city: 'Pune', stateCode: '27', pin: '411001' },
  shippingAddress: null,
};

function draft(lines: Partial<ReturnType<typeof blankLine>>[], patch: Partial<InvoiceDraft> = {}): InvoiceDraft {
  return {
    type: 'sales',
    kind: 'tax_invoice',
    partyId: 1,
    date: '2026-11-10',
    dueDate: null,
    placeOfSupply: null,
    exportSupplyKind: 'EXPWOP',
    exportDetails: BLANK_EXPORT_DETAILS,
    businessRegistrationId: null,
    reverseCharge: false,
    override: { isOn: false, regime: 'IGST', reason: '' },
    roundToRupee: true,
    originalInvoiceId: null,
    orderId: null,
    noteReason: '',
    supplierNumber: '',
    supplierDate: null,
    itcEligibility: 'eligible',
    itcReason: '',
    notes: '',
    terms: '',
    lines: [...lines.map((l) => ({ ...blankLine(), ...l })), blankLine()],
    ...patch,
  };
}

const WIDGET = { description: 'Widget', hsnSac: '84713010', quantity: '10', rate: '1250.00', gstRate: '18' };

describe('invoice draft (browser mirror of invoice-prepare)', () => {
  it('computes GST-INV-01 intra-state like the server: 12,500 + 1,125 + 1,125 = 14,750', () => {
    const live = computeDraft(draft([WIDGET]), { businessStateCode: '27', party, original: null });
    expect(live.regime.decision?.regime).toBe('CGST_SGST');
    expect(live.computation?.totals).toMatchObject({
      taxableValue: 1250000,
      cgst: 112500,
      sgst: 112500,
      grandTotal: 1475000,
    });
    expect(live.amountInWords).toBe('Rupees Fourteen Thousand Seven Hundred Fifty Only');
  });

  it('goes IGST when the place of supply is another state, and leaves a bad line out of the totals', () => {
    const live = computeDraft(
      draft([WIDGET, { description: 'Bad', hsnSac: '12', quantity: '1', rate: 'x', gstRate: '18' }], {
        placeOfSupply: '24',
      }),
      { businessStateCode: '27', party, original: null },
    );
    expect(live.regime.decision?.regime).toBe('IGST');
    expect(live.computation?.totals.igst).toBe(225000);
    expect(live.invalidCount).toBe(1);
  });

  it('reads discounts as typed and never sends the trailing blank line or totals', () => {
    expect(parseDiscountText('10%')).toEqual({ type: 'percent', value: '10' });
    expect(parseDiscountText('50')).toEqual({ type: 'amount', value: '50' });
    expect(parseDiscountText('')).toBeNull();
    expect(parseDiscountText('ten')).toBeUndefined();
    const input = toInput(draft([{ ...WIDGET, discount: '10%' }]));
    expect(input.lines).toHaveLength(1);
    expect(input.lines[0]?.discount).toEqual({ type: 'percent', value: '10' });
    expect(input).not.toHaveProperty('totals');
  });

  it("keeps the order link on every save, so an order's invoice is issued still linked (issue 14)", () => {
    expect(toInput(draft([WIDGET], { orderId: 42 })).orderId).toBe(42);
    expect(toInput(draft([WIDGET])).orderId).toBeNull();
  });

  it('sends export details only on an export invoice, upper-cased, and null when none were typed', () => {
    const exportDetails = {
      shippingBillNumber: ' 7654321 ',
      shippingBillDate: '2026-11-12',
      portCode: 'inbom1',
      countryCode: 'us',
      currency: '',
    };
    const exp = toInput(draft([WIDGET], { kind: 'export_invoice', exportSupplyKind: 'EXPWP', exportDetails }));
    expect(exp).toMatchObject({ placeOfSupply: '96', supplyKind: 'EXPWP' });
    expect(exp.exportDetails).toEqual({
      shippingBillNumber: '7654321',
      shippingBillDate: '2026-11-12',
      portCode: 'INBOM1',
      countryCode: 'US',
      currency: null,
    });
    expect(toInput(draft([WIDGET], { kind: 'export_invoice' })).exportDetails).toBeNull();
    // A tax invoice never sends them, even if typed before the kind changed (the server refuses them there).
    expect(toInput(draft([WIDGET], { kind: 'tax_invoice', exportDetails })).exportDetails).toBeNull();
  });

  it("takes the supplier's state from the chosen registration, so a Gujarat GSTIN billing Pune goes IGST", () => {
    const fromGujarat = draft([WIDGET], { businessRegistrationId: 7 });
    const live = computeDraft(fromGujarat, { businessStateCode: '24', party, original: null });
    expect(live.regime.supplierState).toBe('24');
    expect(live.regime.decision?.regime).toBe('IGST');
    expect(toInput(fromGujarat).businessRegistrationId).toBe(7);
    expect(toInput(draft([WIDGET])).businessRegistrationId).toBeNull();
  });

  it('sends nil-rated, exempt and non-GST treatment only on 0 % lines', () => {
    const input = toInput(
      draft([
        { ...WIDGET, gstRate: '0', taxability: 'exempt' },
        { ...WIDGET, gstRate: '0.00', taxability: 'non_gst' },
        { ...WIDGET, gstRate: '18', taxability: 'exempt' },
      ]),
    );
    expect(input.lines.map((l) => l.taxability)).toEqual(['exempt', 'non_gst', 'taxable']);
  });
  it('places the supply as the server does: shipping state for a party with no GSTIN or billing state, 96 abroad', () => {
    const karnataka = { line1: '9 Hosur Road', line2: null, city: 'Bengaluru', stateCode: '29', pin: '560001' };
    const consumer = { gstin: null, gstRegistrationType: 'consumer' as const, billingAddress: null };
    const shipped = computeDraft(draft([WIDGET]), {
      businessStateCode: '27',
      party: { ...consumer, shippingAddress: karnataka },
      original: null,
    });
    expect(shipped.regime.placeOfSupply).toBe('29');
    expect(shipped.regime.decision?.regime).toBe('IGST');
    const abroad = computeDraft(draft([WIDGET]), {
      businessStateCode: '27',
      party: { ...consumer, shippingAddress: null, countryCode: 'US' },
      original: null,
    });
    expect(abroad.regime.placeOfSupply).toBe('96');
  });

  it("shows the server's problem in the line's cell and asks for a party before deciding the tax", () => {
    const live = computeDraft(draft([{ ...WIDGET, unit: 'FOO' }]), { businessStateCode: '27', party, original: null });
    expect(live.lines.values().next().value?.errors.unit).toBe('FOO is not a GST unit (UQC), such as NOS or KGS');
    expect(live.invalidCount).toBe(1);
    const noParty = computeDraft(draft([WIDGET], { partyId: null }), {
      businessStateCode: '27',
      party: null,
      original: null,
    });
    expect(noParty.regime).toMatchObject({ decision: null, placeOfSupply: '27', problem: 'Pick a party' });
    expect(noParty.computation).toBeNull();
  });
});
