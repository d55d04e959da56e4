import type { ReactNode } from 'react';
import { act, renderHook } from '@testing-library/react';
import { MemoryRouter, useLocation, useNavigationType } from 'react-router';
import { describe, expect, it } from 'vitest';
import { defineList, flag, oneOf, positiveInt, setting, text, useListUrlState } from './use-list-url-state';

const LIST = defineList({
  params: {
    q: text(),
    role: setting(oneOf(['client', 'supplier'] as const)),
    status: oneOf(['all', 'active'] as const, 'all'),
    partyId: positiveInt(),
    overdue: flag(),
    view: setting(oneOf(['list', 'board'] as const, 'list'), { isApi: false }),
  },
  sort: { keys: ['name', 'createdAt'], default: 'name', order: 'asc', firstOrder: { createdAt: 'desc' } },
  pageSizes: [20, 50],
});

function renderList(route: string) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[route]}>{children}</MemoryRouter>
  );
  return renderHook(
    () => {
      const location = useLocation();
      return { list: useListUrlState(LIST), search: location.search };
    },
    { wrapper },
  );
}

describe('useListUrlState', () => {
  it('parses the URL, counts active filters and builds the API query', () => {
    const { result } = renderList('/x?q=acme&role=client&status=active&partyId=oops&view=board&page=2');
    const { list } = result.current;
    expect(list.state).toMatchObject({ q: 'acme', role: 'client', status: 'active', partyId: undefined, page: 2 });
    // The role tab and the view are settings; the default status is not a filter either.
    expect(list.activeFilterCount).toBe(2);
    expect(list.hasFilters).toBe(true);
    expect(list.apiQuery).toEqual({
      q: 'acme',
      role: 'client',
      status: 'active',
      sort: 'name',
      order: 'asc',
      page: 2,
      pageSize: 20,
    });
  });

  it('patches the URL, resetting the page when a filter changes', () => {
    const { result } = renderList('/x?page=3');
    act(() => result.current.list.update({ overdue: 'true' }));
    expect(result.current.search).toBe('?overdue=true');
    expect(result.current.list.state.page).toBe(1);
    act(() => result.current.list.update({ page: 4 }));
    expect(result.current.search).toBe('?overdue=true&page=4');
  });

  it('replaces the history entry on every change, clearing included, when the list asks for it', () => {
    const REPLACING = defineList({ params: { q: text(), overdue: flag() }, replaceHistory: true });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <MemoryRouter initialEntries={['/x']}>{children}</MemoryRouter>
    );
    const { result } = renderHook(
      () => ({ list: useListUrlState(REPLACING), how: useNavigationType(), search: useLocation().search }),
      { wrapper },
    );
    act(() => result.current.list.update({ q: 'acme' }));
    expect([result.current.search, result.current.how]).toEqual(['?q=acme', 'REPLACE']);
    act(() => result.current.list.clearFilters());
    expect([result.current.search, result.current.how]).toEqual(['', 'REPLACE']);
    // A list that does not ask pushes, so Back undoes the change.
    const pushing = renderList('/x');
    act(() => pushing.result.current.list.update({ q: 'acme' }));
    expect(pushing.result.current.search).toBe('?q=acme');
  });

  it('clears filters but keeps settings, sort and page size', () => {
    const { result } = renderList('/x?q=acme&overdue=true&role=supplier&view=board&sort=createdAt&pageSize=50&page=2');
    act(() => result.current.list.clearFilters());
    expect(result.current.search).toBe('?role=supplier&view=board&sort=createdAt&pageSize=50');
    expect(result.current.list.activeFilterCount).toBe(0);
  });

  it('sorts a new column in its first direction and flips the current one', () => {
    const { result } = renderList('/x');
    act(() => result.current.list.sortBy('createdAt'));
    expect(result.current.list.state).toMatchObject({ sort: 'createdAt', order: 'desc' });
    act(() => result.current.list.sortBy('createdAt'));
    expect(result.current.list.state).toMatchObject({ sort: 'createdAt', order: 'asc' });
    act(() => result.current.list.sortBy('name'));
    expect(result.current.search).toBe('');
  });
});
