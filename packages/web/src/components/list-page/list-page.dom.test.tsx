import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from '@mantine/core';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, problem, type RecordedRequest } from '../../../test/mock-api';
import { renderWithApp } from '../../../test/render';
import { api } from '../../lib/api';
import { ListPage, type ListColumn } from './list-page';
import { defineList, oneOf, text, useListUrlState } from './use-list-url-state';

interface Thing {
  id: number;
  name: string;
  colour: string;
}
interface ThingPage {
  items: Thing[];
  total: number;
}

const THING_LIST = defineList({
  params: { q: text(), colour: oneOf(['red', 'blue'] as const) },
  sort: { keys: ['name', 'createdAt'], default: 'name', order: 'asc', firstOrder: { createdAt: 'desc' } },
  pageSizes: [20, 50],
});

const COLUMNS: ListColumn<Thing>[] = [
  { key: 'name', label: 'Name', sort: 'name', render: (t) => t.name },
  { key: 'colour', label: 'Colour', render: (t) => t.colour },
];

/** A list page as a feature writes one: the hook for the URL, the shell for the rest. */
function ThingsPage() {
  const list = useListUrlState(THING_LIST);
  const { state, update } = list;
  const query = useQuery({
    queryKey: ['things', list.apiQuery],
    queryFn: ({ signal }) => api.get<ThingPage>('/things', list.apiQuery, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <ListPage
      title="Things"
      filters={
        <Select
          aria-label="Colour"
          placeholder="Any colour"
          data={['red', 'blue']}
          value={state.colour ?? null}
          onChange={(v) => update({ colour: v })}
          clearable
        />
      }
      activeFilterCount={list.activeFilterCount}
      onClearFilters={list.clearFilters}
      query={query}
      what="things"
      columns={COLUMNS}
      rowKey={(t) => t.id}
      rowProps={(t) => ({ testId: `thing-row-${t.id}` })}
      sort={{ key: state.sort, order: state.order, onSort: (key) => list.sortBy(key as typeof state.sort) }}
      tableTestId="things-table"
      emptyText="No things yet."
      noMatchText="No things match these filters."
      paging={{
        page: state.page,
        pageSize: state.pageSize,
        pageSizes: THING_LIST.pageSizes,
        noun: 'things',
        onChange: update,
      }}
    />
  );
}

const red = { id: 1, name: 'Apple', colour: 'red' };
const blue = { id: 2, name: 'Sky', colour: 'blue' };

function answer(request: RecordedRequest): ThingPage {
  const colour = request.query.get('colour');
  const items = [red, blue].filter((t) => !colour || t.colour === colour);
  return { items, total: colour ? items.length : 45 };
}

const lastQuery = (mock: ReturnType<typeof mockApi>) => mock.calls('GET /api/v1/things').at(-1)?.query;

describe('shared list page', () => {
  it('renders the rows, the sort and the count', async () => {
    const mock = mockApi({ 'GET /api/v1/things': answer });
    renderWithApp(<ThingsPage />, { route: '/things' });
    const row = await screen.findByTestId('thing-row-1');
    expect(within(row).getByText('Apple')).toBeTruthy();
    expect(screen.getByTestId('thing-row-2')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByTestId('list-range').textContent).toBe('1–20 of 45 things');
    expect(lastQuery(mock)?.toString()).toBe('sort=name&order=asc&page=1&pageSize=20');
  });

  it('says there are none yet when the list is empty, and nothing matches when filters hide every row', async () => {
    mockApi({ 'GET /api/v1/things': { items: [], total: 0 } });
    const first = renderWithApp(<ThingsPage />, { route: '/things' });
    expect(await screen.findByText('No things yet.')).toBeTruthy();
    // The empty state says it once: no "No things" footer with a page-size picker under it.
    expect(screen.queryByTestId('list-range')).toBeNull();
    expect(screen.queryByRole('button', { name: /Clear filters/ })).toBeNull();
    first.unmount();

    renderWithApp(<ThingsPage />, { route: '/things?colour=blue&q=zzz' });
    expect(await screen.findByText('No things match these filters.')).toBeTruthy();
    expect(screen.queryByText('No things yet.')).toBeNull();
    // Two active filters: the bar's button counts them, the empty state offers to clear them too.
    expect(screen.getByRole('button', { name: 'Clear 2 filters' })).toBeTruthy();
  });

  it('goes back to page 1 when a filter changes, and clears filters', async () => {
    const mock = mockApi({ 'GET /api/v1/things': answer });
    const { user } = renderWithApp(<ThingsPage />, { route: '/things?page=2&sort=createdAt' });
    await screen.findByTestId('thing-row-1');
    expect(lastQuery(mock)?.get('page')).toBe('2');

    await user.click(screen.getByRole('combobox', { name: 'Colour' }));
    await user.click(await screen.findByRole('option', { name: 'red' }));
    await waitFor(() => expect(lastQuery(mock)?.get('colour')).toBe('red'));
    expect(lastQuery(mock)?.get('page')).toBe('1');
    expect(screen.getByTestId('location').textContent).toBe('/things?sort=createdAt&colour=red');
    await waitFor(() => expect(screen.queryByTestId('thing-row-2')).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    // The sort is not a filter: it stays.
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/things?sort=createdAt'));
    expect(await screen.findByTestId('thing-row-2')).toBeTruthy();
  });

  it('shows the error with a Retry that loads the list', async () => {
    let fail = true;
    const mock = mockApi({
      'GET /api/v1/things': (request) =>
        fail ? problem({ status: 500, code: 'INTERNAL', title: 'Internal error' }) : answer(request),
    });
    const { user } = renderWithApp(<ThingsPage />, { route: '/things' });
    expect(await screen.findByText("Couldn't load things")).toBeTruthy();
    expect(screen.queryByTestId('things-table')).toBeNull();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('thing-row-1')).toBeTruthy();
    expect(mock.calls('GET /api/v1/things').length).toBe(2);
  });

  it('shows cards instead of the table on a phone', async () => {
    mockApi({ 'GET /api/v1/things': answer });
    const matchMedia = window.matchMedia;
    // The phone query is "not all and (min-width: …)": answer it as a 390 px screen would.
    window.matchMedia = (query: string) => ({ ...matchMedia(query), matches: query.startsWith('not all') });
    try {
      renderWithApp(<ThingsPage />, { route: '/things' });
      expect(await screen.findByText('Apple')).toBeTruthy();
      expect(screen.queryByTestId('things-table')).toBeNull();
      expect(screen.getAllByText('Colour').length).toBeGreaterThan(0);
    } finally {
      window.matchMedia = matchMedia;
    }
  });
});
