import { describe, expect, it } from 'vitest';
import { EwayBillPartB } from '@bizdash/contracts/ewaybill';
import { isAppError } from '@bizdash/domain/errors';
import { pdfPageLines } from '../../../../platform/pdf/pdf-text';
import { renderInvoicePdf } from '../pdf/invoice-pdf';
import { sampleInvoiceDocument } from '../pdf/sample-document';
import { buildEwayBill, consignmentValue, isGoodsLine, movementFromInvoice } from './ewaybill-json';
import { makeEwayBillValidator } from './schema/nic-schema';

const validate = makeEwayBillValidator();
function expectValid(json: unknown): void {
  const ok = validate(json);
  expect(ok ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
}

const road = EwayBillPartB.parse({
  mode: 'road',
  distanceKm: 148,
  vehicleNo: 'mh 12 ab 1234',
  transporterName: 'Shree Roadways',
});

function movement(regime: 'CGST_SGST' | 'IGST') {
  const doc = sampleInvoiceDocument({ lineCount: 6, regime });
  return movementFromInvoice(
    doc,
    doc.lines.map(() => 'taxable'),
  );
}

describe('e-way bill JSON', () => {
  it('passes the vendored NIC schema for an intra-state invoice, with only the goods lines as items', () => {
    const m = movement('CGST_SGST');
    const file = buildEwayBill(m, road, { userGstin: null, threshold: 0 });
    expectValid(file);
    const bill = file.billLists[0]!;
    const goods = m.lines.filter(isGoodsLine);
    expect(goods.length).toBeGreaterThan(0);
    expect(goods.length).toBeLessThan(m.lines.length);
    expect(bill.itemList.map((i) => String(i.hsnCode))).toEqual(goods.map((l) => l.hsn));
    expect(bill.fromStateCode).toBe(27);
    expect(bill.toStateCode).toBe(27);
    expect(bill.igstValue).toBe(0);
    expect(bill.cgstValue).toBeGreaterThan(0);
    expect(bill.itemList[0]!.cgstRate * 2).toBe(goods[0]!.gstRateBp / 100);
    expect(bill).toMatchObject({ transMode: '1', transDistance: '148', vehicleNo: 'MH12AB1234', vehicleType: 'R' });
    // The sums the portal checks: taxable + taxes + other = invoice value.
    const sum =
      bill.totalValue +
      bill.cgstValue +
      bill.sgstValue +
      bill.igstValue +
      bill.cessValue +
      bill.cessNonAdvolValue +
      bill.otherValue;
    expect(sum).toBeCloseTo(bill.totInvValue, 2);
  });

  it('passes the vendored NIC schema for an inter-state invoice (IGST rates, other state)', () => {
    const file = buildEwayBill(movement('IGST'), road, { userGstin: null, threshold: 0 });
    expectValid(file);
    const bill = file.billLists[0]!;
    expect(bill.toStateCode).toBe(24);
    expect(bill.cgstValue).toBe(0);
    expect(bill.igstValue).toBeGreaterThan(0);
    expect(bill.itemList.every((i) => i.igstRate > 0 && i.cgstRate === 0)).toBe(true);
  });

  it('is refused below the threshold unless forced, naming the threshold', () => {
    const m = movement('IGST');
    const value = consignmentValue(m);
    const err = (() => {
      try {
        buildEwayBill(m, road, { userGstin: null, threshold: value + 1 });
      } catch (e) {
        return e;
      }
    })();
    expect(isAppError(err) && err.code).toBe('CONFLICT');
    expect(String((err as Error).message)).toContain('threshold');
    expectValid(buildEwayBill(m, road, { userGstin: null, threshold: value + 1, force: true }));
    expect(() => buildEwayBill(m, road, { userGstin: null, threshold: value })).not.toThrow();
  });

  it('leaves exempt goods out of the consignment value and refuses a services-only document even when forced', () => {
    const m = movement('IGST');
    const exempt = { ...m, lines: m.lines.map((l) => ({ ...l, taxability: 'exempt' as const })) };
    expect(consignmentValue(exempt)).toBe(0);
    const services = { ...m, lines: m.lines.filter((l) => !isGoodsLine(l)) };
    expect(() => buildEwayBill(services, road, { userGstin: null, threshold: 0, force: true })).toThrow(
      /only services/,
    );
  });

  it('the schema check fails a broken bill (so the test above means something)', () => {
    const file = buildEwayBill(movement('IGST'), road, { userGstin: null, threshold: 0 });
    const broken = { ...file, billLists: [{ ...file.billLists[0]!, fromPincode: '411004' }] };
    expect(validate(broken)).toBe(false);
  });

  it('prints the e-way bill on its own line under the IRN, above the line table', async () => {
    const doc = sampleInvoiceDocument({ lineCount: 2, regime: 'IGST' });
    const pdf = await renderInvoicePdf({
      ...doc,
      irn: { irn: 'a'.repeat(64), ackNo: '112610012345678', ackDate: '2026-11-23 11:05:00', signedQrCode: 'x.y.z' },
      ewayBill: { number: '123456789012', validUntil: '2026-11-23' },
    });
    const lines = pdfPageLines(pdf)[0]!;
    const at = (re: RegExp) => lines.find((l) => re.test(l.text));
    const irn = at(/^IRN: a{64}/);
    const ewb = at(/^E-way bill 1234 5678 9012, valid until 23-11-2026$/);
    const header = at(/^Description$/);
    expect(irn && ewb && header).toBeTruthy();
    // PDF y grows upwards: IRN above the e-way bill, the e-way bill above the table header.
    expect(irn!.y).toBeGreaterThan(ewb!.y);
    expect(ewb!.y).toBeGreaterThan(header!.y);
  });
});
