import { screen, waitFor } from '@testing-library/react';
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
});
