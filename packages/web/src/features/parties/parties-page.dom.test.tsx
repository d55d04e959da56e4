import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PartyPage } from '@bizdash/contracts/parties';
import { partyListItemFixture } from '../../../test/fixtures';
import { mockApi, problem, type RecordedRequest } from '../../../test/mock-api';
import { renderWithApp } from '../../../test/render';
import { PartiesPage } from './parties-page';

const acme = partyListItemFixture({
  id: 1,
  name: 'Acme Traders',
  gstin: '27AAPFU0939F1ZV',
  phones: ['+919876543210'],
  billingAddress: { line1: '12 MG Road', line2: null, city: 'Pune', stateCode: '27', pin: '411001' },
  balance: '125000.00',
});
const bharat = partyListItemFixture({ id: 2, name: 'Bharat Supplies', roles: ['supplier'], balance: '-2500.50' });

/** A page of 45 parties, answering whichever page is asked for with the two fixtures. */
function pageFor(request: RecordedRequest) {
  return PartyPage.parse({
    items: [acme, bharat],
    total: 45,
    page: Number(request.query.get('page') ?? 1),
    pageSize: Number(request.query.get('pageSize') ?? 20),
  });
}

const lastQuery = (api: ReturnType<typeof mockApi>) => api.calls('GET /api/v1/parties').at(-1)?.query;

describe('parties list', () => {
  it('shows the rows of the page the API sent, money in ₹ with Indian grouping', async () => {
    const api = mockApi({ 'GET /api/v1/parties': pageFor });
    renderWithApp(<PartiesPage />, { route: '/parties', role: 'owner' });

    const row = await screen.findByTestId('party-row-1');
    expect(within(row).getByText('Acme Traders')).toBeTruthy();
    expect(within(row).getByText('27AAPFU0939F1ZV')).toBeTruthy();
    expect(within(row).getByText('+91 98765 43210')).toBeTruthy();
    expect(within(row).getByTestId('party-balance').textContent).toBe('₹1,25,000.00 Dr');
    expect(within(screen.getByTestId('party-row-2')).getByTestId('party-balance').textContent).toBe('₹2,500.50 Cr');
    expect(screen.getByTestId('list-range').textContent).toBe('1–20 of 45 parties');

    const query = lastQuery(api);
    expect(query?.get('sort')).toBe('name');
    expect(query?.get('order')).toBe('asc');
    expect(query?.get('page')).toBe('1');
    expect(query?.get('pageSize')).toBe('20');
    expect(query?.get('archived')).toBe('false');
  });

  it('asks for the next page and another sort', async () => {
    const api = mockApi({ 'GET /api/v1/parties': pageFor });
    const { user } = renderWithApp(<PartiesPage />, { route: '/parties' });
    await screen.findByTestId('party-row-1');

    await user.click(screen.getByRole('button', { name: 'next page' }));
    await waitFor(() => expect(lastQuery(api)?.get('page')).toBe('2'));
    expect(screen.getByTestId('location').textContent).toBe('/parties?page=2');
    await waitFor(() => expect(screen.getByTestId('list-range').textContent).toBe('21–40 of 45 parties'));

    // Sorting by Created starts newest first and goes back to page 1.
    await user.click(screen.getByRole('button', { name: /Created/ }));
    await waitFor(() => expect(lastQuery(api)?.get('sort')).toBe('createdAt'));
    expect(lastQuery(api)?.get('order')).toBe('desc');
    expect(lastQuery(api)?.get('page')).toBe('1');
    expect(screen.getByRole('columnheader', { name: /Created/ }).getAttribute('aria-sort')).toBe('descending');

    // Again: the other way round.
    await user.click(screen.getByRole('button', { name: /Created/ }));
    await waitFor(() => expect(lastQuery(api)?.get('order')).toBe('asc'));
  });

  it('hides balances from a role that may not see money', async () => {
    mockApi({
      'GET /api/v1/parties': PartyPage.parse({ items: [{ ...acme, balance: null }], total: 1, page: 1, pageSize: 20 }),
    });
    renderWithApp(<PartiesPage />, { route: '/parties', role: 'staff' });
    await screen.findByTestId('party-row-1');
    expect(screen.queryByRole('columnheader', { name: 'Balance' })).toBeNull();
    expect(screen.queryByTestId('party-balance')).toBeNull();
  });

  it('says there are no parties yet and offers to add one', async () => {
    mockApi({ 'GET /api/v1/parties': PartyPage.parse({ items: [], total: 0, page: 1, pageSize: 20 }) });
    renderWithApp(<PartiesPage />, { route: '/parties' });
    expect(await screen.findByText('No parties yet. Add one and pick it on every order and invoice.')).toBeTruthy();
    const table = screen.getByTestId('parties-table');
    expect(within(table).getByRole('link', { name: 'New party' }).getAttribute('href')).toBe('/parties/new');
  });

  it('says nothing matches when a search finds nothing', async () => {
    const api = mockApi({ 'GET /api/v1/parties': PartyPage.parse({ items: [], total: 0, page: 1, pageSize: 20 }) });
    renderWithApp(<PartiesPage />, { route: '/parties?q=zzz' });
    expect(await screen.findByText('No parties match these filters.')).toBeTruthy();
    expect(lastQuery(api)?.get('q')).toBe('zzz');
  });

  it('shows the error and retries when the list cannot be loaded', async () => {
    let fail = true;
    const api = mockApi({
      'GET /api/v1/parties': (request) =>
        fail ? problem({ status: 500, code: 'INTERNAL', title: 'Internal error' }) : pageFor(request),
    });
    const { user } = renderWithApp(<PartiesPage />, { route: '/parties' });
    const retry = await screen.findByRole('button', { name: /try again|retry/i });
    expect(screen.queryByTestId('party-row-1')).toBeNull();
    fail = false;
    await user.click(retry);
    expect(await screen.findByTestId('party-row-1')).toBeTruthy();
    expect(api.calls('GET /api/v1/parties').length).toBe(2);
  });
});
