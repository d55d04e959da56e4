import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { computeIrn, irnHashInput, type IrnDocType } from './irn';

const NIC = {
  sellerGstin: '29AAFCC9980M1ZR',
  financialYear: '2019-20',
  docType: 'INV' as const,
  docNo: '2019-20/KA/1',
};

describe('irn', () => {
  it('joins GSTIN, FY, type and number without separators', () => {
    expect(irnHashInput(NIC)).toBe('29AAFCC9980M1ZR2019-20INV2019-20/KA/1');
  });

  it('hashes to the published IRN, lower-case hex', async () => {
    const irn = await computeIrn(NIC);
    expect(irn).toBe('23f498ee41441ecad30f72ba5b9907506c3df70a17b0e0dff46b76a786400662');
    expect(irn).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives a credit note with the same number a different IRN', async () => {
    expect(await computeIrn({ ...NIC, docType: 'CRN' })).not.toBe(await computeIrn(NIC));
  });

  it('refuses a malformed FY, an unknown type or an empty number', () => {
    expect(() => irnHashInput({ ...NIC, financialYear: '2019-2020' })).toThrow(AppError);
    const type: unknown = 'INVOICE';
    expect(() => irnHashInput({ ...NIC, docType: type as IrnDocType })).toThrow(AppError); // `as`: bad request
    expect(() => irnHashInput({ ...NIC, docNo: '' })).toThrow(AppError);
  });
});
