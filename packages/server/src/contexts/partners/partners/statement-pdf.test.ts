import { describe, expect, it } from 'vitest';
import type { PartnerStatement } from '@bizdash/contracts/order-money';
import type { BusinessSettings } from '@bizdash/contracts/settings';
import { FIRST_PAGE_ROWS, NEXT_PAGE_ROWS, renderStatementPdf } from './statement-pdf';

const BUSINESS: BusinessSettings = {
  name: 'Rao Traders',
  legalName: null,
  tradeName: null,
  gstin: '27AAPFU0939F1ZV',
  stateCode: '27',
  pan: null,
  address: { line1: '12 MG Road', line2: null, city: 'Pune', pin: '411001' },
  bank: { accountName: null, accountNumber: null, ifsc: null, bankName: null, branch: null },
  upiId: null,
  lut: { number: null, date: null },
  invoiceTerms: null,
  signatoryName: null,
  timezone: 'Asia/Kolkata',
  fyStartMonth: 4,
  logoUrl: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function statementOf(lineCount: number): PartnerStatement {
  const lines = Array.from({ length: lineCount }, (_, i) => ({
    date: '2026-10-05',
    kind: 'settlement' as const,
    id: i + 1,
    order: {
      id: i + 1,
      number: `ORD/2026-27/${String(i + 1).padStart(5, '0')}`,
      title: `Transfer (₹) number ${i + 1}`,
    },
    description: 'Settlement',
    credit: '100.00',
    debit: '0.00',
    balance: `${(i + 1) * 100}.00`,
  }));
  return {
    partner: { id: 7, name: 'Kapoor Associates' },
    from: '2026-10-01',
    to: '2026-10-31',
    openingBalance: '0.00',
    lines,
    totalCredit: `${lineCount * 100}.00`,
    totalDebit: '0.00',
    closingBalance: `${lineCount * 100}.00`,
  };
}

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('partner statement PDF', () => {
  it('prints an empty period on one page', async () => {
    const pdf = await renderStatementPdf(statementOf(0), BUSINESS, '2026-11-23T04:30:00.000Z');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(1);
  });

  it('fills page 1, then the longer later pages, and is the same bytes for the same input', async () => {
    const fits = FIRST_PAGE_ROWS + NEXT_PAGE_ROWS;
    expect(pageCount(await renderStatementPdf(statementOf(fits), BUSINESS, '2026-11-23T04:30:00.000Z'))).toBe(2);
    const three = await renderStatementPdf(statementOf(fits + 1), BUSINESS, '2026-11-23T04:30:00.000Z');
    expect(pageCount(three)).toBe(3);
    expect(NEXT_PAGE_ROWS).toBeGreaterThan(FIRST_PAGE_ROWS);
    const again = await renderStatementPdf(statementOf(fits + 1), BUSINESS, '2026-11-23T04:30:00.000Z');
    expect(again.equals(three)).toBe(true);
  });
});
