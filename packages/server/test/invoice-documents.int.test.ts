import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EInvoicePayload } from '@bizdash/contracts/einvoice';
import { computeIrn } from '@bizdash/domain/gst/irn';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { makeEInvoiceValidator } from '../src/contexts/invoicing/invoices/einvoice/schema/nic-schema';
import { pdfText } from './support/pdf-text';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

// Clock: 2026-11-23 (FY 2026-27). The business is in Maharashtra (27); the client in Gujarat (24): IGST.
const OUR_GSTIN = '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z');
const CLIENT_GSTIN = '24AAQCA8719H1Z' + gstinCheckChar('24AAQCA8719H1Z');
const SIGNED_QR =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IkVEQzU3REUxMzU4QjMwMEJBOUY3OTM0MEE2Njk2ODMxRjNDODUwNDciLCJ0eXAiOiJKV1QifQ.eyJkYXRhIjoie1wiU2VsbGVyR3N0aW5cIjpcIjI3QUFCQ1QxMzMyTDFaWlwifSJ9.c2lnbmF0dXJl';

interface InvoiceJson {
  id: number;
  number: string | null;
  status: string;
  financialYear: string;
  totals: Record<string, string>;
  amountInWords: string;
  einvoice: { irn: string | null; ackNo: string | null; ackDate: string | null; signedQrCode: string | null };
  lines: { id: number }[];
}

/** The published NIC schema 1.1 (vendored): every e-invoice generated here must pass it. */
const validateNic = makeEInvoiceValidator();
function expectValidForNic(json: unknown): void {
  const ok = validateNic(json);
  expect(ok ? [] : validateNic.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
}

describe(`invoice documents (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  let clientId: number;
  let consumerId: number;

  async function createParty(body: Record<string, unknown>): Promise<number> {
    const res = await t.call({ method: 'POST', url: '/api/v1/parties', token, body: { roles: ['client'], ...body } });
    if (res.statusCode !== 201) throw new Error(`create party failed: ${res.statusCode} ${res.body}`);
    return res.json<{ id: number }>().id;
  }

  async function createIssued(body: Record<string, unknown>): Promise<InvoiceJson> {
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: { type: 'sales', partyId: clientId, date: '2026-11-10', ...body },
    });
    if (created.statusCode !== 201) throw new Error(`create invoice failed: ${created.statusCode} ${created.body}`);
    const id = created.json<InvoiceJson>().id;
    const issued = await t.call({ method: 'POST', url: `/api/v1/invoices/${id}/issue`, token });
    if (issued.statusCode !== 200) throw new Error(`issue failed: ${issued.statusCode} ${issued.body}`);
    return issued.json<InvoiceJson>();
  }

  /** Twelve lines of 1 × ₹1,000.00 at 18 % inter-state: taxable 12,000.00, IGST 2,160.00, total 14,160.00. */
  const twelveLines = Array.from({ length: 12 }, (_, i) => ({
    description:
      i === 0
        ? 'Annual secretarial compliance retainer covering ROC filings, board and general meeting minutes, statutory registers and the annual return for the financial year 2026-27'
        : `Service line ${i + 1}`,
    hsnSac: '998311',
    quantity: '1',
    unit: 'OTH',
    rate: '1000.00',
    gstRate: '18',
  }));

  async function pdf(id: number) {
    return t.call({ method: 'GET', url: `/api/v1/invoices/${id}/pdf`, token });
  }

  beforeEach(async () => {
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
    const settings = await t.call({
      method: 'PATCH',
      url: '/api/v1/settings/business',
      token,
      body: {
        legalName: 'Rao Traders Private Limited',
        gstin: OUR_GSTIN,
        address: { line1: '4 Shreeji Chambers, FC Road', city: 'Pune', pin: '411004' },
        bank: {
          accountName: 'Rao Traders',
          accountNumber: '50200012345678',
          ifsc: 'HDFC0000123',
          bankName: 'HDFC Bank',
        },
        upiId: 'raotraders@hdfcbank',
        signatoryName: 'Asha Rao',
        invoiceTerms: 'Payment within 15 days.',
      },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    clientId = await createParty({
      name: 'Gujarat Mills',
      kind: 'company',
      gstin: CLIENT_GSTIN,
      gstRegistrationType: 'regular',
      billingAddress: { line1: '1 Ring Road', city: 'Surat', stateCode: '24', pin: '395003' },
    });
    consumerId = await createParty({
      name: 'Ravi Kumar',
      kind: 'individual',
      gstRegistrationType: 'consumer',
      billingAddress: { line1: '9 Park Street', city: 'Mumbai', stateCode: '27', pin: '400001' },
    });
  });
  afterEach(async () => t.close());

  it('prints a 12-line invoice on two pages with totals carried forward, words and Rule 46 fields', async () => {
    const invoice = await createIssued({ lines: twelveLines });
    expect(invoice.totals.grandTotal).toBe('14160.00');
    const res = await pdf(invoice.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('inline; filename="INV-2026-27-0001.pdf"');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const text = await pdfText(res.rawPayload);
    // Two line pages and a third with the first line's description in full (it does not fit its row; Rule 46(h)).
    expect(text).toContain('Page 1 of 3');
    expect(text).toContain('Page 2 of 3');
    expect(text).toContain('Page 3 of 3');
    expect(text.replace(/\s+/g, ' ')).toContain(twelveLines[0]!.description);
    expect(text).toContain('TAX INVOICE');
    expect(text).toContain('INV/2026-27/0001');
    expect(text).toContain('10-11-2026');
    expect(text).toContain(OUR_GSTIN);
    expect(text).toContain(CLIENT_GSTIN);
    expect(text).toContain('Gujarat (24)');
    expect(text).toContain('Reverse charge');
    // Page 1 carries lines 1-10 (10 × 1,000.00 + 180.00 IGST each) to page 2.
    expect(text).toMatch(/Carried forward\s+10,000\.00\s+1,800\.00\s+11,800\.00/);
    expect(text).toMatch(/Brought forward\s+10,000\.00\s+1,800\.00\s+11,800\.00/);
    expect(text).toMatch(/Total\s+12,000\.00\s+2,160\.00\s+14,160\.00/);
    expect(text).toContain('₹14,160.00');
    expect(text).toContain('Rupees Fourteen Thousand One Hundred Sixty Only');
    expect(text).toContain('998311');
    expect(text).toContain('Asha Rao');
    expect(text).toContain('Authorised signatory');
    expect(text).toContain('raotraders@hdfcbank');
    expect(text).toContain('HDFC0000123');
    expect(text).not.toContain('CANCELLED');

    // An issued invoice always renders to the same bytes.
    const again = await pdf(invoice.id);
    expect(Buffer.compare(again.rawPayload, res.rawPayload)).toBe(0);
  });

  it('e-invoices an export to a party abroad, and its credit note, as the NIC schema says (issue 15)', async () => {
    const abroad = await createParty({
      name: 'Harbour Trading FZE',
      kind: 'company',
      countryCode: 'AE',
      gstRegistrationType: 'overseas',
      emails: ['buying@harbour.example'],
      foreignAddress: { lines: ['Warehouse 12, Jebel Ali Free Zone', 'Dubai'], postalCode: '17000' },
    });
    // No placeOfSupply given: a party outside India places the supply in 96.
    const invoice = await createIssued({
      partyId: abroad,
      kind: 'export_invoice',
      supplyKind: 'EXPWOP',
      lines: twelveLines.slice(1, 3),
    });
    const read = await t.call({ method: 'GET', url: `/api/v1/invoices/${invoice.id}`, token });
    expect(read.json()).toMatchObject({
      tax: { placeOfSupply: { code: '96' }, supplyKind: 'EXPWOP' },
      party: {
        billingAddress: null,
        foreignAddress: {
          lines: ['Warehouse 12, Jebel Ali Free Zone', 'Dubai'],
          postalCode: '17000',
          countryCode: 'AE',
          countryName: 'United Arab Emirates',
        },
      },
    });
    const res = await t.call({ method: 'GET', url: `/api/v1/invoices/${invoice.id}/einvoice`, token });
    expect(res.statusCode, res.body).toBe(200);
    expectValidForNic(res.json());
    const json = EInvoicePayload.parse(res.json());
    expect(json.TranDtls.SupTyp).toBe('EXPWOP');
    expect(json.BuyerDtls).toMatchObject({
      Gstin: 'URP',
      Addr1: 'Warehouse 12, Jebel Ali Free Zone',
      Loc: 'Dubai, 17000, United Arab Emirates',
      Pin: 999999,
      Stcd: '96',
      Pos: '96',
    });
    expect(json.ExpDtls).toEqual({ CntCode: 'AE' });

    const lineId = invoice.lines[0]!.id;
    const note = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: {
        type: 'credit_note',
        originalInvoiceId: invoice.id,
        date: '2026-11-20',
        noteReason: 'Service not rendered',
        lines: [{ ...twelveLines[1], originalLineId: lineId }],
      },
    });
    expect(note.statusCode, note.body).toBe(201);
    const issuedNote = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${note.json<InvoiceJson>().id}/issue`,
      token,
    });
    expect(issuedNote.statusCode, issuedNote.body).toBe(200);
    const noteJson = await t.call({
      method: 'GET',
      url: `/api/v1/invoices/${issuedNote.json<InvoiceJson>().id}/einvoice`,
      token,
    });
    expect(noteJson.statusCode, noteJson.body).toBe(200);
    expectValidForNic(noteJson.json());
    expect(noteJson.json()).toMatchObject({
      DocDtls: { Typ: 'CRN' },
      BuyerDtls: { Gstin: 'URP', Stcd: '96', Pin: 999999 },
      RefDtls: { PrecDocDtls: [{ InvNo: invoice.number }] },
    });
  });

  it('builds the e-invoice JSON and stores the IRP response, which then prints', async () => {
    const invoice = await createIssued({ lines: twelveLines.slice(0, 2) });
    const res = await t.call({ method: 'GET', url: `/api/v1/invoices/${invoice.id}/einvoice`, token });
    expect(res.statusCode, res.body).toBe(200);
    expectValidForNic(res.json());
    const json = EInvoicePayload.parse(res.json());
    expect(json.Version).toBe('1.1');
    expect(json.TranDtls).toMatchObject({ TaxSch: 'GST', SupTyp: 'B2B', RegRev: 'N' });
    expect(json.DocDtls).toEqual({ Typ: 'INV', No: 'INV/2026-27/0001', Dt: '10/11/2026' });
    expect(json.SellerDtls).toMatchObject({ Gstin: OUR_GSTIN, Stcd: '27', Pin: 411004, Loc: 'Pune' });
    expect(json.BuyerDtls).toMatchObject({ Gstin: CLIENT_GSTIN, Stcd: '24', Pos: '24', Pin: 395003 });
    expect(json.ItemList).toHaveLength(2);
    expect(json.ItemList[0]).toMatchObject({
      SlNo: '1',
      HsnCd: '998311',
      IsServc: 'Y',
      AssAmt: 1000,
      GstRt: 18,
      IgstAmt: 180,
      TotItemVal: 1180,
    });
    expect(json.ValDtls).toMatchObject({ AssVal: 2000, IgstVal: 360, CgstVal: 0, RndOffAmt: 0, TotInvVal: 2360 });

    const irn = await computeIrn({
      sellerGstin: OUR_GSTIN,
      financialYear: '2026-27',
      docType: 'INV',
      docNo: 'INV/2026-27/0001',
    });
    const response = {
      AckNo: 112610012345678,
      AckDt: '2026-11-23 11:05:00',
      Irn: irn,
      SignedQRCode: SIGNED_QR,
      Status: 'ACT',
    };

    // A response for another document, or a malformed IRN, is refused and changes nothing.
    const wrong = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${invoice.id}/einvoice/response`,
      token,
      body: { ...response, Irn: 'a'.repeat(64) },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'Irn' }] });
    const malformed = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${invoice.id}/einvoice/response`,
      token,
      body: { ...response, Irn: 'not-an-irn' },
    });
    expect(malformed.statusCode).toBe(400);

    const imported = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${invoice.id}/einvoice/response`,
      token,
      body: { Status: 1, Data: response },
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json<InvoiceJson>().einvoice).toMatchObject({
      irn,
      ackNo: '112610012345678',
      ackDate: '2026-11-23 11:05:00',
      signedQrCode: SIGNED_QR,
    });
    const audit = await t.services.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'invoice')
      .where('entity_id', '=', String(invoice.id))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['invoice.created', 'invoice.issued', 'invoice.einvoice_imported']);
    // Importing the same response again is a no-op (no second audit entry).
    await t.call({ method: 'POST', url: `/api/v1/invoices/${invoice.id}/einvoice/response`, token, body: response });
    const count = await t.services.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'invoice.einvoice_imported')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    const text = await pdfText((await pdf(invoice.id)).rawPayload);
    expect(text).toContain(`IRN: ${irn}`);
    expect(text).toContain('Ack No: 112610012345678');
    expect(text).toContain('e-Invoice QR');
  });

  it('refuses the e-invoice for drafts and B2C invoices (409 INVALID_STATE)', async () => {
    const draft = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: { type: 'sales', partyId: clientId, date: '2026-11-10', lines: twelveLines.slice(0, 1) },
    });
    const draftRes = await t.call({
      method: 'GET',
      url: `/api/v1/invoices/${draft.json<InvoiceJson>().id}/einvoice`,
      token,
    });
    expect(draftRes.statusCode).toBe(409);
    expect(draftRes.json()).toMatchObject({ code: 'INVALID_STATE' });

    const b2c = await createIssued({ partyId: consumerId, lines: twelveLines.slice(0, 1) });
    const b2cRes = await t.call({ method: 'GET', url: `/api/v1/invoices/${b2c.id}/einvoice`, token });
    expect(b2cRes.statusCode).toBe(409);
    const irn = await computeIrn({
      sellerGstin: OUR_GSTIN,
      financialYear: '2026-27',
      docType: 'INV',
      docNo: b2c.number ?? '',
    });
    const importRes = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${b2c.id}/einvoice/response`,
      token,
      body: { AckNo: 1, AckDt: '2026-11-23 11:05:00', Irn: irn, SignedQRCode: SIGNED_QR },
    });
    expect(importRes.statusCode).toBe(409);
    const row = await t.services.database.db
      .selectFrom('invoices')
      .select('irn')
      .where('id', '=', b2c.id)
      .executeTakeFirstOrThrow();
    expect(row.irn).toBeNull();
    // A B2C invoice still prints: intra-state, so CGST and SGST columns.
    const text = await pdfText((await pdf(b2c.id)).rawPayload);
    expect(text).toContain('CGST');
    expect(text).toContain('SGST');
    // One line page, and the long description in full on a page of its own.
    expect(text).toContain('Page 1 of 2');
  });

  it('marks a cancelled invoice and prints a credit note against it', async () => {
    const invoice = await createIssued({ lines: twelveLines.slice(0, 3) });
    const note = await createIssued({
      type: 'credit_note',
      originalInvoiceId: invoice.id,
      date: '2026-11-20',
      noteReason: 'Service not rendered',
      lines: [{ ...twelveLines[1], originalLineId: invoice.lines[1]?.id }],
    });
    const noteText = await pdfText((await pdf(note.id)).rawPayload);
    expect(noteText).toContain('CREDIT NOTE');
    expect(noteText).toContain(`${invoice.number} dt. 10-11-2026`);
    expect(noteText).toContain('₹1,180.00');

    const other = await createIssued({ lines: twelveLines.slice(0, 1) });
    const cancel = await t.call({
      method: 'POST',
      url: `/api/v1/invoices/${other.id}/cancel`,
      token,
      body: { reason: 'Duplicate' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const text = await pdfText((await pdf(other.id)).rawPayload);
    expect(text).toContain('CANCELLED');
    expect(text).not.toContain('Scan to pay with UPI');
  });

  it('prints and exports the party statement of account', async () => {
    const first = await createIssued({ lines: twelveLines.slice(0, 2) }); // 2,360.00
    await createIssued({ date: '2026-11-15', lines: twelveLines.slice(0, 1) }); // 1,180.00
    const payment = await t.call({
      method: 'POST',
      url: '/api/v1/payments',
      token,
      body: {
        direction: 'received',
        partyId: clientId,
        date: '2026-11-18',
        amount: '2360.00',
        mode: 'upi',
        reference: 'UTR123',
        allocations: [{ invoiceId: first.id, amount: '2360.00' }],
      },
    });
    expect(payment.statusCode, payment.body).toBe(201);

    const res = await t.call({
      method: 'GET',
      url: `/api/v1/parties/${clientId}/ledger.pdf?from=2026-11-01&to=2026-11-30`,
      token,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('STATEMENT OF ACCOUNT');
    expect(text).toContain('Gujarat Mills');
    expect(text).toContain('01-11-2026 to 30-11-2026');
    expect(text).toContain('INV/2026-27/0001');
    expect(text).toContain('INV/2026-27/0002');
    // 2,360.00 + 1,180.00 - 2,360.00 = 1,180.00 owed to us
    expect(text).toMatch(/Closing balance\s+3,540\.00\s+2,360\.00\s+1,180\.00 Dr/);
    expect(text).toContain('Page 1 of 1');

    const xlsx = await t.call({
      method: 'GET',
      url: `/api/v1/parties/${clientId}/ledger.xlsx?from=2026-11-01&to=2026-11-30`,
      token,
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer); // `as`: exceljs types want an ArrayBuffer; a Buffer works
    const ws = wb.getWorksheet('Ledger');
    const last = ws?.getRow(ws.rowCount);
    expect(last?.getCell(3).value).toBe('Closing balance');
    expect(last?.getCell(6).value).toBe(1180);
    expect(last?.getCell(7).value).toBe('Dr');
    const dated: ExcelJS.Cell[] = [];
    ws?.eachRow((row, n) => {
      if (n > 4 && row.getCell(3).value !== 'Total') dated.push(row.getCell(1));
    });
    // Opening, the two invoices and the payment, closing: each a dd-mm-yyyy date cell.
    expect(dated.map((c) => [c.type, c.numFmt])).toEqual(Array(5).fill([ExcelJS.ValueType.Date, 'dd-mm-yyyy']));
    expect(dated.map((c) => c.value)).toContainEqual(new Date('2026-11-18T00:00:00Z'));
    expect(ws?.getRow(2).getCell(3).value).toMatch(/^Period 01-11-2026 to 30-11-2026/);

    // 20:00 UTC on 5 December is 01:30 on 6 December in Kolkata: a statement "to today" closes on the 6th.
    t.clock.set(new Date('2026-12-05T20:00:00Z'));
    ({ token } = await t.login()); // the session of 23 November has ended by then
    const toToday = await t.call({
      method: 'GET',
      url: `/api/v1/parties/${clientId}/ledger.xlsx?from=2026-11-01`,
      token,
    });
    expect(toToday.statusCode, toToday.body).toBe(200);
    const later = new ExcelJS.Workbook();
    await later.xlsx.load(toToday.rawPayload as unknown as ArrayBuffer); // `as`: as above
    const sheet = later.getWorksheet('Ledger');
    const closing = sheet?.getRow(sheet.rowCount).getCell(1);
    expect(closing?.type).toBe(ExcelJS.ValueType.Date);
    expect(closing?.numFmt).toBe('dd-mm-yyyy');
    expect(closing?.value).toEqual(new Date('2026-12-06T00:00:00Z'));
  });

  it('answers 404 for a missing invoice and 401 without credentials', async () => {
    expect((await pdf(999999)).statusCode).toBe(404);
    const anon = await t.call({ method: 'GET', url: '/api/v1/invoices/1/pdf' });
    expect(anon.statusCode).toBe(401);
  });
});
