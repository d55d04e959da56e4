import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BusinessRegistrationList,
  BusinessSettings,
  NumberSeriesList,
  SeriesDocumentType,
} from '@bizdash/contracts/settings';
import { mockApi, problem } from '../../../test/mock-api';
import { renderWithApp } from '../../../test/render';
import { NumberSeriesSection } from './number-series-section';

const business = BusinessSettings.parse({
  name: 'Test Traders',
  legalName: null,
  tradeName: null,
  gstin: '27AAAAA0000A1Z5',
  stateCode: '27',
  pan: null,
  address: { line1: null, line2: null, city: null, pin: null },
  bank: { accountName: null, accountNumber: null, ifsc: null, bankName: null, branch: null },
  upiId: null,
  lut: { number: null, date: null },
  invoiceTerms: null,
  signatoryName: null,
  timezone: 'Asia/Kolkata',
  fyStartMonth: 4,
  logoUrl: null,
  updatedAt: '2026-11-01T06:30:00Z',
});

const series = NumberSeriesList.parse({
  items: [
    {
      id: 1,
      gstin: '27AAAAA0000A1Z5',
      isPrimary: true,
      documentType: 'quotation',
      financialYear: '2026-27',
      template: 'QT/{FY:SHORT}/{SEQ:4}',
      nextSequence: 12,
      preview: 'QT/26-27/0012',
      maxSequence: 9999,
      updatedAt: '2026-11-01T06:30:00Z',
    },
  ],
});

function routes(extra: Record<string, unknown> = {}) {
  return {
    'GET /api/v1/settings/number-series': series,
    'GET /api/v1/settings/business': business,
    'GET /api/v1/settings/business/registrations': BusinessRegistrationList.parse({ items: [] }),
    ...extra,
  };
}

describe('NumberSeriesSection', () => {
  // The table shows the current financial year's series: keep "today" in 2026-27, the fixture's year.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-15T06:30:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('lists every series document type by its name, grouped in the order a sale runs', async () => {
    mockApi(routes());
    renderWithApp(<NumberSeriesSection />, { role: 'owner' });
    await screen.findByText('QT/26-27/0012');
    const table = screen.getByTestId('number-series-table');

    // Every type the server numbers has a row, none missing.
    for (const type of SeriesDocumentType.options) expect(within(table).getByTestId(`series-row-${type}`)).toBeTruthy();
    const rowText = (type: string) => within(table).getByTestId(`series-row-${type}`).textContent ?? '';
    expect(rowText('quotation')).toContain('Quotation');
    expect(rowText('proforma')).toContain('Proforma invoice');
    expect(rowText('delivery_challan')).toContain('Delivery challan');
    // Names, never codes.
    expect(table.textContent).not.toMatch(/delivery_challan|bill_of_supply|credit_note|debit_note|\bproforma\b/);

    const order = within(table)
      .getAllByRole('row')
      .map((row) => row.getAttribute('data-testid'))
      .filter((id): id is string => id !== null);
    expect(order).toEqual([
      'series-group-gst',
      'series-row-invoice',
      'series-row-bill_of_supply',
      'series-row-credit_note',
      'series-row-debit_note',
      'series-group-sales',
      'series-row-quotation',
      'series-row-proforma',
      'series-row-delivery_challan',
      'series-group-payments',
      'series-row-receipt',
    ]);
    expect(within(table).getByTestId('series-group-sales').textContent).toBe('Before the invoice');
  });

  it('shows a server message about a field the series form lacks, naming it', async () => {
    mockApi(
      routes({
        'PUT /api/v1/settings/number-series': problem({
          status: 400,
          code: 'VALIDATION_FAILED',
          title: 'Invalid input',
          errors: [{ field: 'financialYear', message: 'must look like 2026-27' }],
        }),
      }),
    );
    const { user } = renderWithApp(<NumberSeriesSection />, { role: 'owner' });
    await screen.findByText('QT/26-27/0012');
    await user.click(screen.getByRole('button', { name: 'Edit Quotation numbering for 27AAAAA0000A1Z5' }));
    await user.click(within(await screen.findByTestId('series-form')).getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Financial year: Must look like 2026-27.');
  });
});
