import { describe, expect, it } from 'vitest';
import { auditValueText } from './audit-values';
import { entityNoun, fieldLabel, recordLabel, recordPath } from './audit-labels';

describe('auditValueText', () => {
  it('formats values as the rest of the app does, never as JSON', () => {
    expect(auditValueText('roles', ['client', 'partner'])).toBe('Client, Partner');
    expect(auditValueText('upiId', null)).toBeNull();
    expect(auditValueText('date', '2026-12-06')).toBe('06-12-2026');
    expect(auditValueText('grandTotal', 1_77_000_00)).toBe('₹1,77,000.00');
    expect(auditValueText('openingBalance', '1500.5')).toBe('₹1,500.50');
    expect(auditValueText('stage', 'documents_pending')).toBe('Documents pending');
    expect(auditValueText('isActive', false)).toBe('No');
    expect(auditValueText('share_bp', 4000)).toBe('40%');
    expect(auditValueText('billingAddress', { city: 'Pune', pin: '411004', line2: null })).toBe(
      'City: Pune · PIN: 411004',
    );
  });

  it('names referenced records from the entry and hides redacted values', () => {
    expect(auditValueText('clientId', 12, { refNames: { 'clientId:12': 'Meera Iyer' } })).toBe('Meera Iyer');
    expect(auditValueText('clientId', 13, { refNames: { 'clientId:12': 'Meera Iyer' } })).toBe('13');
    expect(auditValueText('fees', '[redacted]')).toBeNull();
    // A free-text name that looks like a code stays as written outside code fields.
    expect(auditValueText('name', 'acme_traders')).toBe('acme_traders');
  });
});

describe('order money and collaboration entries', () => {
  it('formats receipt, expense, comment and settlement values in the app’s words', () => {
    expect(auditValueText('amount', '1500.00')).toBe('₹1,500.00');
    expect(auditValueText('allocated', '123456.5')).toBe('₹1,23,456.50');
    expect(auditValueText('partnerShare', '40000.00')).toBe('₹40,000.00');
    expect(auditValueText('mode', 'upi')).toBe('UPI');
    expect(auditValueText('mode', 'bank_transfer')).toBe('Bank transfer');
    expect(auditValueText('category', 'stamp_duty')).toBe('Stamp duty');
    expect(auditValueText('chequeDate', '2026-11-30')).toBe('30-11-2026');
    expect(auditValueText('sharePercent', '40.00')).toBe('40%');
    expect(auditValueText('orderId', 17, { refNames: { 'orderId:17': 'ORD-0017' } })).toBe('ORD-0017');
  });

  it('shows a stored file by its name and size, never its key, hash or media type', () => {
    const upload = {
      key: 'uploads/acme/ord-0017/receipt-4-ab12cd34ef56.pdf',
      name: 'bank-slip.pdf',
      sha256: 'ab12cd34ef56',
      sizeBytes: 12_697,
      mediaType: 'application/pdf',
    };
    expect(auditValueText('attachment', upload)).toBe('bank-slip.pdf (12.4 KB)');
    expect(auditValueText('attachment', { key: 'uploads/comments/x/c9-1a2b-deed.pdf', sizeBytes: 512 })).toBe(
      'c9-1a2b-deed.pdf (512 B)',
    );
    expect(auditValueText('attachment', 'uploads/acme/ord-0017/expense-2-99aa.jpg')).toBe('expense-2-99aa.jpg');
  });
});

describe('recordLabel and recordPath', () => {
  it('place a receipt, expense or comment on its order', () => {
    const receipt = {
      entity: 'receipt',
      entityId: '4',
      entityLabel: null,
      changes: { orderId: { before: null, after: 17 }, amount: { before: null, after: '1500.00' } },
      refNames: { 'orderId:17': 'ORD-0017' },
    };
    expect(recordLabel(receipt)).toBe('Receipt #4 on ORD-0017');
    expect(recordPath(receipt)).toBe('/orders/17');
    // An update names no order: the record alone, with no page.
    expect(recordLabel({ entity: 'expense', entityId: '2', entityLabel: null, changes: {} })).toBe('Expense #2');
    expect(recordPath({ entity: 'expense', entityId: '2', changes: {} })).toBeNull();
    expect(recordPath({ entity: 'order', entityId: '17' })).toBe('/orders/17');
  });
});

describe('fieldLabel', () => {
  it('reads field names as words without storage suffixes', () => {
    expect(fieldLabel('clientId')).toBe('Client');
    expect(fieldLabel('sharePricePaise')).toBe('Share price');
    expect(fieldLabel('upiId')).toBe('UPI ID');
    expect(fieldLabel('gstRegistrationType')).toBe('GST registration type');
    expect(fieldLabel('line1')).toBe('Line 1');
    expect(fieldLabel('chequeNumber')).toBe('Cheque number');
    expect(fieldLabel('paidTo')).toBe('Paid to');
    expect(fieldLabel('sharePercent')).toBe('Partner share');
  });
});

describe('entityNoun', () => {
  it('names every record type the audit filter offers in words, never the code', () => {
    expect(entityNoun('sales_document')).toBe('Quotation, proforma or challan');
    expect(entityNoun('recurring_invoice')).toBe('Recurring invoice');
    expect(entityNoun('comment')).toBe('Comment');
    expect(entityNoun('settlement_entry')).toBe('Settlement entry');
  });
});
