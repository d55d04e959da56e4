import { describe, expect, it } from 'vitest';
import {
  applyListChanges,
  defineList,
  flag,
  isoDate,
  oneOf,
  parseListState,
  positiveInt,
  setting,
  text,
} from './use-list-url-state';

const LIST = defineList({
  params: {
    q: text(),
    status: oneOf(['open', 'closed'] as const),
    archived: oneOf(['false', 'true', 'all'] as const, 'false'),
    partyId: positiveInt(),
    from: isoDate(),
    overdue: flag(),
    view: setting(oneOf(['list', 'board'] as const, 'list'), { isApi: false }),
  },
  sort: { keys: ['name', 'createdAt'], default: 'name', order: 'asc', firstOrder: { createdAt: 'desc' } },
  pageSizes: [20, 50, 100],
});

const parse = (search: string) => parseListState(LIST, new URLSearchParams(search));
const apply = (search: string, changes: Record<string, string | number | null>) =>
  applyListChanges(LIST, new URLSearchParams(search), changes).toString();

describe('list URL state', () => {
  it('reads defaults from an empty URL', () => {
    expect(parse('')).toEqual({
      q: undefined,
      status: undefined,
      archived: 'false',
      partyId: undefined,
      from: undefined,
      overdue: undefined,
      view: 'list',
      sort: 'name',
      order: 'asc',
      page: 1,
      pageSize: 20,
    });
  });

  it('reads every kind of parameter', () => {
    expect(
      parse(
        'q=+acme+&status=closed&archived=all&partyId=12&from=2026-04-01&overdue=true&view=board&sort=createdAt&order=desc&page=3&pageSize=50',
      ),
    ).toEqual({
      q: 'acme',
      status: 'closed',
      archived: 'all',
      partyId: 12,
      from: '2026-04-01',
      overdue: 'true',
      view: 'board',
      sort: 'createdAt',
      order: 'desc',
      page: 3,
      pageSize: 50,
    });
  });

  it('falls back to the defaults for invalid values, never throwing', () => {
    expect(
      parse(
        'q=%20%20&status=bogus&archived=maybe&partyId=-4&from=2026-13-45&overdue=yes&view=grid&sort=drop&order=up&page=0&pageSize=7',
      ),
    ).toEqual(parse(''));
    expect(parse('partyId=1.5&page=abc&pageSize=')).toEqual(parse(''));
    expect(parse('partyId=1e3&from=01-04-2026')).toEqual(parse(''));
    // Shaped like a date but not one: February has no 30th.
    expect(parse('from=2024-02-30')).toEqual(parse(''));
  });

  it('goes back to page 1 when anything but the page changes, and keeps defaults out of the URL', () => {
    expect(apply('page=3&q=acme', { status: 'open' })).toBe('q=acme&status=open');
    expect(apply('q=acme', { page: 2 })).toBe('q=acme&page=2');
    expect(apply('page=2', { page: 1 })).toBe('');
    expect(apply('archived=true', { archived: 'false', sort: 'name', order: 'asc', pageSize: 20 })).toBe('');
    expect(apply('q=acme&status=open', { q: null, status: '' })).toBe('');
  });
});
