import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AuditPage } from '@bizdash/contracts/audit';
import { mockApi, problem } from '../../test/mock-api';
import { renderWithApp } from '../../test/render';
import { HistoryPanel } from './history-panel';

const page = AuditPage.parse({
  items: [
    {
      seq: 42,
      at: '2026-11-10T06:30:00.000Z',
      actor: { type: 'user', id: 3, name: 'Meera Iyer' },
      action: 'order.update',
      actionLabel: 'Updated order',
      entity: 'order',
      entityId: '17',
      entityLabel: 'ORD-0017',
      refNames: { 'assigneeId:9': 'Ravi Kumar' },
      changes: {
        fees: { before: 150000, after: 12345600 },
        dueDate: { before: '2026-11-01', after: '2026-12-25' },
        assigneeId: { before: null, after: 9 },
        updatedAt: { before: '2026-11-01T00:00:00Z', after: '2026-11-10T06:30:00Z' },
      },
      requestId: 'req-1',
      ip: null,
      hash: 'abc',
    },
  ],
  nextCursor: 41,
});

/** An order-money or comment entry as the server writes it (order-money and comments services). */
function moneyEntry(seq: number, patch: Record<string, unknown>) {
  return {
    seq,
    at: '2026-11-12T06:30:00.000Z',
    actor: { type: 'user', id: 3, name: 'Meera Iyer' },
    entityLabel: null,
    refNames: {},
    requestId: `req-${seq}`,
    ip: null,
    hash: `h${seq}`,
    ...patch,
  };
}

const receiptPage = AuditPage.parse({
  items: [
    moneyEntry(60, {
      action: 'receipt.updated',
      actionLabel: 'Updated receipt',
      entity: 'receipt',
      entityId: '4',
      changes: {
        attachment: {
          before: null,
          after: {
            key: 'uploads/acme-traders/ord-0017/receipt-4-ab12cd34ef56.pdf',
            name: 'bank-slip.pdf',
            sha256: 'ab12cd34ef56ab12cd34ef56',
            sizeBytes: 12_697,
            mediaType: 'application/pdf',
          },
        },
      },
    }),
    moneyEntry(59, {
      action: 'receipt.updated',
      actionLabel: 'Updated receipt',
      entity: 'receipt',
      entityId: '4',
      changes: {
        mode: { before: 'cheque', after: 'bank_transfer' },
        chequeNumber: { before: '004512', after: null },
        chequeDate: { before: '2026-11-30', after: null },
      },
    }),
    moneyEntry(58, {
      action: 'receipt.created',
      actionLabel: 'Recorded receipt',
      entity: 'receipt',
      entityId: '4',
      refNames: { 'orderId:17': 'ORD-0017' },
      changes: {
        orderId: { before: null, after: 17 },
        date: { before: null, after: '2026-11-10' },
        amount: { before: null, after: '125000.00' },
        mode: { before: null, after: 'upi' },
        reference: { before: null, after: 'UTR 4411' },
        chequeNumber: { before: null, after: null },
        chequeDate: { before: null, after: null },
        note: { before: null, after: null },
      },
    }),
  ],
  nextCursor: null,
});

const expenseAndCommentPage = AuditPage.parse({
  items: [
    moneyEntry(71, {
      action: 'expense.created',
      actionLabel: 'Recorded expense',
      entity: 'expense',
      entityId: '2',
      refNames: { 'orderId:17': 'ORD-0017' },
      changes: {
        orderId: { before: null, after: 17 },
        date: { before: null, after: '2026-11-11' },
        amount: { before: null, after: '2500.00' },
        category: { before: null, after: 'stamp_duty' },
        paidTo: { before: null, after: 'Sub-registrar, Pune' },
        note: { before: null, after: null },
      },
    }),
    moneyEntry(70, {
      action: 'comment.attachment_added',
      actionLabel: 'Attached a file to a comment',
      entity: 'comment',
      entityId: '9',
      changes: {
        attachment: {
          before: null,
          after: { key: 'uploads/comments/ord-0017/c9-1a2b3c4d-share-deed.pdf', sha256: 'ffee', sizeBytes: 2048 },
        },
      },
    }),
  ],
  nextCursor: null,
});

/** What a person should never read in a history: stored field names, codes, storage keys, hashes, JSON. */
const RAW =
  /orderId|chequeNumber|chequeDate|paidTo|sizeBytes|mediaType|sha256|bank_transfer|stamp_duty|\bupi\b|uploads\/|application\/|[{}"]/;

/** Every field label in the panel ("Cheque number:") is words, not a stored key ("chequeNumber:"). */
function expectWordLabels(panel: HTMLElement) {
  const labels = within(panel)
    .getAllByText(/:$/)
    .map((el) => el.textContent ?? '');
  expect(labels.length).toBeGreaterThan(0);
  for (const label of labels) expect(label).toMatch(/^[A-Z][a-z]*(?: [a-z]+)*:$/);
}

describe('HistoryPanel', () => {
  it('asks for the record’s audit entries and shows labelled, formatted changes', async () => {
    const api = mockApi({ 'GET /api/v1/audit': page });
    renderWithApp(<HistoryPanel entity="order" entityId={17} pageSize={10} />, { role: 'owner' });

    const panel = await screen.findByTestId('history-panel');
    expect(screen.getByText('Updated order')).toBeTruthy();
    expect(panel.textContent).toContain('Meera Iyer');
    // Money in paise as ₹ with Indian grouping; dates as dd-mm-yyyy; ids as the names the server sent.
    expect(panel.textContent).toContain('Fees:');
    expect(panel.textContent).toContain('₹1,500.00');
    expect(panel.textContent).toContain('₹1,23,456.00');
    expect(panel.textContent).toContain('01-11-2026');
    expect(panel.textContent).toContain('25-12-2026');
    expect(panel.textContent).toContain('Ravi Kumar');
    // Bookkeeping fields are not history.
    expect(panel.textContent).not.toMatch(/Updated at/i);
    // A further page exists: the panel offers it.
    expect(screen.getByRole('button', { name: 'Show older entries' })).toBeTruthy();

    const [request] = api.calls('GET /api/v1/audit');
    expect(request?.query.get('entity')).toBe('order');
    expect(request?.query.get('entityId')).toBe('17');
    expect(request?.query.get('limit')).toBe('10');
    expect(request?.query.get('order')).toBe('desc');
  });

  it('reads on with the cursor of the previous page', async () => {
    const api = mockApi({
      'GET /api/v1/audit': (request) =>
        request.query.get('cursor') === '41'
          ? AuditPage.parse({
              items: [{ ...page.items[0], seq: 41, actionLabel: 'Created order', changes: null }],
              nextCursor: null,
            })
          : page,
    });
    const { user } = renderWithApp(<HistoryPanel entity="order" entityId={17} />);
    await user.click(await screen.findByRole('button', { name: 'Show older entries' }));
    expect(await screen.findByText('Created order')).toBeTruthy();
    expect(api.calls('GET /api/v1/audit').map((r) => r.query.get('cursor'))).toEqual([null, '41']);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Show older entries' })).toBeNull());
  });

  it('says so when there is no history', async () => {
    mockApi({ 'GET /api/v1/audit': AuditPage.parse({ items: [], nextCursor: null }) });
    renderWithApp(<HistoryPanel entity="order" entityId={17} />);
    expect(await screen.findByText('No history recorded yet.')).toBeTruthy();
  });

  it('shows an error with a retry when the log cannot be read', async () => {
    mockApi({ 'GET /api/v1/audit': problem({ status: 500, code: 'INTERNAL', title: 'Server error' }) });
    renderWithApp(<HistoryPanel entity="order" entityId={17} />);
    expect(await screen.findByRole('button', { name: /try again|retry/i })).toBeTruthy();
  });

  it('renders nothing and asks nothing for a role without audit.read', async () => {
    const api = mockApi({ 'GET /api/v1/audit': page });
    renderWithApp(<HistoryPanel entity="order" entityId={17} />, { role: 'staff' });
    // Give a request the chance to go out before asserting none did.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.requests).toEqual([]);
    expect(screen.getByTestId('subject').innerHTML).toBe('');
    expect(screen.queryByTestId('history-panel')).toBeNull();
  });

  it('shows a receipt’s changes with labels and formatted values, never raw keys', async () => {
    mockApi({ 'GET /api/v1/audit': receiptPage });
    renderWithApp(<HistoryPanel entity="receipt" entityId={4} />, { role: 'owner' });
    const panel = await screen.findByTestId('history-panel');
    const text = panel.textContent ?? '';
    expect(text).toContain('Recorded receipt');
    expect(text).toContain('Order: ORD-0017');
    expect(text).toContain('Amount: ₹1,25,000.00');
    expect(text).toContain('Date: 10-11-2026');
    expect(text).toContain('Mode: UPI');
    expect(text).toContain('Cheque number: 004512');
    expect(text).toContain('Cheque date: 30-11-2026');
    expect(text).toContain('Bank transfer');
    expect(text).toContain('Attachment: bank-slip.pdf (12.4 KB)');
    expect(text).not.toMatch(RAW);
    expectWordLabels(panel);
  });

  it('shows expenses and comment attachments in words too', async () => {
    mockApi({ 'GET /api/v1/audit': expenseAndCommentPage });
    renderWithApp(<HistoryPanel entity="order" entityId={17} />, { role: 'owner' });
    const panel = await screen.findByTestId('history-panel');
    const text = panel.textContent ?? '';
    expect(text).toContain('Category: Stamp duty');
    expect(text).toContain('Paid to: Sub-registrar, Pune');
    expect(text).toContain('Amount: ₹2,500.00');
    expect(text).toContain('Attachment: c9-1a2b3c4d-share-deed.pdf (2.0 KB)');
    expect(text).not.toMatch(RAW);
    expectWordLabels(panel);
  });
});
