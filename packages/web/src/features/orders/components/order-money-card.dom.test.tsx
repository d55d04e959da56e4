import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CreateReceiptInput, ExpenseList, Receipt, ReceiptList } from '@bizdash/contracts/order-money';
import { InvoicePage } from '@bizdash/contracts/invoices';
import { orderDetailFixture } from '../../../../test/fixtures';
import { mockApi } from '../../../../test/mock-api';
import { fill, renderWithApp } from '../../../../test/render';
import { OrderDetailPage } from '../order-detail-page';
import { OrderMoneyCard } from './order-money-card';

const order = orderDetailFixture({ id: 42, number: 'ORD/2026-27/00042', title: 'Transfer of 500 shares' });

const receipt = Receipt.parse({
  id: 7,
  orderId: 42,
  date: '2026-11-05',
  amount: '25000.00',
  mode: 'upi',
  reference: 'UTR123456',
  chequeNumber: null,
  chequeDate: null,
  note: null,
  attachment: null,
  appliedPaymentId: 31,
  createdBy: { id: 1, name: 'Asha Rao' },
  createdAt: '2026-11-05T06:30:00Z',
  updatedAt: '2026-11-05T06:30:00Z',
});

const receipts = ReceiptList.parse({
  items: [receipt],
  money: {
    amountDue: '1234567.50',
    amountReceived: '25000.00',
    balanceDue: '1209567.50',
    paymentStatus: 'partial',
    expenses: '1500.00',
    sharePercent: '0.00',
  },
});
const expenses = ExpenseList.parse({ items: [], total: '1500.00' });

function moneyApi() {
  return mockApi({
    'GET /api/v1/orders/42/receipts': receipts,
    'GET /api/v1/orders/42/expenses': expenses,
    'GET /api/v1/invoices': InvoicePage.parse({ items: [], total: 0, page: 1, pageSize: 20 }),
    'POST /api/v1/orders/42/receipts': (request) =>
      Receipt.parse({ ...receipt, id: 8, ...(request.body as object), appliedPaymentId: 32 }),
  });
}

describe('order money card', () => {
  it('shows the order’s money in ₹ with Indian digit grouping', async () => {
    moneyApi();
    renderWithApp(<OrderMoneyCard order={order} />, { role: 'owner' });

    await waitFor(() => expect(screen.getByTestId('amount-due').textContent).toBe('₹12,34,567.50'));
    expect(screen.getByTestId('amount-received').textContent).toBe('₹25,000.00');
    expect(screen.getByTestId('balance-due').textContent).toBe('₹12,09,567.50');
    expect(screen.getByTestId('expenses-total').textContent).toBe('₹1,500.00');

    const row = screen.getByTestId('receipt-row');
    expect(row.textContent).toContain('05-11-2026');
    expect(row.textContent).toContain('₹25,000.00');
    expect(row.textContent).toContain('UTR123456');
    expect(screen.getByText('No expenses recorded.')).toBeTruthy();
  });

  it('records a receipt: suggests the balance and sends what was entered', async () => {
    const api = moneyApi();
    const { user } = renderWithApp(<OrderMoneyCard order={order} />, { role: 'accountant' });
    await waitFor(() => expect(screen.getByTestId('balance-due').textContent).toBe('₹12,09,567.50'));

    await user.click(screen.getByRole('button', { name: 'Record receipt' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record receipt' });
    const amount = within(dialog).getByLabelText('Amount') as HTMLInputElement;
    // The balance due is offered as the amount.
    expect(amount.value).toBe('1209567.50');
    await fill(user, amount, '50000');
    await fill(user, within(dialog).getByLabelText('Reference'), 'UTR999');
    await user.click(within(dialog).getByRole('button', { name: 'Record receipt' }));

    await waitFor(() => expect(api.calls('POST /api/v1/orders/42/receipts')).toHaveLength(1));
    const body = CreateReceiptInput.parse(api.calls('POST /api/v1/orders/42/receipts')[0]?.body);
    expect(body).toMatchObject({ amount: '50000', mode: 'bank_transfer', reference: 'UTR999', chequeNumber: null });
    expect(body.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Saved: the dialog closes and the card reloads its money.
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Record receipt' })).toBeNull());
    await waitFor(() => expect(api.calls('GET /api/v1/orders/42/receipts').length).toBeGreaterThan(1));
  });
});

describe('order detail page money', () => {
  it('shows the money card to a role with money.read', async () => {
    moneyApi();
    const api = mockApiWithOrder(order);
    renderWithApp(<OrderDetailPage />, { route: '/orders/42', path: '/orders/:id', role: 'manager' });
    expect(await screen.findByTestId('money-card')).toBeTruthy();
    await waitFor(() => expect(api.calls('GET /api/v1/orders/42/receipts').length).toBeGreaterThan(0));
  });

  it('hides the money card from staff and asks for no money', async () => {
    const api = mockApiWithOrder(orderDetailFixture({ ...order }, { staffView: true }));
    renderWithApp(<OrderDetailPage />, { route: '/orders/42', path: '/orders/:id', role: 'staff' });
    expect(await screen.findByText(/ORD\/2026-27\/00042/)).toBeTruthy();
    // Let the page's other panels ask for what they need first.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByTestId('money-card')).toBeNull();
    expect(screen.queryByText('Record receipt')).toBeNull();
    expect(screen.getByTestId('subject').textContent).not.toContain('₹');
    const moneyRequests = api.requests.filter((r) => /\/(receipts|expenses|settlement|invoices)\b/.test(r.path));
    expect(moneyRequests.map((r) => r.path)).toEqual([]);
  });
});

/** The order itself plus the money routes; the page's other panels (documents, comments...) get no fixture. */
function mockApiWithOrder(detail: typeof order) {
  return mockApi({
    'GET /api/v1/orders/42': detail,
    'GET /api/v1/orders/42/receipts': receipts,
    'GET /api/v1/orders/42/expenses': expenses,
    'GET /api/v1/invoices': InvoicePage.parse({ items: [], total: 0, page: 1, pageSize: 20 }),
  });
}
