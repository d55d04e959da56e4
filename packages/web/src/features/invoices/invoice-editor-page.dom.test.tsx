import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CreateInvoiceInput } from '@bizdash/contracts/invoices';
import { ItemPage } from '@bizdash/contracts/masters';
import { PartyPage } from '@bizdash/contracts/parties';
import { BusinessRegistrationList, BusinessSettings } from '@bizdash/contracts/settings';
import { computeInvoice, type InvoiceLineInput } from '@bizdash/domain/gst/compute-invoice';
import { formatMoney } from '@bizdash/domain/money';
import { partyListItemFixture } from '../../../test/fixtures';
import { mockApi, problem } from '../../../test/mock-api';
import { fill, renderWithApp } from '../../../test/render';
import { InvoiceEditorPage } from './invoice-editor-page';

const business = BusinessSettings.parse({
  name: 'Test Traders',
  legalName: null,
  tradeName: null,
  gstin: '27AAPFU0939F1ZV',
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
  updatedAt: '2026-11-01T00:00:00Z',
});

// A client in the business's own state (Maharashtra): CGST + SGST.
const client = partyListItemFixture({
  id: 5,
  name: 'Acme Traders',
  gstin: '27AABCU9603R1ZM',
  gstRegistrationType: 'regular',
  billingAddress: { line1: '12 MG Road', line2: null, city: 'Pune', stateCode: '27', pin: '411001' },
});

function editorApi() {
  return mockApi({
    'GET /api/v1/settings/business': business,
    'GET /api/v1/settings/business/registrations': BusinessRegistrationList.parse({ items: [] }),
    'GET /api/v1/parties': PartyPage.parse({ items: [client], total: 1, page: 1, pageSize: 20 }),
    'GET /api/v1/items': ItemPage.parse({ items: [], total: 0, page: 1, pageSize: 8 }),
    'POST /api/v1/invoices': problem({
      status: 400,
      code: 'VALIDATION',
      title: 'Invalid request',
      detail: 'The invoice has problems',
      errors: [{ field: 'lines.0.hsnSac', message: 'is not a known HSN code' }],
    }),
  });
}

/** What the shared GST engine makes of these lines, intra-state, rounded to the rupee as the editor defaults. */
function expected(lines: InvoiceLineInput[]) {
  return computeInvoice({ regime: 'CGST_SGST', reverseCharge: false, roundToRupee: true, lines });
}
const rupees = (paise: number) => formatMoney(paise);

const consulting: InvoiceLineInput = { quantityMilli: 3000, unitPrice: 100050, discount: null, gstRateBp: 1800 };
const travel: InvoiceLineInput = { quantityMilli: 2000, unitPrice: 45025, discount: null, gstRateBp: 500 };

async function openEditorWithClient() {
  const api = editorApi();
  const view = renderWithApp(<InvoiceEditorPage />, { route: '/invoices/new', path: '/invoices/new' });
  const { user } = view;
  const picker = await screen.findByRole('combobox', { name: 'Client' });
  await user.click(picker);
  await user.paste('Acme');
  await user.click(await screen.findByRole('option', { name: /Acme Traders/ }));
  return { ...view, api };
}

async function fillLine(
  user: Awaited<ReturnType<typeof openEditorWithClient>>['user'],
  n: number,
  values: { description: string; hsn: string; quantity: string; rate: string; gst?: string },
) {
  await fill(user, screen.getByLabelText(`Line ${n} description`), values.description);
  await fill(user, screen.getByLabelText(`Line ${n} HSN/SAC`), values.hsn);
  await fill(user, screen.getByLabelText(`Line ${n} quantity`), values.quantity);
  await fill(user, screen.getByLabelText(`Line ${n} rate`), values.rate);
  if (values.gst !== undefined) await fill(user, screen.getByLabelText(`Line ${n} GST %`), values.gst);
}

describe('invoice editor line grid', () => {
  it('computes line amounts and totals with the GST engine as lines are typed, added and removed', async () => {
    const { user } = await openEditorWithClient();

    // One blank line waiting; typing into it opens the next.
    expect(screen.queryByTestId('line-2')).toBeNull();
    await fillLine(user, 1, { description: 'Consulting', hsn: '998311', quantity: '3', rate: '1000.50' });
    expect(screen.getByTestId('line-2')).toBeTruthy();

    let want = expected([consulting]);
    await waitFor(() => expect(screen.getByTestId('line-1-total').textContent).toBe(rupees(want.lines[0]!.lineTotal)));
    expect(screen.getByTestId('total-taxable').textContent).toBe('₹3,001.50');
    expect(screen.getByTestId('total-cgst').textContent).toBe(rupees(want.totals.cgst));
    expect(screen.getByTestId('total-sgst').textContent).toBe(rupees(want.totals.sgst));
    expect(screen.getByTestId('total-grand').textContent).toBe(rupees(want.totals.grandTotal));
    expect(screen.queryByTestId('total-igst')).toBeNull();

    // Changing the quantity recomputes the line and the totals.
    await fill(user, screen.getByLabelText('Line 1 quantity'), '30');
    want = expected([{ ...consulting, quantityMilli: 30000 }]);
    await waitFor(() => expect(screen.getByTestId('total-taxable').textContent).toBe('₹30,015.00'));
    expect(screen.getByTestId('line-1-total').textContent).toBe(rupees(want.lines[0]!.lineTotal));
    expect(screen.getByTestId('total-grand').textContent).toBe(rupees(want.totals.grandTotal));

    // A second line at 5 % adds to the totals.
    await fillLine(user, 2, { description: 'Travel', hsn: '996411', quantity: '2', rate: '450.25', gst: '5' });
    want = expected([{ ...consulting, quantityMilli: 30000 }, travel]);
    await waitFor(() => expect(screen.getByTestId('total-grand').textContent).toBe(rupees(want.totals.grandTotal)));
    expect(screen.getByTestId('line-2-total').textContent).toBe(rupees(want.lines[1]!.lineTotal));
    expect(screen.getByTestId('total-cgst').textContent).toBe(rupees(want.totals.cgst));
    expect(screen.getByTestId('line-3')).toBeTruthy();

    // Removing the first line leaves the second, renumbered, and only its amounts.
    await user.click(screen.getByRole('button', { name: 'Remove line 1' }));
    want = expected([travel]);
    await waitFor(() => expect(screen.getByTestId('total-grand').textContent).toBe(rupees(want.totals.grandTotal)));
    expect((screen.getByLabelText('Line 1 description') as HTMLInputElement).value).toBe('Travel');
    expect(screen.getByTestId('total-taxable').textContent).toBe('₹900.50');
    // The blank line at the end has no remove button and no amounts.
    expect(screen.queryByRole('button', { name: 'Remove line 2' })).toBeNull();
    expect(screen.getByTestId('line-2-total').textContent).toBe('');
  });

  it('moves to the next cell on Enter and to the next line after the last cell', async () => {
    const { user } = await openEditorWithClient();
    await fillLine(user, 1, { description: 'Consulting', hsn: '998311', quantity: '3', rate: '1000.50' });

    const quantity = screen.getByLabelText('Line 1 quantity');
    quantity.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Line 1 unit')));

    screen.getByLabelText('Line 1 GST %').focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Line 2 description')));

    await user.keyboard('{Shift>}{Enter}{/Shift}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Line 1 GST %')));
  });

  it('sends the typed lines and marks a line the server refuses', async () => {
    const { user, api } = await openEditorWithClient();
    await fillLine(user, 1, { description: 'Consulting', hsn: '998311', quantity: '3', rate: '1000.50' });
    await user.click(screen.getByRole('button', { name: /Save draft/ }));

    await waitFor(() => expect(api.calls('POST /api/v1/invoices')).toHaveLength(1));
    const body = CreateInvoiceInput.parse(api.calls('POST /api/v1/invoices')[0]?.body);
    expect(body.partyId).toBe(client.id);
    expect(body.type).toBe('sales');
    // The blank line at the end is never sent.
    expect(body.lines).toHaveLength(1);
    expect(body.lines[0]).toMatchObject({
      description: 'Consulting',
      hsnSac: '998311',
      quantity: '3',
      rate: '1000.50',
      gstRate: '18',
    });

    const alert = await screen.findByTestId('editor-error');
    expect(within(alert).getByText(/Not saved/)).toBeTruthy();
    const hsn = screen.getByLabelText('Line 1 HSN/SAC');
    await waitFor(() => expect(hsn.getAttribute('aria-invalid')).toBe('true'));
    expect(hsn.getAttribute('title')).toBe('is not a known HSN code');
  });
});
