import { describe, expect, it } from 'vitest';
import { auditValueText } from './audit-values';
import { fieldLabel } from './audit-labels';

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

describe('fieldLabel', () => {
  it('reads field names as words without storage suffixes', () => {
    expect(fieldLabel('clientId')).toBe('Client');
    expect(fieldLabel('sharePricePaise')).toBe('Share price');
    expect(fieldLabel('upiId')).toBe('UPI ID');
    expect(fieldLabel('gstRegistrationType')).toBe('GST registration type');
    expect(fieldLabel('line1')).toBe('Line 1');
  });
});
