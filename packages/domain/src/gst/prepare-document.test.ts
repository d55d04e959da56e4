import type { CreateInvoiceInput } from '@bizdash/contracts/invoices';
import { describe, expect, it } from 'vitest';
import {
  creditNoteDeadline,
  prepareDocument,
  registrationAddress,
  type BusinessContext,
  type DocumentContext,
  type OriginalContext,
  type PartyContext,
} from './prepare-document';

// Hand-worked figures: 10 × ₹1,250.00 = ₹12,500.00 taxable; 18 % of it is ₹2,250.00, or ₹1,125.00 CGST + ₹1,125.00 SGST.

const business: BusinessContext = {
  name: 'Test Traders',
  legalName: null,
  tradeName: null,
  gstin: '27AAPFU0939F1ZV',
  pan: null,
  stateCode: '27',
  address: { line1: '1 Main Road', line2: null, city: 'Pune', pin: '411001' },
  bank: { accountName: null, accountNumber: null, ifsc: null, bankName: null, branch: null },
  upiId: null,
  signatoryName: null,
  logoSha256: null,
};

function partyOf(patch: Partial<PartyContext> = {}): PartyContext {
  return {
    id: 5,
    name: 'Acme',
    legalName: null,
    gstin: '27AABCU9603R1ZM',
    pan: null,
    registrationType: 'regular',
    countryCode: 'IN',
    billingAddress: { line1: '12 MG Road', line2: null, city: 'Pune', stateCode: '27', pin: '411001' },
    shippingAddress: null,
    foreignAddress: null,
    emails: [],
    phones: [],
    paymentTermsDays: 30,
    isClient: true,
    isSupplier: false,
    isArchived: false,
    ...patch,
  };
}

function contextOf(patch: Partial<DocumentContext> = {}): DocumentContext {
  return {
    party: partyOf(),
    business,
    registration: null,
    order: null,
    original: null,
    knownItemIds: new Set(),
    ...patch,
  };
}

const WIDGET = {
  description: 'Widget',
  hsnSac: '84713010',
  quantity: '10',
  unit: 'NOS',
  rate: '1250.00',
  gstRate: '18',
  cessRate: '0',
  cessPerUnit: '0',
};

function sale(patch: Partial<CreateInvoiceInput> = {}): CreateInvoiceInput {
  return {
    type: 'sales',
    partyId: 5,
    date: '2026-11-10',
    reverseCharge: false,
    roundToRupee: true,
    lines: [WIDGET],
    ...patch,
  };
}

describe('prepareDocument', () => {
  it('taxes a sale within the state as CGST + SGST and prepares what is stored', () => {
    const { problems, document } = prepareDocument(sale(), contextOf());
    expect(problems).toEqual([]);
    expect(document).toMatchObject({
      type: 'sales',
      kind: 'tax_invoice',
      direction: 'receivable',
      financialYear: '2026-27',
      dueDate: '2026-12-10', // 30 days of payment terms
      placeOfSupply: '27',
      supplierState: '27',
      supplyKind: 'B2B',
      decision: { regime: 'CGST_SGST', isInterState: false },
      businessSnapshot: { registrationId: null, gstin: '27AAPFU0939F1ZV', state: { code: '27', name: 'Maharashtra' } },
      partySnapshot: { id: 5, state: { code: '27', name: 'Maharashtra' }, shippingAddress: null },
    });
    expect(document?.computation.totals).toMatchObject({
      taxableValue: 1250000,
      cgst: 112500,
      sgst: 112500,
      igst: 0,
      grandTotal: 1475000,
    });
    expect(document?.lines[0]).toMatchObject({
      position: 1,
      quantityMilli: 10000,
      ratePaise: 125000,
      gstRateBp: 1800,
      amounts: { taxableValue: 1250000, lineTotal: 1475000 },
    });
  });

  it('taxes a sale to another state as IGST', () => {
    const party = partyOf({ gstin: '24AABCU9603R1ZM' });
    const { problems, document } = prepareDocument(sale(), contextOf({ party }));
    expect(problems).toEqual([]);
    expect(document?.placeOfSupply).toBe('24');
    expect(document?.decision).toMatchObject({ regime: 'IGST', isInterState: true });
    expect(document?.computation.totals).toMatchObject({ cgst: 0, sgst: 0, igst: 225000, grandTotal: 1475000 });
  });

  it('places the supply at the GSTIN state, else the billing state, else the shipping state, else ours', () => {
    const karnataka = { line1: '9 Hosur Road', line2: null, city: 'Bengaluru', stateCode: '29', pin: '560001' };
    const pos = (party: PartyContext, patch: Partial<CreateInvoiceInput> = {}) =>
      prepareDocument(sale(patch), contextOf({ party })).tax.placeOfSupply;
    const consumer = { gstin: null, registrationType: 'consumer' };
    expect(pos(partyOf({ shippingAddress: karnataka }))).toBe('27');
    expect(pos(partyOf({ ...consumer, shippingAddress: karnataka }))).toBe('27');
    expect(pos(partyOf({ ...consumer, billingAddress: null, shippingAddress: karnataka }))).toBe('29');
    // The document's delivery address stands in for the party's.
    expect(pos(partyOf({ ...consumer, billingAddress: null }), { shippingAddress: karnataka })).toBe('29');
    expect(pos(partyOf({ ...consumer, billingAddress: null }))).toBe('27');
    // A chosen place of supply wins; a party abroad is placed in 96 (other countries).
    expect(pos(partyOf(), { placeOfSupply: '33' })).toBe('33');
    expect(pos(partyOf({ ...consumer, billingAddress: null, countryCode: 'US' }))).toBe('96');

    const shipped = prepareDocument(
      sale({ shippingAddress: karnataka }),
      contextOf({ party: partyOf({ ...consumer, billingAddress: null }) }),
    );
    expect(shipped.document?.decision.regime).toBe('IGST');
    expect(shipped.document?.supplyKind).toBe('B2C');
    expect(shipped.document?.partySnapshot.shippingAddress).toEqual({ ...karnataka, stateName: 'Karnataka' });
  });

  describe('a credit note against an original', () => {
    const original: OriginalContext = {
      id: 40,
      type: 'sales',
      status: 'issued',
      date: '2026-10-01',
      financialYear: '2026-27',
      direction: 'receivable',
      partyId: 5,
      businessRegistrationId: null,
      placeOfSupply: '24',
      supplierState: '27',
      supplyKind: 'B2B',
      decision: {
        regime: 'IGST',
        stateTaxLabel: null,
        isInterState: true,
        isZeroRated: false,
        isIgstOnIntra: false,
        overrideReason: null,
      },
      reverseCharge: false,
      lines: [
        {
          id: 400,
          position: 1,
          quantityMilli: 10000,
          taxablePaise: 1250000,
          gstRateBp: 1800,
          cessRateBp: 0,
          taxability: 'taxable',
          credited: { quantityMilli: 7000, taxablePaise: 875000 },
        },
      ],
    };
    const note = (quantity: string): CreateInvoiceInput => ({
      type: 'credit_note',
      date: '2026-11-10',
      originalInvoiceId: 40,
      noteReason: 'Returned',
      reverseCharge: false,
      roundToRupee: true,
      lines: [{ ...WIDGET, quantity, originalLineId: 400 }],
    });

    it("follows the original's tax, has no due date, and credits 2 of the 3 left: 2,500 + 450 IGST", () => {
      // The party now has a Maharashtra GSTIN, yet the note keeps the original's IGST to Gujarat.
      const { problems, document } = prepareDocument(note('2'), contextOf({ original }));
      expect(problems).toEqual([]);
      expect(document).toMatchObject({
        type: 'credit_note',
        direction: 'receivable',
        dueDate: null,
        originalInvoiceId: 40,
        noteReason: 'Returned',
        placeOfSupply: '24',
        decision: { regime: 'IGST' },
      });
      expect(document?.lines[0]).toMatchObject({ originalLineId: 400, taxability: 'taxable' });
      expect(document?.computation.totals).toMatchObject({ taxableValue: 250000, igst: 45000, grandTotal: 295000 });
    });

    it('refuses crediting more than is left of the original line', () => {
      const { problems, document } = prepareDocument(note('4'), contextOf({ original }));
      expect(document).toBeNull();
      expect(problems).toEqual([
        {
          code: 'LIMIT_EXCEEDED',
          message: 'Line 1 of the original has quantity 10; credit notes would credit 11',
          field: 'lines.0.quantity',
          details: { field: 'lines.0.quantity', originalLineId: 400 },
        },
      ]);
    });

    it('may be declared up to 30 November after the financial year of the supply', () => {
      expect(creditNoteDeadline('2026-10-01')).toBe('2027-11-30');
      const late = prepareDocument({ ...note('1'), date: '2027-12-01' }, contextOf({ original }));
      expect(late.problems[0]).toMatchObject({ code: 'LIMIT_EXCEEDED', field: 'date' });
    });
  });

  it('names the field of a problem as the API does, and leaves a bad line out of the totals', () => {
    const { problems, document, lineAmounts, computation } = prepareDocument(
      sale({
        lines: [
          { ...WIDGET, unit: 'XYZ' },
          WIDGET,
          { ...WIDGET, quantity: '1', rate: '10.00', discount: { type: 'amount', value: '20.00' } },
        ],
      }),
      contextOf(),
    );
    expect(document).toBeNull();
    expect(problems).toEqual([
      {
        code: 'VALIDATION_FAILED',
        message: 'lines.0.unit: XYZ is not a GST unit (UQC), such as NOS or KGS',
        field: 'lines.0.unit',
        details: { field: 'lines.0.unit' },
      },
      {
        code: 'VALIDATION_FAILED',
        message: 'discount exceeds the line value',
        field: 'lines.2.discount.value',
        details: { field: 'lines.2.discount.value' },
      },
    ]);
    expect(lineAmounts.map((a) => a?.lineTotal ?? null)).toEqual([null, 1475000, null]);
    expect(computation?.totals.grandTotal).toBe(1475000);
  });

  it('refuses a blank override reason, an unknown party and a missing business, in rule order', () => {
    const reasonless = prepareDocument(sale({ regimeOverride: { regime: 'IGST', reason: ' ' } }), contextOf());
    expect(reasonless.problems[0]).toMatchObject({ code: 'REASON_REQUIRED', field: 'regimeOverride.reason' });
    const unknown = prepareDocument(sale({ partyId: 6 }), contextOf());
    expect(unknown.problems[0]).toMatchObject({ field: 'partyId', message: 'partyId: party 6 does not exist' });
    expect(unknown.tax.decision).toBeNull();
    const setup = prepareDocument(sale(), contextOf({ business: null }));
    expect(setup.problems).toEqual([
      { code: 'SETUP_REQUIRED', message: 'Set up the business first', field: null, details: undefined },
    ]);
  });

  it('reads a registration address into street, city and PIN', () => {
    expect(registrationAddress('12 Ring Road, Athwa, Surat 395001')).toEqual({
      line1: '12 Ring Road',
      line2: 'Athwa',
      city: 'Surat',
      pin: '395001',
    });
  });
});
